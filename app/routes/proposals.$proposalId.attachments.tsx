import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import type { AttachmentActionResult } from "../components/proposal/attachments";
import { AttachmentTable, UploadForm } from "../components/proposal/attachments";
import { useTextLanguage } from "../components/text-language";
import { readForm } from "../forms.server";
import { pageLanguage, translatorOf } from "../i18n.server";
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

async function wordsOf(request: Request) {
  return { t: await translatorOf(request), language: await pageLanguage(request) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const words = await wordsOf(request);
  const { t } = words;
  const page = attachmentsPage(proposal.proposalId, words);
  return {
    id: proposal.proposalId,
    ...page,
    pageTitle: t("layout.pageTitle", { page: `${t("attachmentsPage.what")} · ${page.proposal.reference ?? page.proposal.title}` }),
    canEdit: canOnProposal(user, "editProposal", proposal),
    accept: ACCEPT_ATTRIBUTE,
    acceptedInWords: t(ACCEPTED_IN_WORDS),
    maxBytes: MAX_ATTACHMENT_BYTES,
    maxCount: MAX_ATTACHMENTS,
    // server.ts sends an upload far over 10 MB back here unread, to say so beside the file field.
    refusedUpload: new URL(request.url).searchParams.get("upload") === "too-large" ? t("attachmentsPage.tooLargeUnread") : null,
  };
}

const NOT_UNDERSTOOD = "attachmentsPage.outcome.notUnderstood";

export async function action({ request, params }: ActionFunctionArgs): Promise<AttachmentActionResult> {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  const words = await wordsOf(request);
  const ip = clientIp(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const received = await receiveUpload(request);
    try {
      const parsed = attachmentForm.safeParse(received.fields);
      if (!parsed.success || parsed.data.intent !== "upload") return { intent: "upload", ok: false, message: words.t(NOT_UNDERSTOOD) };
      return { intent: "upload", ...(await addAttachment({ proposalId: proposal.proposalId, user, received, ip, words })) };
    } finally {
      await discardUpload(received);
    }
  }
  const parsed = attachmentForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success || parsed.data.intent !== "remove") return { intent: "remove", ok: false, message: words.t(NOT_UNDERSTOOD) };
  return { intent: "remove", ...removeAttachment({ proposalId: proposal.proposalId, attachmentId: parsed.data.attachmentId, user, ip, words }) };
}

export default function AttachmentsPage() {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() ?? (page.refusedUpload ? { intent: "upload" as const, ok: false, message: page.refusedUpload } : undefined);
  const full = page.attachments.length >= page.maxCount;
  return (
    <>
      <p>
        <Link to={`/proposals/${page.id}`}>← {t("attachmentsPage.backToProposal")}</Link>
      </p>
      <h1>
        {page.proposal.reference ? <span className="reference">{page.proposal.reference}</span> : null} {t("attachmentsPage.what")}
      </h1>
      {page.proposal.title ? (
        <p className="muted" {...typed}>
          {page.proposal.title}
        </p>
      ) : (
        <p className="muted">{t("attachmentsPage.untitledProposal")}</p>
      )}
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
      <p>{t("attachmentsPage.intro", { used: page.attachments.length, max: page.maxCount })}</p>
      {page.attachments.length ? (
        <AttachmentTable rows={page.attachments} proposalId={page.id} caption={t("attachmentsPage.caption")} remove={page.canEdit} />
      ) : (
        <p className="empty">{t("attachmentsPage.noAttachments")}</p>
      )}

      <section aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t("attachmentsPage.addHeading")}</h2>
        {!page.canEdit ? (
          <p>{t("attachmentsPage.onlyLead")}</p>
        ) : full ? (
          <p className="notice warning">{t("attachmentsPage.full", { max: page.maxCount })}</p>
        ) : (
          <UploadForm page={page} result={result} />
        )}
      </section>

      {page.removed.length ? (
        <details className="removed-attachments">
          <summary>{t("attachmentsPage.removedAttachments", { number: page.removed.length })}</summary>
          <p className="muted">{t("attachmentsPage.removedKept")}</p>
          <AttachmentTable rows={page.removed} proposalId={page.id} caption={t("attachmentsPage.removedCaption")} remove={false} />
        </details>
      ) : null}
    </>
  );
}
