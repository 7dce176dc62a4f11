import type { ComponentType, ReactNode } from "react";
import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { OverviewSort, SortOrder } from "../proposals/overview-order";
import { sortedSearch } from "../proposals/overview-order";
import { Pagination } from "./pagination";
import { useTextLanguage } from "./text-language";
import { YourTurn } from "./your-turn";

// The TAF team's table of every proposal, paged here and whole on its page of every row
// (proposal-overview-document.tsx), which shares its headings and rows. Each heading sorts by
// its column with a plain link that keeps the filters (works without JavaScript) and starts
// again from the first page.

export type OverviewRowData = {
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

type List = { rows: OverviewRowData[]; pages: Parameters<typeof Pagination>[0]["pages"] };

type Order = { sort: OverviewSort; order: SortOrder };

/** A link as the page makes it: Remix's within the app, a plain one on a page sent without scripts. */
export type LinkTo = ComponentType<{ href: string; lang?: string; children: ReactNode }>;

const HEADINGS: { sort: OverviewSort | null; label: string }[] = [
  { sort: "reference", label: "proposalOverview.column.reference" },
  { sort: "title", label: "proposalOverview.column.title" },
  { sort: "round", label: "proposalOverview.column.round" },
  { sort: "lead", label: "proposalOverview.column.lead" },
  { sort: null, label: "proposalOverview.column.countries" },
  { sort: "stage", label: "proposalOverview.column.stage" },
  { sort: "updated", label: "proposalOverview.column.updated" },
];

/** The headings, each sortable one a link to `search` sorted by it. */
export function OverviewHeadings({ order, search, link: LinkTo }: { order: Order; search: string; link: LinkTo }) {
  const { t } = useTranslation();
  return (
    <thead>
      {/* On a phone the headings become a row of sort links, introduced in the page's language. */}
      <tr data-sort-label={t("proposalOverview.sortBy")}>
        {HEADINGS.map(({ sort, label }) => {
          const current = sort === order.sort;
          return (
            <th key={label} scope="col" aria-sort={current ? (order.order === "asc" ? "ascending" : "descending") : undefined}>
              {sort ? (
                <LinkTo href={`?${sortedSearch(search, sort, order)}`}>
                  {t(label)}
                  {current ? <span aria-hidden="true">{order.order === "asc" ? " ▲" : " ▼"}</span> : null}
                </LinkTo>
              ) : (
                t(label)
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

export function OverviewRow({ row, link: LinkTo }: { row: OverviewRowData; link: LinkTo }) {
  const { t } = useTranslation();
  const textLanguage = useTextLanguage("en");
  return (
    <tr>
      <td data-label={t("proposalOverview.column.reference")}>{row.reference ?? <span className="muted">{t("proposalOverview.draft")}</span>}</td>
      <td className="text" data-label={t("proposalOverview.column.title")}>
        <LinkTo href={`/proposals/${row.id}`} {...(row.title ? textLanguage : {})}>
          {row.title || t("eligibilityDesk.untitled")}
        </LinkTo>
      </td>
      <td data-label={t("proposalOverview.column.round")}>{row.roundCode}</td>
      <td className="text" data-label={t("proposalOverview.column.lead")}>
        {row.leadName}
      </td>
      <td data-label={t("proposalOverview.column.countries")}>{row.countries.join(", ")}</td>
      <td data-label={t("proposalOverview.column.stage")}>
        <span className={row.finished ? "badge off" : "badge ok"}>{row.stateLabel}</span>
        <YourTurn yourTurn={row.yourTurn} />
      </td>
      <td data-label={t("proposalOverview.column.updated")}>{row.updated}</td>
    </tr>
  );
}

function AppLink({ href, ...props }: { href: string; lang?: string; children: ReactNode }) {
  return <Link to={href} {...props} />;
}

// A heading re-sorts the table where the reader is, not back at the top of the page.
function SortLink({ href, ...props }: { href: string; children: ReactNode }) {
  return <Link to={href} preventScrollReset {...props} />;
}

export function ProposalOverviewTable({ list, caption, order }: { list: List; caption: string; order: Order }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <>
      <div className="table-scroll">
        <table className="stacked">
          <caption>{caption}</caption>
          <OverviewHeadings order={order} search={location.search} link={SortLink} />
          <tbody>
            {list.rows.map((row) => (
              <OverviewRow key={row.id} row={row} link={AppLink} />
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={list.pages} label={t("proposalOverview.paginationLabel")} />
    </>
  );
}
