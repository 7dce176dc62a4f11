import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import type { ReviewCriterion } from "../../../workflows/review-criteria";
import { CONFIDENCE_IDS, confidenceWordsIn, RECOMMENDATION_IDS, recommendationWordsIn } from "../../../workflows/review-criteria";
import type { RankingOrder, RankingSort } from "../../reviews/ranking-order";
import type { RankingRow } from "../../reviews/ranking.server";
import { FIRST_ORDER, RANKING_SORTS } from "../../reviews/ranking-order";
import { CountryName } from "../country";
import { useTextLanguage } from "../text-language";
import { heldWords } from "./decision-fields";

// The ranking table: one row per proposal that reached the EU review. Each sortable heading is a
// link (works without JavaScript); the proposal's disagreement reasons and its scores per
// criterion open in place.

const HEADINGS: Record<RankingSort, string> = {
  rank: "rankingPage.column.rank",
  reference: "rankingPage.column.proposal",
  mean: "rankingPage.column.mean",
  median: "rankingPage.column.median",
  spread: "rankingPage.column.spread",
  disagreement: "rankingPage.column.disagreement",
  promising: "rankingPage.column.recommendations",
  reviews: "rankingPage.column.reviews",
};

/** How the hidden caption says the table is sorted, by column. */
const SORTED_BY: Record<RankingSort, string> = {
  rank: "rankingPage.caption.rank",
  reference: "rankingPage.caption.reference",
  mean: "rankingPage.caption.mean",
  median: "rankingPage.caption.median",
  spread: "rankingPage.caption.spread",
  disagreement: "rankingPage.caption.disagreement",
  promising: "rankingPage.caption.promising",
  reviews: "rankingPage.caption.reviews",
};

// The proposal's column holds its title, lead and countries: without room it grows very tall.
const WIDE: Partial<Record<RankingSort, { minWidth: string }>> = { reference: { minWidth: "15rem" } };

function SortHeading({ sort, label, order }: { sort: RankingSort; label: string; order: RankingOrder }) {
  const current = order.sort === sort;
  const next = current ? (order.order === "asc" ? "desc" : "asc") : FIRST_ORDER[sort];
  const search = new URLSearchParams(sort === "rank" && next === "asc" ? {} : { sort, order: next });
  const ariaSort = current ? (order.order === "asc" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" aria-sort={ariaSort} style={WIDE[sort]}>
      <Link to={{ search: search.toString() }} preventScrollReset>
        {label}
        {current ? <span aria-hidden="true">{order.order === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}

function counted<Key extends string>(counts: Record<Key, number>, keys: readonly Key[], words: (key: Key) => { label: string }) {
  return keys.filter((key) => counts[key] > 0).map((key) => `${counts[key]} ${words(key).label.toLowerCase()}`);
}

/** `decideForm`: the id of the form that records one decision for the ticked proposals at "Deciding". */
export function RankingTable({ rows, order, criteria, decideForm }: { rows: RankingRow[]; order: RankingOrder; criteria: readonly ReviewCriterion[]; decideForm?: string }) {
  const { t } = useTranslation();
  // Proposals' titles are written by their applicants, in English.
  const typed = useTextLanguage("en");
  const column = (sort: RankingSort) => t(HEADINGS[sort]);
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption className="visually-hidden">{t(SORTED_BY[order.sort])}</caption>
        <thead>
          <tr data-sort-label={t("rankingPage.sortBy")}>
            {RANKING_SORTS.map((sort) => (
              <SortHeading key={sort} sort={sort} label={column(sort)} order={order} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { aggregate } = row;
            const recommendations = counted(aggregate.recommendations, RECOMMENDATION_IDS, (id) => recommendationWordsIn(id, t));
            const confidence = counted(aggregate.confidence, CONFIDENCE_IDS, (id) => confidenceWordsIn(id, t));
            return (
              <tr key={row.proposalId}>
                <td data-label={column("rank")}>
                  {decideForm && row.decidable ? (
                    <>
                      <input type="checkbox" name="proposalId" value={row.proposalId} form={decideForm} aria-label={t("rankingPage.decideOn", { reference: row.reference })} />
                      {/* The held decision this row showed: one changed meanwhile is not overwritten from here. */}
                      <input type="hidden" name="heldVersion" value={`${row.proposalId}:${row.held?.version ?? 0}`} form={decideForm} />
                    </>
                  ) : null}{" "}
                  <strong>{row.rank}</strong>
                  {/* A lower mean speaks for itself; a tie-break is worth saying. */}
                  {row.placedBy && row.placedBy !== "weightedMean" && row.aggregate.weightedMean !== null ? (
                    <details>
                      <summary>{t("rankingPage.tie")}</summary>
                      <span className="hint">{row.placedBecause}</span>
                    </details>
                  ) : null}
                </td>
                <td className="text" data-label={column("reference")}>
                  <Link to={`/proposals/${row.proposalId}`} className="reference">
                    {row.reference}
                  </Link>{" "}
                  <span {...typed}>{row.title}</span>
                  <br />
                  <span className="muted">
                    {row.lead} ·{" "}
                    {row.countries.map((country, index) => (
                      <span key={country.name}>
                        {index > 0 ? ", " : ""}
                        <CountryName name={country.name} needsFootnote={country.needsFootnote} />
                      </span>
                    ))}{" "}
                    · {row.stage}
                  </span>
                  {row.held ? (
                    <>
                      <br />
                      <span className="badge">{t("rankingPage.held", { decision: heldWords(row.held, t) })}</span>
                    </>
                  ) : null}
                </td>
                <td data-label={column("mean")}>
                  <strong>{row.scores.mean}</strong>
                  {aggregate.reviewsIn > 0 ? (
                    <details>
                      <summary>{t("rankingPage.byCriterion")}</summary>
                      <ul className="plain">
                        {aggregate.criteria.map((criterion) => (
                          <li key={criterion.criterionId}>
                            {criteria.find((c) => c.id === criterion.criterionId)?.name ?? criterion.name}:{" "}
                            {criterion.range ? `${row.scores.byCriterion[criterion.criterionId]} (${criterion.range.min}–${criterion.range.max})` : t("rankingPage.notScored")}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
                <td data-label={column("median")}>{row.scores.median}</td>
                <td data-label={column("spread")}>
                  {row.largestGap === null ? "—" : t("rankingPage.points", { count: row.largestGap })}
                  {row.largestGap !== null && aggregate.standardDeviation !== null ? (
                    <>
                      <br />
                      <span className="hint">
                        <abbr title={t("rankingPage.standardDeviation")}>{t("rankingPage.standardDeviationShort")}</abbr> {row.scores.deviation}
                      </span>
                    </>
                  ) : null}
                </td>
                <td data-label={column("disagreement")}>
                  {aggregate.disagreement.flagged ? (
                    <details>
                      <summary>
                        {/* May wrap: "Reviewers disagree" is twice as long in some languages, and the table must fit a desktop screen. */}
                        <span className="badge warn">{t("rankingPage.disagree")}</span>
                      </summary>
                      <ul>
                        {aggregate.disagreement.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    </details>
                  ) : (
                    <span className="muted">{t("rankingPage.none")}</span>
                  )}
                </td>
                <td data-label={column("promising")}>{recommendations.length ? recommendations.join(", ") : <span className="muted">{t("rankingPage.noneYet")}</span>}</td>
                <td data-label={column("reviews")}>
                  {aggregate.reviewsIn} / {aggregate.assigned}
                  {confidence.length ? <span className="hint"> {t("rankingPage.confidence", { levels: confidence.join(", ") })}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
