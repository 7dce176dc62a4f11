import { Link } from "@remix-run/react";
import type { ReviewCriterion } from "../../../workflows/review-criteria";
import { CONFIDENCE_IDS, CONFIDENCE_LEVELS, RECOMMENDATION_IDS, RECOMMENDATIONS } from "../../../workflows/review-criteria";
import { formatScore } from "../../../workflows/review-scoring";
import type { RankingOrder, RankingSort } from "../../reviews/ranking-schema";
import type { RankingRow } from "../../reviews/ranking.server";
import { FIRST_ORDER } from "../../reviews/ranking-schema";
import { CountryName } from "../country";
import { heldWords } from "./decision-fields";

// The ranking table: one row per proposal that reached the EU review. Each sortable heading is a
// link (works without JavaScript); the proposal's disagreement reasons and its scores per
// criterion open in place.

const HEADINGS: { sort: RankingSort; label: string }[] = [
  { sort: "rank", label: "Rank" },
  { sort: "reference", label: "Proposal" },
  { sort: "mean", label: "Weighted mean" },
  { sort: "median", label: "Median" },
  { sort: "spread", label: "Widest gap" },
  { sort: "disagreement", label: "Disagreement" },
  { sort: "promising", label: "Recommendations" },
  { sort: "reviews", label: "Reviews in / assigned" },
];

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

function counted<Key extends string>(counts: Record<Key, number>, keys: readonly Key[], words: Record<Key, { label: string }>) {
  return keys.filter((key) => counts[key] > 0).map((key) => `${counts[key]} ${words[key].label.toLowerCase()}`);
}

/** `decideForm`: the id of the form that records one decision for the ticked proposals at "Deciding". */
export function RankingTable({ rows, order, criteria, decideForm }: { rows: RankingRow[]; order: RankingOrder; criteria: readonly ReviewCriterion[]; decideForm?: string }) {
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption className="visually-hidden">Proposals that reached the EU review, {order.sort === "rank" ? "in rank order" : `sorted by ${HEADINGS.find((h) => h.sort === order.sort)?.label.toLowerCase()}`}</caption>
        <thead>
          <tr>
            {HEADINGS.map((heading) => (
              <SortHeading key={heading.sort} {...heading} order={order} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { aggregate } = row;
            const recommendations = counted(aggregate.recommendations, RECOMMENDATION_IDS, RECOMMENDATIONS);
            const confidence = counted(aggregate.confidence, CONFIDENCE_IDS, CONFIDENCE_LEVELS);
            return (
              <tr key={row.proposalId}>
                <td data-label="Rank">
                  {decideForm && row.decidable ? (
                    <>
                      <input type="checkbox" name="proposalId" value={row.proposalId} form={decideForm} aria-label={`Decide on ${row.reference}`} />
                      {/* The held decision this row showed: one changed meanwhile is not overwritten from here. */}
                      <input type="hidden" name="heldVersion" value={`${row.proposalId}:${row.held?.version ?? 0}`} form={decideForm} />
                    </>
                  ) : null}{" "}
                  <strong>{row.rank}</strong>
                  {/* A lower mean speaks for itself; a tie-break is worth saying. */}
                  {row.placedBy && row.placedBy !== "weightedMean" && row.aggregate.weightedMean !== null ? (
                    <details>
                      <summary>Tie</summary>
                      <span className="hint">{row.placedBecause}</span>
                    </details>
                  ) : null}
                </td>
                <td className="text" data-label="Proposal">
                  <Link to={`/proposals/${row.proposalId}`} className="reference">
                    {row.reference}
                  </Link>{" "}
                  {row.title}
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
                      <span className="badge">Held: {heldWords(row.held)}</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Weighted mean">
                  <strong>{formatScore(aggregate.weightedMean)}</strong>
                  {aggregate.reviewsIn > 0 ? (
                    <details>
                      <summary>By criterion</summary>
                      <ul className="plain">
                        {aggregate.criteria.map((criterion) => (
                          <li key={criterion.criterionId}>
                            {criteria.find((c) => c.id === criterion.criterionId)?.name ?? criterion.name}:{" "}
                            {criterion.range ? `${formatScore(criterion.range.mean)} (${criterion.range.min}–${criterion.range.max})` : "not scored"}
                          </li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
                <td data-label="Median">{formatScore(aggregate.weightedMedian)}</td>
                <td data-label="Widest gap">
                  {row.largestGap === null ? "—" : `${row.largestGap} ${row.largestGap === 1 ? "point" : "points"}`}
                  {row.largestGap !== null && aggregate.standardDeviation !== null ? (
                    <>
                      <br />
                      <span className="hint">
                        <abbr title="standard deviation of the weighted scores">SD</abbr> {formatScore(aggregate.standardDeviation)}
                      </span>
                    </>
                  ) : null}
                </td>
                <td data-label="Disagreement">
                  {aggregate.disagreement.flagged ? (
                    <details>
                      <summary>
                        <span className="badge warn" style={{ whiteSpace: "nowrap" }}>
                          Reviewers disagree
                        </span>
                      </summary>
                      <ul>
                        {aggregate.disagreement.reasons.map((reason) => (
                          <li key={reason}>{reason}</li>
                        ))}
                      </ul>
                    </details>
                  ) : (
                    <span className="muted">None</span>
                  )}
                </td>
                <td data-label="Recommendations">{recommendations.length ? recommendations.join(", ") : <span className="muted">None yet</span>}</td>
                <td data-label="Reviews in / assigned">
                  {aggregate.reviewsIn} / {aggregate.assigned}
                  {confidence.length ? <span className="hint"> Confidence: {confidence.join(", ")}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
