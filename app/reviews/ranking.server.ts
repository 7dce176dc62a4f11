import { and, eq, exists, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { DecisionOutcome } from "../../db/schema";
import { institutions, proposalDecisions, proposalEvents, proposalPartners, proposals, reviewAssignments, reviews, rounds } from "../../db/schema";
import { countryLabel, kosovoFootnoteIn, WB6_COUNTRIES } from "../../workflows/countries";
import { ASSIGNMENT_STATES_HOLDING_A_PLACE } from "../../workflows/assignment.machine";
import { statesAccepting, statesWithin, stageLabelFor } from "../../workflows/proposal-stages";
import type { ScalePoint } from "../../workflows/review-criteria";
import { DEFAULT_REVIEW_CRITERIA } from "../../workflows/in-english";
import { CONFIDENCE_IDS, confidenceWordsIn, RECOMMENDATION_IDS, recommendationWordsIn, reviewCriterionIn } from "../../workflows/review-criteria";
import type { ProposalAggregate, RankedProposal, SubmittedReview } from "../../workflows/review-scoring";
import { aggregateReviews, formatScore, rankProposals } from "../../workflows/review-scoring";
import { languageOf } from "../../workflows/words";
import { translatorFor } from "../../workflows/messages";
import { toBrusselsTime } from "../../workflows/time";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { csvLines, safeFileName } from "../csv.server";
import { db } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage } from "../pagination.server";
import { partnerTakesPart } from "../proposals/participation.server";
import { roundSettings } from "../rounds/workflow.server";
import type { RankingOrder, RankingSort } from "./ranking-order";

// A round's ranking: every proposal that reached the EU review, with the aggregate of its
// submitted reviews (workflows/review-scoring.ts), in the order rankProposals gives or by a
// column. Read in four statements whatever the number of proposals: the round, its reviewed
// proposals (with their held decisions), their partners' countries, and their assignments with
// their reviews. A proposal's rank needs every other's scores, so the page is cut from the
// whole ranking, in order, after it is read.

type Country = { name: string; needsFootnote: boolean };

export type RankingRow = {
  rank: number;
  /** Why it is below the proposal ranked just above it, and by which figure; null for the first. */
  placedBecause: string | null;
  placedBy: RankedProposal["placedBy"];
  proposalId: number;
  reference: string;
  title: string;
  stage: string;
  /** At "Deciding": a decision can be recorded for it from the table. */
  decidable: boolean;
  /** The decision held on it, not yet released; its version is what the table's form saw. */
  held: { outcome: DecisionOutcome; priority: boolean; version: number } | null;
  lead: string;
  countries: Country[];
  aggregate: ProposalAggregate;
  /** The widest gap between reviewers on one criterion; null while no criterion is scored twice. */
  largestGap: number | null;
  /** The aggregate's scores written for the reader ("3,50" in sq, sr, mk), by criterion id too. */
  scores: { mean: string; median: string; deviation: string; byCriterion: Record<string, string> };
};

/** The largest per-criterion spread, the figure the disagreement flag's gap rule reads. */
function largestGapOf(aggregate: ProposalAggregate) {
  const spreads = aggregate.criteria.flatMap((criterion) => (criterion.range && criterion.scoredBy > 1 ? [criterion.range.spread] : []));
  return spreads.length ? Math.max(...spreads) : null;
}

/** The round's ranking, or null when there is no such round; stages and countries in the words of `t`. */
export function roundRanking(roundId: number, t: TFunction = translatorFor("en")) {
  const round = db().select({ id: rounds.id, code: rounds.code, title: rounds.title, settings: rounds.settings }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  const criteria = roundSettings(round).reviewCriteria.map((criterion) => reviewCriterionIn(criterion, t, DEFAULT_REVIEW_CRITERIA));

  // Reached the EU review: some accepted event of its history led into it, wherever it is now.
  const reachedReview = exists(
    db()
      .select({ one: sql`1` })
      .from(proposalEvents)
      .where(and(eq(proposalEvents.proposalId, proposals.id), inArray(proposalEvents.toState, statesWithin("euReview")))),
  );
  const reviewed = db()
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      state: proposals.state,
      lead: institutions.name,
      leadCountry: institutions.countryCode,
      heldOutcome: proposalDecisions.outcome,
      heldPriority: proposalDecisions.priority,
      heldVersion: proposalDecisions.version,
    })
    .from(proposals)
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .leftJoin(proposalDecisions, and(eq(proposalDecisions.proposalId, proposals.id), isNull(proposalDecisions.releasedAt)))
    .where(and(eq(proposals.roundId, round.id), isNotNull(proposals.reference), reachedReview))
    .all();
  const ids = reviewed.map((proposal) => proposal.id);

  const partnerCountries = ids.length
    ? db()
        .selectDistinct({ proposalId: proposalPartners.proposalId, countryCode: institutions.countryCode })
        .from(proposalPartners)
        .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
        .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
        .where(and(inArray(proposalPartners.proposalId, ids), partnerTakesPart()))
        .all()
    : [];
  // Only places still held count as assigned, and only a submitted review of one counts as in:
  // a conflicted or declined reviewer holds no place and, never having reviewed, adds nothing.
  const assignments = ids.length
    ? db()
        .select({
          proposalId: reviewAssignments.proposalId,
          submittedAt: reviews.submittedAt,
          scores: reviews.scores,
          recommendation: reviews.recommendation,
          confidence: reviews.confidence,
        })
        .from(reviewAssignments)
        .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
        .where(and(inArray(reviewAssignments.proposalId, ids), inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_HOLDING_A_PLACE])))
        .all()
    : [];

  const aggregates = reviewed.map((proposal) => {
    const held = assignments.filter((assignment) => assignment.proposalId === proposal.id);
    const submitted = held.flatMap((assignment): SubmittedReview[] =>
      assignment.submittedAt && assignment.recommendation && assignment.confidence
        ? [{ scores: assignment.scores as Record<string, ScalePoint>, recommendation: assignment.recommendation, confidence: assignment.confidence }]
        : [],
    );
    return aggregateReviews(criteria, { proposalId: proposal.id, reference: proposal.reference ?? "", assigned: held.length, submitted }, t);
  });

  const byId = new Map(reviewed.map((proposal) => [proposal.id, proposal]));
  const language = languageOf(t);
  const rows = rankProposals(aggregates, t).map(({ rank, reason, placedBy, aggregate }: RankedProposal): RankingRow => {
    const proposal = byId.get(aggregate.proposalId)!;
    const codes = new Set([proposal.leadCountry, ...partnerCountries.filter((partner) => partner.proposalId === proposal.id).map((partner) => partner.countryCode)]);
    return {
      rank,
      placedBecause: reason,
      placedBy,
      proposalId: proposal.id,
      reference: aggregate.reference,
      title: proposal.title,
      stage: stageLabelFor(proposal.state, "tafTeam", t),
      decidable: (statesAccepting("DECIDE") as string[]).includes(proposal.state),
      held: proposal.heldOutcome ? { outcome: proposal.heldOutcome, priority: proposal.heldPriority ?? false, version: proposal.heldVersion ?? 1 } : null,
      lead: proposal.lead,
      countries: WB6_COUNTRIES.filter((country) => codes.has(country.code)).map(({ key, needsFootnote }) => ({ name: t(key), needsFootnote })),
      aggregate,
      largestGap: largestGapOf(aggregate),
      scores: {
        mean: formatScore(aggregate.weightedMean, language),
        median: formatScore(aggregate.weightedMedian, language),
        deviation: formatScore(aggregate.standardDeviation, language),
        byCriterion: Object.fromEntries(aggregate.criteria.map((criterion) => [criterion.criterionId, criterion.range ? formatScore(criterion.range.mean, language) : ""])),
      },
    };
  });
  return { round: { id: round.id, code: round.code, title: round.title }, criteria, rows };
}

type SortValue = (row: RankingRow) => number | string | null;

const SORT_VALUES: Record<RankingSort, SortValue> = {
  rank: (row) => row.rank,
  reference: (row) => row.reference,
  mean: (row) => row.aggregate.weightedMean,
  median: (row) => row.aggregate.weightedMedian,
  // The widest gap on a criterion first, then the spread of the overall scores.
  spread: (row) => (row.largestGap ?? -1) * 1000 + (row.aggregate.standardDeviation ?? -1),
  disagreement: (row) => row.aggregate.disagreement.reasons.length,
  promising: (row) => row.aggregate.recommendations.promising,
  reviews: (row) => row.aggregate.reviewsIn,
};

/**
 * The rows in the asked order. A proposal without the figure (no scored review yet) stays at
 * the bottom whichever way a column is sorted, and rows equal on it keep their rank order.
 */
export function sortRanking(rows: readonly RankingRow[], { sort, order }: RankingOrder): RankingRow[] {
  const value = SORT_VALUES[sort];
  const direction = order === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [value(a), value(b)];
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    const compared = typeof x === "string" || typeof y === "string" ? String(x).localeCompare(String(y)) : x - y;
    return compared === 0 ? a.rank - b.rank : compared * direction;
  });
}

/** The ranking page: the round, its criteria's names, and one page of the rows in the asked order. */
export function rankingPage(roundId: number, order: RankingOrder, page: PageRequest, t: TFunction) {
  const ranking = roundRanking(roundId, t);
  if (!ranking) return null;
  const sorted = sortRanking(ranking.rows, order);
  const { rows, pages } = readPage(page, (offset, limit) => ({ rows: sorted.slice(offset, offset + limit), total: sorted.length }));
  return { ...ranking, order, rows, pages };
}

/**
 * The ranking as a CSV file, in rank order, with one audit row for the export: the file leaves
 * the portal with reviewers' scores in it. Kosovo* is written as such, and the file ends with
 * its footnote, as every export that names it must. Headings, stages and countries are in the
 * language of the page it was downloaded from.
 */
export function rankingCsv(roundId: number, exportedBy: ActingPerson, t: TFunction, now = new Date()) {
  const ranking = roundRanking(roundId, t);
  if (!ranking) return null;
  const header = [
    t("rankingPage.csv.rank"),
    t("rankingPage.csv.reference"),
    t("rankingPage.csv.title"),
    t("rankingPage.csv.stage"),
    t("rankingPage.csv.lead"),
    t("rankingPage.csv.countries"),
    t("rankingPage.csv.reviewsIn"),
    t("rankingPage.csv.assigned"),
    t("rankingPage.csv.weightedMean"),
    t("rankingPage.csv.weightedMedian"),
    t("rankingPage.csv.standardDeviation"),
    t("rankingPage.csv.largestGap"),
    t("rankingPage.csv.disagreement"),
    ...RECOMMENDATION_IDS.map((id) => t("rankingPage.csv.recommended", { recommendation: recommendationWordsIn(id, t).label.toLowerCase() })),
    ...CONFIDENCE_IDS.map((id) => t("rankingPage.csv.confidence", { confidence: confidenceWordsIn(id, t).label.toLowerCase() })),
    ...ranking.criteria.map((criterion) => t("rankingPage.csv.criterionMean", { criterion: criterion.name })),
    t("rankingPage.csv.placedBecause"),
  ];
  const lines = ranking.rows.map((row) => [
    String(row.rank),
    row.reference,
    row.title,
    row.stage,
    row.lead,
    row.countries.map((country) => countryLabel(country.name, country.needsFootnote)).join("; "),
    String(row.aggregate.reviewsIn),
    String(row.aggregate.assigned),
    csvScore(row.aggregate.weightedMean),
    csvScore(row.aggregate.weightedMedian),
    csvScore(row.aggregate.standardDeviation),
    row.largestGap === null ? "" : String(row.largestGap),
    row.aggregate.disagreement.flagged ? row.aggregate.disagreement.reasons.join(" ") : "",
    ...RECOMMENDATION_IDS.map((id) => String(row.aggregate.recommendations[id])),
    ...CONFIDENCE_IDS.map((id) => String(row.aggregate.confidence[id])),
    ...row.aggregate.criteria.map((criterion) => csvScore(criterion.range?.mean ?? null)),
    row.placedBecause ?? "",
  ]);
  const body = csvLines([header, ...lines, [kosovoFootnoteIn(t)]]);
  audit({ actorUserId: exportedBy.id, action: "round.rankingExported", subjectType: "round", subjectId: ranking.round.id, detail: { proposals: ranking.rows.length } });
  const day = toBrusselsTime(now).slice(0, 10);
  return { fileName: safeFileName(`ranking-${ranking.round.code}-${day}.csv`), body };
}

function csvScore(value: number | null) {
  return value === null ? "" : formatScore(value);
}
