import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { WB6_COUNTRIES, countryLabel } from "../../workflows/countries";
import { stateLabelOf } from "../../workflows/proposal.machine";
import { INSTITUTION_TYPE_LABELS, INSTITUTION_TYPES, SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { FilterSelect } from "../components/filter-select";
import { ProposalOverviewTable } from "../components/proposal-overview-table";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { isFiltered, OVERVIEW_STAGES, overviewFilterOf } from "../proposals/overview-schema";
import { overviewChoices, proposalOverview } from "../proposals/overview.server";

export const meta: MetaFunction = () => [{ title: "Proposals · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewProposalOverview");
  const filter = overviewFilterOf(new URL(request.url).searchParams);
  return { filter, proposals: proposalOverview(user, filter, requestedPage(request)), choices: overviewChoices() };
}

const number = new Intl.NumberFormat("en-GB");

function proposalsIn(count: number) {
  return count === 1 ? "1 proposal" : `${number.format(count)} proposals`;
}

export default function ProposalOverview() {
  const { filter, proposals, choices } = useLoaderData<typeof loader>();
  const location = useLocation();
  const filtered = isFiltered(filter);
  const { total } = proposals.pages;
  return (
    <>
      <div className="page-head">
        <h1>Proposals</h1>
      </div>
      <Form method="get" className="filters" role="search" aria-label="Find proposals">
        <div className="field">
          <label htmlFor="overview-q">Reference, title or institution</label>
          <input id="overview-q" type="search" name="q" defaultValue={filter.q ?? ""} />
        </div>
        <FilterSelect id="overview-round" name="round" label="Round" value={filter.round ? String(filter.round) : undefined} anyLabel="Any round" options={choices.rounds.map((round) => ({ value: String(round.id), label: `${round.code}: ${round.title}` }))} />
        <FilterSelect id="overview-stage" name="stage" label="Stage" value={filter.stage} anyLabel="Any stage" options={OVERVIEW_STAGES.map((stage) => ({ value: stage, label: stateLabelOf(stage) }))} />
        <FilterSelect
          id="overview-country"
          name="country"
          label="Country taking part"
          value={filter.country}
          anyLabel="Any country"
          options={WB6_COUNTRIES.map((country) => ({ value: country.code, label: countryLabel(country.name, country.needsFootnote) }))}
        />
        <FilterSelect
          id="overview-institution"
          name="institution"
          label="Institution taking part"
          value={filter.institution ? String(filter.institution) : undefined}
          anyLabel="Any institution"
          options={choices.institutions.map((institution) => ({ value: String(institution.id), label: institution.name }))}
        />
        <FilterSelect
          id="overview-type"
          name="institutionType"
          label="Type of institution"
          value={filter.institutionType}
          anyLabel="Any type"
          options={INSTITUTION_TYPES.map((type) => ({ value: type, label: INSTITUTION_TYPE_LABELS[type] }))}
        />
        <FilterSelect id="overview-theme" name="theme" label="Theme" value={filter.theme} anyLabel="Any theme" options={THEMES.map((theme) => ({ value: theme.id, label: theme.label }))} />
        <FilterSelect id="overview-support" name="support" label="Kind of support" value={filter.support} anyLabel="Any kind of support" options={SUPPORT_KINDS.map((kind) => ({ value: kind.id, label: kind.label }))} />
        <input type="hidden" name="sort" value={filter.sort} />
        <input type="hidden" name="order" value={filter.order} />
        <div className="actions">
          <button type="submit">Show proposals</button>
          {filtered ? <Link to="/admin/proposals">Clear the filters</Link> : null}
        </div>
      </Form>
      {total ? (
        <>
          <p className="export">
            <a href={`/admin/proposals.csv${location.search}`} download>
              Download {filtered ? "these" : "all"} {proposalsIn(total)} as a CSV file
            </a>{" "}
            <span className="muted">
              ({number.format(total)} {total === 1 ? "row" : "rows"}, then the Kosovo* footnote; a large file arrives as it is written)
            </span>
          </p>
          <ProposalOverviewTable list={proposals} order={filter} caption={`${proposalsIn(total)}${filtered ? (total === 1 ? " matches" : " match") : ""}`} />
        </>
      ) : (
        <p className="empty">{filtered ? "No proposal matches these filters. Try fewer words, or another stage, country or round." : "No proposal has been started yet."}</p>
      )}
    </>
  );
}
