import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatBrussels } from "../../emails/time";
import { MAILBOX_PAGE_SIZE, receivedMail, undeliveredMail } from "../mailbox.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction = () => [{ title: "Mailbox · TAF portal" }];

const query = z.object({
  to: z.string().trim().max(254).catch(""),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "readMailbox");
  const { to, page } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows, total } = receivedMail({ recipient: to, page });
  return {
    to,
    page,
    pages: Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE)),
    total,
    received: rows.map((r) => ({ ...r, receivedAt: formatBrussels(r.receivedAt) })),
    undelivered: undeliveredMail().map((m) => ({ ...m, nextAttemptAt: formatBrussels(m.nextAttemptAt) })),
  };
}

export default function Mailbox() {
  const data = useLoaderData<typeof loader>();
  const pageLink = (page: number) => `?${new URLSearchParams({ ...(data.to ? { to: data.to } : {}), page: String(page) })}`;
  return (
    <>
      <h1>Mailbox</h1>
      <p>
        Every e-mail the portal sends is listed here when the portal uses its own mail server (no SMTP_URL set).
        Messages contain personal links: do not forward them.
      </p>
      {data.undelivered.length ? (
        <section aria-labelledby="undelivered-heading">
          <h2 id="undelivered-heading">Not delivered yet</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Next attempt</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {data.undelivered.map((m) => (
                <tr key={m.id}>
                  <td>{m.recipient}</td>
                  <td>{m.subject}</td>
                  <td>
                    <span className={m.status === "failed" ? "badge warn" : "badge"}>{m.status === "failed" ? "gave up" : "waiting"}</span>
                  </td>
                  <td>{m.attempts}</td>
                  <td>{m.status === "failed" ? "none" : m.nextAttemptAt}</td>
                  <td>{m.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
        <table>
          <caption>
            {data.total} message{data.total === 1 ? "" : "s"}
            {data.to ? ` to addresses containing “${data.to}”` : ""}
          </caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
            </tr>
          </thead>
          <tbody>
            {data.received.map((m) => (
              <tr key={m.id}>
                <td>{m.receivedAt}</td>
                <td>{m.to}</td>
                <td>
                  <Link to={`/admin/mailbox/${m.id}`}>{m.subject || "(no subject)"}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{data.to ? "No message to such an address." : "No mail received yet."}</p>
      )}
      {data.pages > 1 ? (
        <nav className="pagination" aria-label="Pages">
          {data.page > 1 ? <Link to={pageLink(data.page - 1)}>Newer</Link> : null}
          <span>
            Page {data.page} of {data.pages}
          </span>
          {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>Older</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
