import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import type { DocumentAttachmentResult } from "../components/proposal/document-attachments";
import { DocumentAttachments, RemovedFiles } from "../components/proposal/document-attachments";
import { readForm } from "../forms.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requireOnProposal, requireProposal } from "../permissions.server";
import { attachedDocumentParam, reportAttachmentForm } from "../proposals/attachment-schema";
import { addAttachment, attachmentPermission, discardUpload, receiveUpload, removeAttachment } from "../proposals/attachments.server";
import { documentAttachmentsPage } from "../proposals/document-attachments.server";

// The files of the concept note, of an activity's report or of the completion report. Their
// lists and forms are on those documents' pages; a form posted without JavaScript lands here.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

async function documentOf(request: Request, params: LoaderFunctionArgs["params"]) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const document = attachedDocumentParam.safeParse(params.document ?? "");
  if (!document.success) throw new Response(words.t("attachmentsPage.noSuchDocument"), { status: 404 });
  return { user, proposal, words, document: document.data, page: documentAttachmentsPage(proposal, user, document.data, words) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { page, words } = await documentOf(request, params);
  return { ...page, pageTitle: words.t("layout.pageTitle", { page: `${page.heading} · ${page.reference ?? page.title}` }) };
}

const NOT_UNDERSTOOD = "attachmentsPage.outcome.notUnderstood";

export async function action({ request, params }: ActionFunctionArgs): Promise<DocumentAttachmentResult> {
  const { user, proposal, document, words } = await documentOf(request, params);
  const { t } = words;
  requireOnProposal(user, attachmentPermission(document), proposal, words);
  const ip = clientIp(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const received = await receiveUpload(request);
    try {
      const parsed = reportAttachmentForm.safeParse(received.fields);
      if (!parsed.success) return { intent: "upload", ok: false, message: t(received.fields.intent === "upload" ? parsed.error.issues[0]!.message : NOT_UNDERSTOOD) };
      if (parsed.data.intent !== "upload") return { intent: "upload", ok: false, message: t(NOT_UNDERSTOOD) };
      const outcome = await addAttachment({ proposalId: proposal.proposalId, user, received, ip, list: document, documentKind: parsed.data.documentKind, words });
      return { intent: "upload", ...outcome };
    } finally {
      await discardUpload(received);
    }
  }
  const parsed = reportAttachmentForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success || parsed.data.intent !== "remove") return { intent: "remove", ok: false, message: t(NOT_UNDERSTOOD) };
  return { intent: "remove", ...removeAttachment({ proposalId: proposal.proposalId, attachmentId: parsed.data.attachmentId, user, ip, list: document, words }) };
}

export default function DocumentAttachmentsPage() {
  const { t } = useTranslation();
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
      <p className="muted">{page.title || t("attachmentsPage.untitledProposal")}</p>
      <DocumentAttachments heading={null} proposalId={page.id} path={page.path} files={page.attachments} canEdit={page.canEdit} limits={page.limits} result={result} />
      <RemovedFiles proposalId={page.id} files={page.removed} />
    </>
  );
}
