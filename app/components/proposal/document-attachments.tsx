import { useFetcher } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../../translation";
import type { AttachmentRow } from "../../proposals/attachments.server";
import type { attachmentLimits } from "../../proposals/document-attachments.server";

// The files of the concept note or of a report (agendas, lists of participants, minutes):
// listed beside the document, with a form for the lead while the document may change. The
// forms post to the document's own /attachments page: with JavaScript the page stays where
// it is and its lists reload; without, the browser lands on that page with the answer.

/** What the attachments action answered: an upload or a removal, done or refused with why. */
export type DocumentAttachmentResult = { intent: "upload" | "remove"; ok: boolean; message: string };

type Props = {
  /** The section's heading; null on the document's own attachments page, which has its own. */
  heading: string | null;
  /** Where the section sits in the page's outline. */
  level?: 2 | 3 | 4;
  proposalId: number;
  path: string;
  files: AttachmentRow[];
  canEdit: boolean;
  limits: ReturnType<typeof attachmentLimits>;
  /** The answer of a form posted without JavaScript. */
  result?: DocumentAttachmentResult;
};

export function DocumentAttachments({ heading, level = 2, proposalId, path, files, canEdit, limits, result }: Props) {
  const { t } = useTranslation();
  const fetcher = useFetcher<DocumentAttachmentResult>({ key: path });
  const answer = fetcher.data ?? result;
  const form = useRef<HTMLFormElement>(null);
  const [sizeError, setSizeError] = useState<string | null>(null);
  const id = `files${path.replace(/\W+/g, "-")}`;
  const uploading = fetcher.state !== "idle" && fetcher.formData?.get("intent") === "upload";
  useEffect(() => {
    if (answer?.intent === "upload" && answer.ok) form.current?.reset();
  }, [answer]);
  const uploadError = sizeError ?? (answer?.intent === "upload" && !answer.ok ? answer.message : null);
  const full = files.length >= limits.maxCount;
  const Heading = `h${level}` as const;

  function checkSize(event: ChangeEvent<HTMLInputElement>) {
    const file = event.currentTarget.files?.[0];
    const message = file && file.size > limits.maxBytes ? t("attachmentsPage.tooLargeChosen", { name: file.name }) : null;
    event.currentTarget.setCustomValidity(message ?? "");
    setSizeError(message);
  }

  const uploadForm = (
    <fetcher.Form method="post" action={path} encType="multipart/form-data" className="stack" ref={form}>
      <input type="hidden" name="intent" value="upload" />
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t("attachmentsPage.documentKind")}</label>
        <select id={`${id}-kind`} name="documentKind" required defaultValue="">
          <option value="" disabled>
            {t("attachmentsPage.choose")}
          </option>
          {limits.documentKinds.map((kind) => (
            <option key={kind.id} value={kind.id}>
              {kind.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>{t("attachmentsPage.file")}</label>
        <span className="hint" id={`${id}-hint`}>
          {t("attachmentsPage.documentFileHint", { accepted: limits.acceptedInWords })}
        </span>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept={limits.accept}
          required
          onChange={checkSize}
          aria-invalid={uploadError ? true : undefined}
          aria-describedby={uploadError ? `${id}-hint ${id}-error` : `${id}-hint`}
        />
        {uploadError ? (
          <p className="error" id={`${id}-error`} role="alert">
            {uploadError}
          </p>
        ) : null}
      </div>
      <button type="submit" disabled={uploading}>
        {uploading ? t("attachmentsPage.uploading") : t("attachmentsPage.upload")}
      </button>
    </fetcher.Form>
  );

  return (
    <section className="attached-files" aria-labelledby={heading ? `${id}-heading` : undefined} aria-label={heading ? undefined : t("attachmentsPage.files")}>
      {heading ? <Heading id={`${id}-heading`}>{heading}</Heading> : null}
      {answer?.ok ? (
        <p className="notice success" role="status">
          {answer.message}
        </p>
      ) : null}
      {answer && !answer.ok && answer.intent === "remove" ? (
        <p className="notice error" role="alert">
          {answer.message}
        </p>
      ) : null}
      {files.length ? (
        <ul className="plain">
          {files.map((file) => (
            <li key={file.id}>
              {/* A plain link: the file is a download, not a page of the app. */}
              <a href={`/proposals/${proposalId}/attachments/${file.id}`} download>
                {file.name}
              </a>{" "}
              <span className="muted">
                {[file.documentKind, `${file.type}, ${file.size}`, t("attachmentsPage.addedByOn", { name: file.addedBy, at: file.addedAt })].filter(Boolean).join(" · ")}
              </span>
              {canEdit ? (
                <fetcher.Form method="post" action={path}>
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="attachmentId" value={file.id} />
                  <button type="submit" className="secondary">
                    {t("attachmentsPage.remove")}
                    <span className="visually-hidden"> “{file.name}”</span>
                  </button>
                </fetcher.Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        // A quiet line, not the empty-list box: a page of activity cards shows one per card.
        <p className="muted">{t("attachmentsPage.noFiles")}</p>
      )}
      {!canEdit ? null : full ? (
        <p className="notice warning">
          {t("attachmentsPage.filesFull", { number: files.length })}
        </p>
      ) : heading ? (
        <details open={uploadError !== null}>
          <summary>{t("attachmentsPage.attachDocument")}</summary>
          {uploadForm}
        </details>
      ) : (
        uploadForm
      )}
    </section>
  );
}

/** The files taken off a document's list: kept, since a version sent with them lists them. */
export function RemovedFiles({ proposalId, files }: { proposalId: number; files: AttachmentRow[] }) {
  const { t } = useTranslation();
  if (!files.length) return null;
  return (
    <details className="removed-attachments">
      <summary>{t("attachmentsPage.removedFiles", { number: files.length })}</summary>
      <p className="muted">{t("attachmentsPage.removedFilesKept")}</p>
      <ul className="plain">
        {files.map((file) => (
          <li key={file.id}>
            <a href={`/proposals/${proposalId}/attachments/${file.id}`} download>
              {file.name}
            </a>{" "}
            <span className="muted">{t("attachmentsPage.removedOn", { at: file.removedAt })}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
