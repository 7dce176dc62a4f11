import { Form, useNavigation } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { useEffect, useRef, useState } from "react";
import type { attachmentsPage } from "../../proposals/attachments.server";

// The attachments page's parts: a table of files, and the upload form that refuses a file too
// large before it is sent.

/** What the page's action answered: an upload or a removal, done or refused with why. */
export type AttachmentActionResult = { intent: "upload" | "remove"; ok: boolean; message: string };

type Row = ReturnType<typeof attachmentsPage>["attachments"][number];

export function AttachmentTable({ rows, proposalId, caption, remove }: { rows: Row[]; proposalId: number; caption: string; remove: boolean }) {
  const removed = rows.some((row) => row.removedAt);
  return (
    <table className="stacked">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Added by</th>
          <th scope="col">Added on</th>
          {removed ? <th scope="col">Removed on</th> : null}
          {remove ? (
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td className="text" data-label="File">
              {/* A plain link: the file is a download, not a page of the app. */}
              <a href={`/proposals/${proposalId}/attachments/${row.id}`} download>
                {row.name}
              </a>
            </td>
            <td data-label="Type">{row.type}</td>
            <td className="nowrap" data-label="Size">{row.size}</td>
            <td className="text" data-label="Added by">{row.addedBy}</td>
            <td data-label="Added on">{row.addedAt}</td>
            {removed ? <td data-label="Removed on">{row.removedAt}</td> : null}
            {remove ? (
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="attachmentId" value={row.id} />
                  <button type="submit" className="secondary">
                    Remove<span className="visually-hidden"> “{row.name}”</span>
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
    const message = file && file.size > page.maxBytes ? `“${file.name}” is larger than 10 MB, the most a file may be. Make it smaller and choose it again.` : null;
    event.currentTarget.setCustomValidity(message ?? "");
    setSizeError(message);
  }

  return (
    <Form method="post" encType="multipart/form-data" className="stack" ref={form}>
      <input type="hidden" name="intent" value="upload" />
      <div className="field">
        <label htmlFor="attachment-file">File</label>
        <span className="hint" id="attachment-file-hint">
          A letter of support or a supporting document: {page.acceptedInWords}, at most 10 MB. The portal checks what the file really is, not only its name.
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
        {uploading ? "Uploading…" : "Upload the file"}
      </button>
    </Form>
  );
}
