import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { formatBrussels } from "../../workflows/time";
import { receivedMessage } from "../mail/mailbox.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.subject ?? "Message"} · Mailbox · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "readMailbox");
  const id = Number(params.messageId);
  const message = Number.isSafeInteger(id) ? receivedMessage(id) : undefined;
  if (!message) throw new Response("No such message", { status: 404 });
  return { ...message, receivedAt: formatBrussels(message.receivedAt) };
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
  return (
    <>
      <p>
        <Link to="/admin/mailbox">Back to the mailbox</Link>
      </p>
      <h1>{message.subject || "(no subject)"}</h1>
      <dl className="facts">
        <dt>Received</dt>
        <dd>{message.receivedAt}</dd>
        <dt>From</dt>
        <dd>{message.envelopeFrom}</dd>
        <dt>To</dt>
        <dd>{message.envelopeTo}</dd>
      </dl>
      <h2>Text version</h2>
      <LinkedText text={message.text} />
      {message.html ? (
        <>
          <h2>As the recipient sees it</h2>
          {/* Sandboxed without scripts: a received message can never act in the portal. */}
          <iframe className="mail" title="The message as HTML" sandbox="" srcDoc={message.html} />
        </>
      ) : null}
    </>
  );
}
