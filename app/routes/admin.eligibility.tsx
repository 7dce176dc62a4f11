import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { PageLanguage } from "../../workflows/languages";
import { toBrusselsTime } from "../../workflows/time";
import { DeskEntry } from "../components/eligibility/desk-entry";
import { Pagination, rowsShownIn } from "../components/pagination";
import { actOnDesk, eligibilityQueue } from "../eligibility/desk.server";
import { readForm } from "../forms.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The due day the clarification form suggests: ten days ahead, as the proposal page does. */
const SUGGESTED_DAYS_TO_ANSWER = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "decideEligibility");
  const t = await translatorOf(request);
  const queue = eligibilityQueue(admin, requestedPage(request), { t, language: await pageLanguage(request) });
  return {
    ...queue,
    title: t("layout.pageTitle", { page: t("eligibilityDesk.title") }),
    defaultDueOn: toBrusselsTime(new Date(Date.now() + SUGGESTED_DAYS_TO_ANSWER * 24 * 60 * 60 * 1000)).slice(0, 10) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "decideEligibility");
  const form = Object.fromEntries([...(await readForm(request))].map(([key, value]) => [key, String(value)]));
  return actOnDesk(admin, form, await translatorOf(request));
}

export default function EligibilityDesk() {
  const { t, i18n } = useTranslation();
  const { rows, pages, defaultDueOn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/">{t("layout.nav.home")}</Link>
      </p>
      <h1>{t("eligibilityDesk.title")}</h1>
      <p className="prose">{t("eligibilityDesk.intro")}</p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {reply.done}
        </p>
      ) : null}
      {reply?.formError && !rows.some((row) => row.id === reply.proposalId) ? (
        <p className="notice error" role="alert">
          {reply.formError}
        </p>
      ) : null}
      {rows.length ? (
        <>
          <p className="muted">{t("eligibilityDesk.waiting", { rows: rowsShownIn(i18n.language as PageLanguage, t, pages) })}</p>
          {rows.map((entry) => (
            <DeskEntry key={entry.id} entry={entry} reply={reply} defaultDueOn={defaultDueOn} />
          ))}
          <Pagination pages={pages} label={t("eligibilityDesk.paginationLabel")} />
        </>
      ) : (
        <p className="empty">{t("eligibilityDesk.empty")}</p>
      )}
    </>
  );
}
