import type { TFunction } from "i18next";
import { escapeHtml } from "../../emails/layout";
import type { PageLanguage } from "../../workflows/languages";
import { langWhereDifferent } from "../../workflows/languages";
import type { ShownRow } from "./overview.server";

// The rows of the page of every proposal as markup, written here rather than rendered by React:
// React took 7.7 µs a row against 2.8 here, a fifth of that page's time at 1,000 rows (ADR 027).
// They are the paged table's rows (OverviewRow in components/proposal-overview-table.tsx) to the
// byte, which tests/routes/proposal-overview-all.test.tsx holds them to.

/** A body of the table with these rows, in the page's words. */
export function overviewRowsHtml(rows: ShownRow[], t: TFunction, language: PageLanguage): string {
  // The same for every row: the column names each cell carries for the narrow screen's layout.
  const label = (key: string) => `data-label="${escapeHtml(t(key))}"`;
  const [reference, title, round, lead, countries, stage, updated] = [
    label("proposalOverview.column.reference"),
    label("proposalOverview.column.title"),
    label("proposalOverview.column.round"),
    label("proposalOverview.column.lead"),
    label("proposalOverview.column.countries"),
    label("proposalOverview.column.stage"),
    label("proposalOverview.column.updated"),
  ];
  const draft = `<span class="muted">${escapeHtml(t("proposalOverview.draft"))}</span>`;
  const untitled = escapeHtml(t("eligibilityDesk.untitled"));
  const yourTurn = ` <span class="badge turn"><span aria-hidden="true">▶ </span>${escapeHtml(t("proposalTable.yourTurn"))}</span>`;
  // What applicants type is in English: marked so where the page is not (as useTextLanguage does).
  const { lang } = langWhereDifferent("en", language);
  const english = lang ? ` lang="${lang}"` : "";
  let html = "<tbody>";
  for (const row of rows) {
    html +=
      `<tr><td ${reference}>${row.reference === null ? draft : escapeHtml(row.reference)}</td>` +
      `<td class="text" ${title}><a href="/proposals/${row.id}"${row.title ? english : ""}>${row.title ? escapeHtml(row.title) : untitled}</a></td>` +
      `<td ${round}>${escapeHtml(row.roundCode)}</td>` +
      `<td class="text" ${lead}>${escapeHtml(row.leadName)}</td>` +
      `<td ${countries}>${escapeHtml(row.countries.join(", "))}</td>` +
      `<td ${stage}><span class="badge ${row.finished ? "off" : "ok"}">${escapeHtml(row.stateLabel)}</span>${row.yourTurn ? yourTurn : ""}</td>` +
      `<td ${updated}>${escapeHtml(row.updated)}</td></tr>`;
  }
  return `${html}</tbody>`;
}
