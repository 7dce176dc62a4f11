import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { OverviewSort, SortOrder } from "../proposals/overview-order";
import { FIRST_ORDER } from "../proposals/overview-order";
import { Pagination } from "./pagination";
import { useTextLanguage } from "./text-language";
import { YourTurn } from "./your-turn";

// The TAF team's table of every proposal. Each heading sorts by its column with a plain link
// that keeps the filters (works without JavaScript) and starts again from the first page.

type Row = {
  id: number;
  reference: string | null;
  title: string;
  stateLabel: string;
  finished: boolean;
  updated: string;
  roundCode: string;
  leadName: string;
  countries: string[];
  yourTurn: boolean;
};

type List = { rows: Row[]; pages: Parameters<typeof Pagination>[0]["pages"] };

const HEADINGS: { sort: OverviewSort | null; label: string }[] = [
  { sort: "reference", label: "proposalOverview.column.reference" },
  { sort: "title", label: "proposalOverview.column.title" },
  { sort: "round", label: "proposalOverview.column.round" },
  { sort: "lead", label: "proposalOverview.column.lead" },
  { sort: null, label: "proposalOverview.column.countries" },
  { sort: "stage", label: "proposalOverview.column.stage" },
  { sort: "updated", label: "proposalOverview.column.updated" },
];

function SortHeading({ sort, label, order }: { sort: OverviewSort; label: string; order: { sort: OverviewSort; order: SortOrder } }) {
  const location = useLocation();
  const current = order.sort === sort;
  const search = new URLSearchParams(location.search);
  search.delete("page");
  search.set("sort", sort);
  search.set("order", current ? (order.order === "asc" ? "desc" : "asc") : FIRST_ORDER[sort]);
  return (
    <th scope="col" aria-sort={current ? (order.order === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={{ search: search.toString() }} preventScrollReset>
        {label}
        {current ? <span aria-hidden="true">{order.order === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

export function ProposalOverviewTable({ list, caption, order }: { list: List; caption: string; order: { sort: OverviewSort; order: SortOrder } }) {
  const { t } = useTranslation();
  const textLanguage = useTextLanguage("en");
  return (
    <>
      <div className="table-scroll">
        <table className="stacked">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {HEADINGS.map((heading) =>
                heading.sort ? (
                  <SortHeading key={heading.label} sort={heading.sort} label={t(heading.label)} order={order} />
                ) : (
                  <th key={heading.label} scope="col">
                    {t(heading.label)}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id}>
                <td data-label={t("proposalOverview.column.reference")}>{row.reference ?? <span className="muted">{t("proposalOverview.draft")}</span>}</td>
                <td className="text" data-label={t("proposalOverview.column.title")}>
                  <Link to={`/proposals/${row.id}`} {...(row.title ? textLanguage : {})}>
                    {row.title || t("eligibilityDesk.untitled")}
                  </Link>
                </td>
                <td data-label={t("proposalOverview.column.round")}>{row.roundCode}</td>
                <td className="text" data-label={t("proposalOverview.column.lead")}>{row.leadName}</td>
                <td data-label={t("proposalOverview.column.countries")}>{row.countries.join(", ")}</td>
                <td data-label={t("proposalOverview.column.stage")}>
                  <span className={row.finished ? "badge off" : "badge ok"}>{row.stateLabel}</span>
                  <YourTurn yourTurn={row.yourTurn} />
                </td>
                <td data-label={t("proposalOverview.column.updated")}>{row.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={list.pages} label={t("proposalOverview.paginationLabel")} />
    </>
  );
}
