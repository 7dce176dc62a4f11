import { Form, useNavigation } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../../translation";
import type { attachmentsPage } from "../../proposals/attachments.server";

// The attachments page's parts: a table of files, and the upload form that refuses a file too
// large before it is sent.

/** What the page's action answered: an upload or a removal, done or refused with why. */
export type AttachmentActionResult = { intent: "upload" | "remove"; ok: boolean; message: string };

type Row = ReturnType<typeof attachmentsPage>["attachments"][number];

export function AttachmentTable({ rows, proposalId, caption, remove }: { rows: Row[]; proposalId: number; caption: string; remove: boolean }) {
  const { t } = useTranslation();
  const removed = rows.some((row) => row.removedAt);
  return (
    <table className="stacked">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("attachmentsPage.file")}</th>
          <th scope="col">{t("attachmentsPage.table.type")}</th>
          <th scope="col">{t("attachmentsPage.table.size")}</th>
          <th scope="col">{t("attachmentsPage.table.addedBy")}</th>
          <th scope="col">{t("attachmentsPage.table.addedOn")}</th>
          {removed ? <th scope="col">{t("attachmentsPage.table.removedOn")}</th> : null}
          {remove ? (
            <th scope="col">
              <span className="visually-hidden">{t("attachmentsPage.remove")}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="text" data-label={t("attachmentsPage.file")}>
              {/* A plain link: the file is a download, not a page of the app. */}
              <a href={`/proposals/${proposalId}/attachments/${row.id}`} download>
                {row.name}
              </a>
            </td>
            <td data-label={t("attachmentsPage.table.type")}>{row.type}</td>
            <td className="nowrap" data-label={t("attachmentsPage.table.size")}>
              {row.size}
            </td>
            <td className="text" data-label={t("attachmentsPage.table.addedBy")}>
              {row.addedBy}
            </td>
            <td data-label={t("attachmentsPage.table.addedOn")}>{row.addedAt}</td>
            {removed ? <td data-label={t("attachmentsPage.table.removedOn")}>{row.removedAt}</td> : null}
            {remove ? (
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="attachmentId" value={row.id} />
                  <button type="submit" className="secondary">
                    {t("attachmentsPage.remove")}
                    <span className="visually-hidden"> “{row.name}”</span>
                  </button>
                </Form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function UploadForm({ page, result }: { page: { maxBytes: number; accept: string; acceptedInWords: string }; result?: AttachmentActionResult }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement>(null);
  // With JavaScript, a file that is too large is refused before it is sent (slow connections).
  const [sizeError, setSizeError] = useState<string | null>(null);
  const uploading = navigation.state === "submitting" && navigation.formData?.get("intent") === "upload";
  useEffect(() => {
    if (result?.intent === "upload" && result.ok) form.current?.reset();
  }, [result]);
  const error = sizeError ?? (result?.intent === "upload" && !result.ok ? result.message : null);

  function checkSize(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    const message = file && file.size > page.maxBytes ? t("attachmentsPage.tooLargeChosen", { name: file.name }) : null;
    event.currentTarget.setCustomValidity(message ?? "");
    setSizeError(message);
  }

  return (
    <Form method="post" encType="multipart/form-data" className="stack" ref={form}>
      <input type="hidden" name="intent" value="upload" />
      <div className="field">
        <label htmlFor="attachment-file">{t("attachmentsPage.file")}</label>
        <span className="hint" id="attachment-file-hint">
          {t("attachmentsPage.fileHint", { accepted: page.acceptedInWords })}
        </span>
        <input
          id="attachment-file"
          name="file"
          type="file"
          accept={page.accept}
          required
          onChange={checkSize}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "attachment-file-hint attachment-file-error" : "attachment-file-hint"}
        />
        {error ? (
          <p className="error" id="attachment-file-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={uploading}>
        {uploading ? t("attachmentsPage.uploading") : t("attachmentsPage.upload")}
      </button>
    </Form>
  );
}
