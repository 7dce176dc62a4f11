import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { formatNumberIn } from "../../workflows/time";
import { ActivityTable } from "../components/activity-table";
import { FilterSelect } from "../components/filter-select";
import { activityKinds, activityPage, activitySearchOf } from "../audit-log.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "viewAuditLog");
  const { search, typed, problems } = activitySearchOf(new URL(request.url).searchParams);
  const [t, language] = [await translatorOf(request), await pageLanguage(request)];
  const activity = activityPage(search, requestedPage(request), t, language);
  return {
    title: t("layout.pageTitle", { page: t("auditPage.title") }),
    typed,
    problems: problems.map((problem) => t(problem)),
    searched: Object.keys(search).length > 0,
    activity,
    total: formatNumberIn(language, activity.pages.total),
    kinds: activityKinds(t),
  };
}

export default function AuditLog() {
  const { typed, problems, searched, activity, total, kinds } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const count = activity.pages.total;
  return (
    <>
      <div className="page-head">
        <h1>{t("auditPage.title")}</h1>
      </div>
      <p className="muted">{t("auditPage.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("auditPage.searchLabel")}>
        <div className="field">
          <label htmlFor="activity-proposal">{t("auditPage.proposal")}</label>
          <input id="activity-proposal" type="search" name="proposal" defaultValue={typed.proposal ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="activity-person">{t("auditPage.person")}</label>
          <input id="activity-person" type="search" name="person" defaultValue={typed.person ?? ""} />
        </div>
        <FilterSelect id="activity-kind" name="kind" label={t("auditPage.kind")} value={typed.kind} anyLabel={t("auditPage.anyKind")} options={kinds} />
        <div className="field">
          <label htmlFor="activity-from">{t("auditPage.from")}</label>
          <input id="activity-from" type="date" name="from" defaultValue={typed.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="activity-to">{t("auditPage.to")}</label>
          <input id="activity-to" type="date" name="to" defaultValue={typed.to ?? ""} />
        </div>
        <div className="actions">
          <button type="submit">{t("auditPage.search")}</button>
          {Object.keys(typed).length ? <Link to="/admin/audit">{t("auditPage.clear")}</Link> : null}
        </div>
      </Form>
      {problems.length ? (
        <div role="alert" className="notice error">
          {problems.map((problem) => (
            <p key={problem}>{t("auditPage.leftOut", { problem })}</p>
          ))}
        </div>
      ) : null}
      {count ? (
        <ActivityTable list={activity} caption={searched ? t("auditPage.matching", { count, total }) : t("auditPage.entries", { count, total })} />
      ) : (
        <p className="empty">{searched ? t("auditPage.noMatch") : t("auditPage.nothingYet")}</p>
      )}
    </>
  );
}
