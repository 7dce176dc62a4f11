import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "../zod";
import { formatBrussels } from "../../workflows/time";
import { LANGUAGES } from "../../workflows/languages";
import { clientIp } from "../auth/session.server";
import { FormErrors } from "../components/fields";
import { readForm } from "../forms.server";
import { Pagination } from "../components/pagination";
import { receivedMail, resendFailedMail, undeliveredMail } from "../mail/mailbox.server";
import { requestedPage } from "../pagination.server";
import { can, requirePermission } from "../permissions.server";

export const meta: MetaFunction = () => [{ title: "Mailbox · TAF portal" }];

const query = z.object({
  to: z.string().trim().max(254).catch(""),
});

const resendForm = z.object({
  outboxId: z.string().regex(/^[1-9]\d{0,15}$/).transform(Number),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "readMailbox");
  const searchParams = new URL(request.url).searchParams;
  const { to } = query.parse(Object.fromEntries(searchParams));
  const received = receivedMail(to, requestedPage(request));
  const undelivered = undeliveredMail(requestedPage(request, "undeliveredPage"));
  return {
    to,
    mayResend: can(user, "resendMail"),
    resent: searchParams.get("notice") === "resent",
    pages: received.pages,
    received: received.rows.map((r) => ({ ...r, receivedAt: formatBrussels(r.receivedAt) })),
    undeliveredPages: undelivered.pages,
    undelivered: undelivered.rows.map((m) => ({ ...m, nextAttemptAt: formatBrussels(m.nextAttemptAt) })),
  };
}

/** "Send again" on a message the outbox gave up on: back to the queue, due now. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "resendMail");
  const form = resendForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) return { error: "The portal could not tell which message to send again. Reload the page and use the button next to the message." };
  const outcome = resendFailedMail(user, form.data.outboxId, clientIp(request));
  if (!outcome.ok) return { error: outcome.error };
  throw redirect("/admin/mailbox?notice=resent");
}

export default function Mailbox() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h1>Mailbox</h1>
      <p>
        Every e-mail the portal sends is listed here when the portal uses its own mail server (no SMTP_URL set).
        Messages contain personal links: do not forward them.
      </p>
      {data.resent ? (
        <p className="notice success" role="status">
          The message is back in the queue and goes out within seconds. If it is refused again, it is listed below.
        </p>
      ) : null}
      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />
      {data.undelivered.length ? (
        <section aria-labelledby="undelivered-heading">
          <h2 id="undelivered-heading">Not delivered yet</h2>
          {data.mayResend && data.undelivered.some((m) => m.status === "failed") ? (
            <p>
              The portal stopped trying the messages marked “gave up”. Once the cause in the last error is fixed (for
              instance the mail server's password), send them again. A message goes to the address it was written to.
            </p>
          ) : null}
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Language</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {data.undelivered.map((m) => (
                <tr key={m.id}>
                  <td className="text address" data-label="To">{m.recipient}</td>
                  <td className="text" data-label="Subject">{m.subject}</td>
                  <td data-label="Language" lang={m.language ?? undefined}>{languageName(m.language)}</td>
                  <td data-label="Status">
                    <span className={m.status === "failed" ? "badge warn" : "badge"}>{m.status === "failed" ? "gave up" : "waiting"}</span>
                  </td>
                  <td data-label="Attempts">{m.attempts}</td>
                  <td data-label="Next attempt">
                    {m.status !== "failed" ? (
                      m.nextAttemptAt
                    ) : data.mayResend ? (
                      <Form method="post">
                        <input type="hidden" name="outboxId" value={m.id} />
                        <button type="submit" className="secondary">
                          Send again<span className="visually-hidden"> to {m.recipient}</span>
                        </button>
                      </Form>
                    ) : (
                      "none"
                    )}
                  </td>
                  <td className="text" data-label="Last error">{m.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination pages={data.undeliveredPages} label="undelivered mail" />
        </section>
      ) : null}
      <h2>Received</h2>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="to">Recipient contains</label>
          <input id="to" name="to" type="search" defaultValue={data.to} />
        </div>
        <button type="submit">Search mail</button>
        {data.to ? <Link to=".">Show all</Link> : null}
      </Form>
      {data.received.length ? (
        <table className="stacked">
          <caption>
            {data.pages.total} message{data.pages.total === 1 ? "" : "s"}
            {data.to ? ` to addresses containing “${data.to}”` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Language</th>
            </tr>
          </thead>
          <tbody>
            {data.received.map((m) => (
              <tr key={m.id}>
                <td data-label="Received">{m.receivedAt}</td>
                <td className="text address" data-label="To">{m.to}</td>
                <td className="text" data-label="Subject">
                  <Link to={`/admin/mailbox/${m.id}`}>{m.subject || "(no subject)"}</Link>
                </td>
                <td data-label="Language" lang={m.language ?? undefined}>{languageName(m.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{data.to ? "No message to such an address." : "No mail received yet."}</p>
      )}
      <Pagination pages={data.pages} label="received mail" />
    </>
  );
}

/** Which language a message is written in, by the name its readers know it by; mail from elsewhere may say none. */
function languageName(tag: string | null) {
  return LANGUAGES.find((language) => language.tag === tag)?.name ?? "not stated";
}
