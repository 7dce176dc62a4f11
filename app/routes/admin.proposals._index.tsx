import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { PageLanguage } from "../../workflows/languages";
import { WB6_COUNTRIES, countryNameIn } from "../../workflows/countries";
import { stateLabelOf } from "../../workflows/proposal.machine";
import { INSTITUTION_TYPES, institutionTypeLabel, namedOptions, SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { FilterSelect } from "../components/filter-select";
import { ProposalOverviewTable } from "../components/proposal-overview-table";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { isFiltered } from "../proposals/overview-order";
import { overviewFilterOf, OVERVIEW_STAGES } from "../proposals/overview-schema";
import { overviewChoices, proposalOverview } from "../proposals/overview.server";
import { countIn } from "../components/count";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewProposalOverview");
  const filter = overviewFilterOf(new URL(request.url).searchParams);
  const t = await translatorOf(request);
  return {
    title: t("layout.pageTitle", { page: t("proposalOverview.title") }),
    filter,
    proposals: proposalOverview(user, filter, requestedPage(request), { t, language: await pageLanguage(request) }),
    choices: overviewChoices(),
    // Named here: the statechart (xstate and the machine, 18 KiB) stays out of the page's script.
    stages: OVERVIEW_STAGES.map((stage) => ({ value: stage, label: stateLabelOf(stage, t) })),
  };
}

/** The filters and the order of this page, without its page number: the page of every row has one page. */
function everyRowSearch(search: string) {
  const params = new URLSearchParams(search);
  params.delete("page");
  const kept = params.toString();
  return kept ? `?${kept}` : "";
}

export default function ProposalOverview() {
  const { t, i18n } = useTranslation();
  const { filter, proposals, choices, stages } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = isFiltered(filter);
  const { total } = proposals.pages;
  const counted = { count: total, number: countIn(i18n.language as PageLanguage, total) };
  return (
    <>
      <div className="page-head">
        <h1>{t("proposalOverview.title")}</h1>
      </div>
      <Form method="get" className="filters" role="search" aria-label={t("proposalOverview.find")}>
        <div className="field">
          <label htmlFor="overview-q">{t("proposalOverview.filter.q")}</label>
          <input id="overview-q" type="search" name="q" defaultValue={filter.q ?? ""} />
        </div>
        <FilterSelect id="overview-round" name="round" label={t("proposalOverview.column.round")} value={filter.round ? String(filter.round) : undefined} anyLabel={t("proposalOverview.filter.anyRound")} options={choices.rounds.map((round) => ({ value: String(round.id), label: `${round.code}: ${round.title}` }))} />
        <FilterSelect id="overview-stage" name="stage" label={t("proposalOverview.column.stage")} value={filter.stage} anyLabel={t("proposalOverview.filter.anyStage")} options={stages} />
        <FilterSelect
          id="overview-country"
          name="country"
          label={t("proposalOverview.filter.country")}
          value={filter.country}
          anyLabel={t("proposalOverview.filter.anyCountry")}
          options={WB6_COUNTRIES.map((country) => ({ value: country.code, label: countryNameIn(country.code, t) }))}
        />
        <FilterSelect
          id="overview-institution"
          name="institution"
          label={t("proposalOverview.filter.institution")}
          value={filter.institution ? String(filter.institution) : undefined}
          anyLabel={t("proposalOverview.filter.anyInstitution")}
          options={choices.institutions.map((institution) => ({ value: String(institution.id), label: institution.name }))}
        />
        <FilterSelect
          id="overview-type"
          name="institutionType"
          label={t("proposalOverview.filter.type")}
          value={filter.institutionType}
          anyLabel={t("proposalOverview.filter.anyType")}
          options={INSTITUTION_TYPES.map((type) => ({ value: type, label: institutionTypeLabel(type, t) }))}
        />
        <FilterSelect id="overview-theme" name="theme" label={t("proposalOverview.filter.theme")} value={filter.theme} anyLabel={t("proposalOverview.filter.anyTheme")} options={namedOptions(THEMES, t)} />
        <FilterSelect id="overview-support" name="support" label={t("proposalOverview.filter.support")} value={filter.support} anyLabel={t("proposalOverview.filter.anySupport")} options={namedOptions(SUPPORT_KINDS, t)} />
        <input type="hidden" name="sort" value={filter.sort} />
        <input type="hidden" name="order" value={filter.order} />
        <div className="actions">
          <button type="submit">{t("proposalOverview.show")}</button>
          {filtered ? <Link to="/admin/proposals">{t("proposalOverview.clear")}</Link> : null}
        </div>
      </Form>
      {total ? (
        <>
          <p className="export">
            <a href={`/admin/proposals.csv${location.search}`} download>
              {filtered ? t("proposalOverview.downloadThese", counted) : t("proposalOverview.downloadAll", counted)}
            </a>{" "}
            <span className="muted">
              {t("proposalOverview.downloadRows", counted)}
            </span>
            <br />
            {/* A page of its own sent without scripts (not the app's navigation): every row, streamed. */}
            <a href={`/admin/proposals/all${everyRowSearch(location.search)}`}>{filtered ? t("proposalOverview.showThese", counted) : t("proposalOverview.showAll", counted)}</a>
          </p>
          <ProposalOverviewTable list={proposals} order={filter} caption={filtered ? t("proposalOverview.captionMatching", counted) : t("proposalOverview.caption", counted)} />
        </>
      ) : (
        <p className="empty">{filtered ? t("proposalOverview.noMatch") : t("proposalOverview.none")}</p>
      )}
    </>
  );
}
