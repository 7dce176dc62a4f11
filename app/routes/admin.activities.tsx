import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { WB6_COUNTRIES, countryNameIn } from "../../workflows/countries";
import { formatNumberIn } from "../../workflows/time";
import { FilterSelect } from "../components/filter-select";
import { Pagination } from "../components/pagination";
import { ActivityTimeline } from "../components/proposal/activity-timeline";
import { pageLanguage, translateMessage, translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { activityTimeline, timelineRounds } from "../proposals/activities.server";
import type { TimelineFilter } from "../proposals/implementation-schema";
import { timelineFilterSchema } from "../proposals/implementation-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const FILTERS = ["country", "round", "month"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewActivityTimeline");
  const params = new URL(request.url).searchParams;
  const [t, language] = [await translatorOf(request), await pageLanguage(request)];
  // Each filter on its own: one that cannot be read is named and left out, the others apply.
  const filter: TimelineFilter = {};
  const problems: string[] = [];
  const typed: Record<(typeof FILTERS)[number], string> = { country: "", round: "", month: "" };
  for (const name of FILTERS) {
    const value = params.get(name)?.trim().slice(0, 40) ?? "";
    typed[name] = value;
    if (!value) continue;
    const parsed = timelineFilterSchema.shape[name].safeParse(value);
    if (parsed.success) Object.assign(filter, { [name]: parsed.data });
    else problems.push(translateMessage(parsed.error.issues[0]?.message ?? "activitiesPage.unreadable", t));
  }
  const { rows, pages } = activityTimeline(user, filter, requestedPage(request), { t, language });
  return {
    title: t("layout.pageTitle", { page: t("activitiesPage.title") }),
    typed,
    problems,
    filtered: Object.keys(filter).length > 0,
    activities: rows,
    pages,
    total: formatNumberIn(language, pages.total),
    rounds: timelineRounds(),
    countries: WB6_COUNTRIES.map((c) => ({ value: c.code, label: countryNameIn(c.code, t) })),
  };
}

export default function Activities() {
  const { typed, problems, filtered, activities, pages, total, rounds, countries } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const count = pages.total;
  return (
    <>
      <h1>{t("activitiesPage.title")}</h1>
      <p>{t("activitiesPage.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("activitiesPage.filterLabel")}>
        <FilterSelect id="activities-country" name="country" label={t("activitiesPage.country")} value={typed.country} anyLabel={t("activitiesPage.anyCountry")} options={countries} />
        <FilterSelect
          id="activities-round"
          name="round"
          label={t("activitiesPage.round")}
          value={typed.round}
          anyLabel={t("activitiesPage.anyRound")}
          options={rounds.map((r) => ({ value: String(r.id), label: `${r.code}: ${r.title}` }))}
        />
        <div className="field">
          <label htmlFor="activities-month">{t("activitiesPage.month")}</label>
          <span className="hint" id="activities-month-hint">
            {t("activitiesPage.monthHint")}
          </span>
          <input id="activities-month" type="month" name="month" defaultValue={typed.month} aria-describedby="activities-month-hint" />
        </div>
        <div className="actions">
          <button type="submit">{t("activitiesPage.show")}</button>
          {filtered || problems.length ? <Link to="/admin/activities">{t("activitiesPage.clear")}</Link> : null}
        </div>
      </Form>
      {problems.length ? (
        <div className="notice error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{t("activitiesPage.notApplied", { problem })}</p>
          ))}
        </div>
      ) : null}
      {activities.length ? (
        <>
          <ActivityTimeline activities={activities} caption={filtered ? t("activitiesPage.matching", { count, total }) : t("activitiesPage.activities", { count, total })} withProposal />
          <Pagination pages={pages} label={t("activitiesPage.pages")} />
        </>
      ) : (
        <p className="empty">{filtered ? t("activitiesPage.noMatch") : t("activitiesPage.nothingYet")}</p>
      )}
    </>
  );
}
