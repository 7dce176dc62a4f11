import { Link, useLocation } from "@remix-run/react";
import type { OverviewSort, SortOrder } from "../proposals/overview-schema";
import { FIRST_ORDER } from "../proposals/overview-schema";
import { Pagination } from "./pagination";
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
  { sort: "reference", label: "Reference" },
  { sort: "title", label: "Title" },
  { sort: "round", label: "Round" },
  { sort: "lead", label: "Lead institution" },
  { sort: null, label: "Countries" },
  { sort: "stage", label: "Stage" },
  { sort: "updated", label: "Last change" },
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
  return (
    <>
      <div className="table-scroll">
        <table className="stacked">
          <caption>{caption}</caption>
          <thead>
            <tr>
              {HEADINGS.map((heading) =>
                heading.sort ? (
                  <SortHeading key={heading.label} sort={heading.sort} label={heading.label} order={order} />
                ) : (
                  <th key={heading.label} scope="col">
                    {heading.label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id}>
                <td data-label="Reference">{row.reference ?? <span className="muted">Draft</span>}</td>
                <td className="text" data-label="Title">
                  <Link to={`/proposals/${row.id}`}>{row.title || "Untitled proposal"}</Link>
                </td>
                <td data-label="Round">{row.roundCode}</td>
                <td className="text" data-label="Lead institution">{row.leadName}</td>
                <td data-label="Countries">{row.countries.join(", ")}</td>
                <td data-label="Stage">
                  <span className={row.finished ? "badge off" : "badge ok"}>{row.stateLabel}</span>
                  <YourTurn yourTurn={row.yourTurn} />
                </td>
                <td data-label="Last change">{row.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={list.pages} label="proposals" />
    </>
  );
}
