import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ChangeEvent } from "react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { clientIp } from "../auth/session.server";
import { canOnProposal, requireProposal } from "../permissions.server";
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_IN_WORDS,
  addAttachment,
  attachmentsPage,
  discardUpload,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  receiveUpload,
  removeAttachment,
} from "../proposals/attachments.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Attachments · ${data?.proposal.reference ?? data?.proposal.title ?? "Proposal"} · TAF portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  return {
    id: proposal.proposalId,
    ...attachmentsPage(proposal.proposalId),
    canEdit: canOnProposal(user, "editProposal", proposal),
    accept: ACCEPT_ATTRIBUTE,
    acceptedInWords: ACCEPTED_IN_WORDS,
    maxBytes: MAX_ATTACHMENT_BYTES,
    maxCount: MAX_ATTACHMENTS,
  };
}

// The upload form is multipart (its file is read by receiveUpload, never held in memory);
// the remove buttons post ordinary forms.
const attachmentForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("upload") }),
  z.object({ intent: z.literal("remove"), attachmentId: z.coerce.number().int().positive() }),
]);

type ActionResult = { intent: "upload" | "remove"; ok: boolean; message: string };

const NOT_UNDERSTOOD = "This form was not understood. Reload the page and try again.";

export async function action({ request, params }: ActionFunctionArgs): Promise<ActionResult> {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  const ip = clientIp(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const received = await receiveUpload(request);
    try {
      const parsed = attachmentForm.safeParse(received.fields);
      if (!parsed.success || parsed.data.intent !== "upload") return { intent: "upload", ok: false, message: NOT_UNDERSTOOD };
      return { intent: "upload", ...(await addAttachment({ proposalId: proposal.proposalId, user, received, ip })) };
    } finally {
      await discardUpload(received);
    }
  }
  const parsed = attachmentForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success || parsed.data.intent !== "remove") return { intent: "remove", ok: false, message: NOT_UNDERSTOOD };
  return { intent: "remove", ...removeAttachment({ proposalId: proposal.proposalId, attachmentId: parsed.data.attachmentId, user, ip }) };
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["attachments"][number];

function AttachmentTable({ rows, proposalId, caption, remove }: { rows: Row[]; proposalId: number; caption: string; remove: boolean }) {
  const removed = rows.some((row) => row.removedAt);
  return (
    <table>
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
            <td>
              {/* A plain link: the file is a download, not a page of the app. */}
              <a href={`/proposals/${proposalId}/attachments/${row.id}`} download>
                {row.name}
              </a>
            </td>
            <td>{row.type}</td>
            <td className="nowrap">{row.size}</td>
            <td>{row.addedBy}</td>
            <td>{row.addedAt}</td>
            {removed ? <td>{row.removedAt}</td> : null}
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

function UploadForm({ page, result }: { page: ReturnType<typeof useLoaderData<typeof loader>>; result?: ActionResult }) {
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

export default function AttachmentsPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const full = page.attachments.length >= page.maxCount;
  return (
    <>
      <p>
        <Link to={`/proposals/${page.id}`}>← Back to the proposal</Link>
      </p>
      <h1>
        {page.proposal.reference ? <span className="reference">{page.proposal.reference}</span> : null} Attachments
      </h1>
      <p className="muted">{page.proposal.title || "Untitled proposal"}</p>
      {result?.ok ? (
        <p className="notice success" role="status">
          {result.message}
        </p>
      ) : null}
      {result && !result.ok && result.intent === "remove" ? (
        <p className="notice error" role="alert">
          {result.message}
        </p>
      ) : null}
      <p>
        Letters of support and supporting documents for this proposal. Everyone who can see the proposal can download them. {page.attachments.length} of{" "}
        {page.maxCount} attachments used.
      </p>
      {page.attachments.length ? (
        <AttachmentTable rows={page.attachments} proposalId={page.id} caption="Attachments of this proposal" remove={page.canEdit} />
      ) : (
        <p className="empty">No attachments yet.</p>
      )}

      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">Add an attachment</h2>
        {!page.canEdit ? (
          <p>Only the lead institution’s applicants add and remove attachments, while the proposal is a draft or clarification is requested.</p>
        ) : full ? (
          <p className="notice warning">
            This proposal has {page.maxCount} attachments, the most allowed. Remove one to add another.
          </p>
        ) : (
          <UploadForm page={page} result={result} />
        )}
      </section>

      {page.removed.length ? (
        <details className="removed-attachments">
          <summary>Removed attachments ({page.removed.length})</summary>
          <p className="muted">Kept because the TAF team may have read them with a submitted version of the proposal.</p>
          <AttachmentTable rows={page.removed} proposalId={page.id} caption="Removed attachments" remove={false} />
        </details>
      ) : null}
    </>
  );
}
