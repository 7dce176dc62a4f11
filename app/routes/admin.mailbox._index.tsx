import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "../translation";
import { z } from "../zod";
import { formatBrusselsIn, formatNumberIn } from "../../workflows/time";
import { LANGUAGES } from "../../workflows/languages";
import { clientIp } from "../auth/session.server";
import { FormErrors } from "../components/fields";
import { readForm } from "../forms.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { Pagination } from "../components/pagination";
import { receivedMail, resendFailedMail, undeliveredMail } from "../mail/mailbox.server";
import { requestedPage } from "../pagination.server";
import { can, requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

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
  const [t, language] = [await translatorOf(request), await pageLanguage(request)];
  return {
    title: t("layout.pageTitle", { page: t("mailboxPage.title") }),
    to,
    mayResend: can(user, "resendMail"),
    resent: searchParams.get("notice") === "resent",
    pages: received.pages,
    receivedTotal: formatNumberIn(language, received.pages.total),
    received: received.rows.map((r) => ({ ...r, receivedAt: formatBrusselsIn(language, r.receivedAt), languageName: languageName(r.language, t) })),
    undeliveredPages: undelivered.pages,
    undelivered: undelivered.rows.map((m) => ({ ...m, nextAttemptAt: formatBrusselsIn(language, m.nextAttemptAt), languageName: languageName(m.language, t) })),
  };
}

/** "Send again" on a message the outbox gave up on: back to the queue, due now. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "resendMail");
  const form = resendForm.safeParse(Object.fromEntries(await readForm(request)));
  const t = await translatorOf(request);
  if (!form.success) return { error: t("mailboxPage.unknownMessage") };
  const outcome = resendFailedMail(user, form.data.outboxId, clientIp(request));
  if (!outcome.ok) return { error: t(outcome.error.key, outcome.error.values) };
  throw redirect("/admin/mailbox?notice=resent");
}

export default function Mailbox() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("mailboxPage.title")}</h1>
      <p>{t("mailboxPage.intro")}</p>
      {data.resent ? (
        <p className="notice success" role="status">
          {t("mailboxPage.resent")}
        </p>
      ) : null}
      <FormErrors errors={actionData?.error ? [actionData.error] : undefined} />
      {data.undelivered.length ? (
        <section aria-labelledby="undelivered-heading">
          <h2 id="undelivered-heading">{t("mailboxPage.undelivered")}</h2>
          {data.mayResend && data.undelivered.some((m) => m.status === "failed") ? <p>{t("mailboxPage.gaveUpHelp")}</p> : null}
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">{t("mailboxPage.to")}</th>
                <th scope="col">{t("mailboxPage.subject")}</th>
                <th scope="col">{t("mailboxPage.language")}</th>
                <th scope="col">{t("mailboxPage.status")}</th>
                <th scope="col">{t("mailboxPage.attempts")}</th>
                <th scope="col">{t("mailboxPage.nextAttempt")}</th>
                <th scope="col">{t("mailboxPage.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {data.undelivered.map((m) => (
                <tr key={m.id}>
                  <td className="text address" data-label={t("mailboxPage.to")}>{m.recipient}</td>
                  <td className="text" data-label={t("mailboxPage.subject")} lang={m.language ?? undefined}>{m.subject}</td>
                  <td data-label={t("mailboxPage.language")} lang={m.language ?? undefined}>{m.languageName}</td>
                  <td data-label={t("mailboxPage.status")}>
                    <span className={m.status === "failed" ? "badge warn" : "badge"}>{m.status === "failed" ? t("mailboxPage.gaveUp") : t("mailboxPage.waiting")}</span>
                  </td>
                  <td data-label={t("mailboxPage.attempts")}>{m.attempts}</td>
                  <td data-label={t("mailboxPage.nextAttempt")}>
                    {m.status !== "failed" ? (
                      m.nextAttemptAt
                    ) : data.mayResend ? (
                      <Form method="post">
                        <input type="hidden" name="outboxId" value={m.id} />
                        <button type="submit" className="secondary">
                          {t("mailboxPage.sendAgain")}
                          <span className="visually-hidden"> {t("mailboxPage.sendAgainTo", { recipient: m.recipient })}</span>
                        </button>
                      </Form>
                    ) : (
                      t("mailboxPage.noAttempt")
                    )}
                  </td>
                  <td className="text" data-label={t("mailboxPage.lastError")}>{m.lastError ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination pages={data.undeliveredPages} label={t("mailboxPage.undeliveredPages")} />
        </section>
      ) : null}
      <h2>{t("mailboxPage.received")}</h2>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="to">{t("mailboxPage.recipientContains")}</label>
          <input id="to" name="to" type="search" defaultValue={data.to} />
        </div>
        <button type="submit">{t("mailboxPage.search")}</button>
        {data.to ? <Link to=".">{t("mailboxPage.showAll")}</Link> : null}
      </Form>
      {data.received.length ? (
        <table className="stacked">
          <caption>
            {data.to ? t("mailboxPage.messagesTo", { count: data.pages.total, total: data.receivedTotal, to: data.to }) : t("mailboxPage.messages", { count: data.pages.total, total: data.receivedTotal })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("mailboxPage.receivedAt")}</th>
              <th scope="col">{t("mailboxPage.to")}</th>
              <th scope="col">{t("mailboxPage.subject")}</th>
              <th scope="col">{t("mailboxPage.language")}</th>
            </tr>
          </thead>
          <tbody>
            {data.received.map((m) => (
              <tr key={m.id}>
                <td data-label={t("mailboxPage.receivedAt")}>{m.receivedAt}</td>
                <td className="text address" data-label={t("mailboxPage.to")}>{m.to}</td>
                <td className="text" data-label={t("mailboxPage.subject")} lang={m.subject ? (m.language ?? undefined) : undefined}>
                  <Link to={`/admin/mailbox/${m.id}`}>{m.subject || t("mailboxPage.noSubject")}</Link>
                </td>
                <td data-label={t("mailboxPage.language")} lang={m.language ?? undefined}>{m.languageName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="empty">{data.to ? t("mailboxPage.noneTo") : t("mailboxPage.none")}</p>
      )}
      <Pagination pages={data.pages} label={t("mailboxPage.receivedPages")} />
    </>
  );
}

/** Which language a message is written in, by the name its readers know it by; mail from elsewhere may say none. */
function languageName(tag: string | null, t: TFunction) {
  return LANGUAGES.find((language) => language.tag === tag)?.name ?? t("mailboxPage.languageNotStated");
}
