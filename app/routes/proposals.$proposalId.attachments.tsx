import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import type { AttachmentActionResult } from "../components/proposal/attachments";
import { AttachmentTable, UploadForm } from "../components/proposal/attachments";
import { readForm } from "../forms.server";
import { canOnProposal, requireProposal } from "../permissions.server";
import { attachmentForm } from "../proposals/attachment-schema";
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
    // server.ts sends an upload far over 10 MB back here unread, to say so beside the file field.
    refusedUpload: new URL(request.url).searchParams.get("upload") === "too-large" ? TOO_LARGE_UNREAD : null,
  };
}

const TOO_LARGE_UNREAD = "The file you chose is larger than 10 MB, the most a file may be. Make it smaller (for example, scan it at a lower resolution or split it in parts) and upload it again. Nothing was saved.";

const NOT_UNDERSTOOD = "This form was not understood. Reload the page and try again.";

export async function action({ request, params }: ActionFunctionArgs): Promise<AttachmentActionResult> {
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

export default function AttachmentsPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? (page.refusedUpload ? { intent: "upload" as const, ok: false, message: page.refusedUpload } : undefined);
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
