import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import type { DocumentAttachmentResult } from "../components/proposal/document-attachments";
import { DocumentAttachments, RemovedFiles } from "../components/proposal/document-attachments";
import { readForm } from "../forms.server";
import { requireOnProposal, requireProposal } from "../permissions.server";
import { attachedDocumentParam, reportAttachmentForm } from "../proposals/attachment-schema";
import { addAttachment, attachmentPermission, discardUpload, receiveUpload, removeAttachment } from "../proposals/attachments.server";
import { documentAttachmentsPage } from "../proposals/document-attachments.server";

// The files of the concept note, of an activity's report or of the completion report. Their
// lists and forms are on those documents' pages; a form posted without JavaScript lands here.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.heading ?? "Attachments"} · ${data?.reference ?? data?.title ?? "Proposal"} · TAF portal` }];

async function documentOf(request: Request, params: LoaderFunctionArgs["params"]) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const document = attachedDocumentParam.safeParse(params.document ?? "");
  if (!document.success) throw new Response("No such document", { status: 404 });
  return { user, proposal, document: document.data, page: documentAttachmentsPage(proposal, user, document.data) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  return (await documentOf(request, params)).page;
}

const NOT_UNDERSTOOD = "This form was not understood. Reload the page and try again.";

export async function action({ request, params }: ActionFunctionArgs): Promise<DocumentAttachmentResult> {
  const { user, proposal, document } = await documentOf(request, params);
  requireOnProposal(user, attachmentPermission(document), proposal);
  const ip = clientIp(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const received = await receiveUpload(request);
    try {
      const parsed = reportAttachmentForm.safeParse(received.fields);
      if (!parsed.success) return { intent: "upload", ok: false, message: received.fields.intent === "upload" ? parsed.error.issues[0]!.message : NOT_UNDERSTOOD };
      if (parsed.data.intent !== "upload") return { intent: "upload", ok: false, message: NOT_UNDERSTOOD };
      const outcome = await addAttachment({ proposalId: proposal.proposalId, user, received, ip, list: document, documentKind: parsed.data.documentKind });
      return { intent: "upload", ...outcome };
    } finally {
      await discardUpload(received);
    }
  }
  const parsed = reportAttachmentForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success || parsed.data.intent !== "remove") return { intent: "remove", ok: false, message: NOT_UNDERSTOOD };
  return { intent: "remove", ...removeAttachment({ proposalId: proposal.proposalId, attachmentId: parsed.data.attachmentId, user, ip, list: document }) };
}

export default function DocumentAttachmentsPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={page.back.to}>← {page.back.label}</Link>
      </p>
      <h1>
        {page.reference ? <span className="reference">{page.reference}</span> : null} {page.heading}
      </h1>
      <p className="muted">{page.title || "Untitled proposal"}</p>
      <DocumentAttachments heading={null} proposalId={page.id} path={page.path} files={page.attachments} canEdit={page.canEdit} limits={page.limits} result={result} />
      <RemovedFiles proposalId={page.id} files={page.removed} />
    </>
  );
}
