import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "../translation";
import { formatBrusselsIn } from "../../workflows/time";
import { pageLanguage, translatorOf } from "../i18n.server";
import { receivedMessage } from "../mail/mailbox.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "readMailbox");
  const id = Number(params.messageId);
  const message = Number.isSafeInteger(id) ? receivedMessage(id) : undefined;
  const t = await translatorOf(request);
  if (!message) throw new Response(t("access.noSuchMessage"), { status: 404 });
  const page = t("mailMessagePage.title", { subject: message.subject || t("mailboxPage.noSubject") });
  return { ...message, title: t("layout.pageTitle", { page }), receivedAt: formatBrusselsIn(await pageLanguage(request), message.receivedAt) };
}

/** The plain-text body with its web addresses made into links, so a link can be followed from here. */
function LinkedText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre className="mail">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </pre>
  );
}

export default function MailboxMessage() {
  const message = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const written = message.language ?? undefined;
  return (
    <>
      <p>
        <Link to="/admin/mailbox">{t("mailMessagePage.back")}</Link>
      </p>
      <h1 lang={message.subject ? written : undefined}>{message.subject || t("mailboxPage.noSubject")}</h1>
      <dl className="facts">
        <dt>{t("mailboxPage.receivedAt")}</dt>
        <dd>{message.receivedAt}</dd>
        <dt>{t("mailMessagePage.from")}</dt>
        <dd>{message.envelopeFrom}</dd>
        <dt>{t("mailboxPage.to")}</dt>
        <dd>{message.envelopeTo}</dd>
      </dl>
      <h2>{t("mailMessagePage.textVersion")}</h2>
      <div lang={written}>
        <LinkedText text={message.text} />
      </div>
      {message.html ? (
        <>
          <h2>{t("mailMessagePage.asSeen")}</h2>
          {/* Sandboxed without scripts: a received message can never act in the portal. */}
          <iframe className="mail" title={t("mailMessagePage.htmlFrame")} sandbox="" srcDoc={message.html} />
        </>
      ) : null}
    </>
  );
}
