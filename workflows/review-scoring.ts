/**
 * How reviews become numbers the TAF team decides on: a review's weighted score, a proposal's
 * aggregate over its submitted reviews (with a flag where reviewers disagree), and a round's
 * ranking. The maths never rounds; `formatScore` is the one place a number is rounded, for people.
 */
import type { Confidence, Recommendation, ReviewCriterion, ScalePoint } from "./review-criteria";
import { CONFIDENCE_IDS, RECOMMENDATION_IDS } from "./review-criteria";
import type { PageLanguage } from "./languages";
import { formatNumberIn, formatTwoDecimalsIn } from "./time";
import type { Translate } from "./words";
import { languageOf } from "./words";

/** A reviewer's scores by criterion id. A draft may leave criteria out; a submitted review should not. */
export type CriterionScores = Readonly<Partial<Record<string, ScalePoint>>>;

/** Reviewers this far apart on one criterion (e.g. a 2 and a 5) disagree on what they read. */
export const DISAGREEMENT_GAP = 3;

/**
 * Above this standard deviation of the weighted scores the reviews tell different stories even
 * where no criterion is 3 points apart: two reviewers more than 1.6 points apart overall, or
 * three spread like 2, 3 and 4. It stays below 1 because reviews at most 2 points apart on every
 * criterion are at most 2 apart overall, a deviation of at most 1: a threshold of 1 would only
 * repeat the gap rule.
 */
export const DISAGREEMENT_STANDARD_DEVIATION = 0.8;

// Sums of the same weighted scores in another order can differ in the last bit; two proposals
// that closer are tied, so the explainable tie-breaks decide instead of rounding noise.
const SAME_SCORE_TOLERANCE = 1e-9;

export interface WeightedScore {
  /** The weighted mean over the criteria scored so far only; null while none is. */
  value: number | null;
  scored: number;
  of: number;
}

/**
 * A review's weighted score: each scored criterion counts by its weight. A draft that misses
 * criteria is scored over those it has, and says how many, so nobody reads it as complete.
 * Scores for criteria the round no longer has are left out.
 */
export function weightedScore(criteria: readonly ReviewCriterion[], scores: CriterionScores): WeightedScore {
  let weighted = 0;
  let weights = 0;
  let scored = 0;
  for (const criterion of criteria) {
    const score = scores[criterion.id];
    if (score === undefined) continue;
    weighted += criterion.weight * score;
    weights += criterion.weight;
    scored += 1;
  }
  return { value: scored === 0 ? null : weighted / weights, scored, of: criteria.length };
}

export interface SubmittedReview {
  scores: CriterionScores;
  recommendation: Recommendation;
  confidence: Confidence;
}

export interface ProposalReviews {
  proposalId: number;
  reference: string;
  /** Assignments that still count: a declined or conflicted one freed its slot. */
  assigned: number;
  submitted: readonly SubmittedReview[];
}

export interface ScoreRange {
  mean: number;
  min: number;
  max: number;
  /** max − min */
  spread: number;
}

export interface CriterionSummary {
  criterionId: string;
  name: string;
  scoredBy: number;
  /** Null while no submitted review scores the criterion. */
  range: ScoreRange | null;
}

export interface ProposalAggregate {
  proposalId: number;
  reference: string;
  reviewsIn: number;
  assigned: number;
  /** Each scored review counts once, whatever its number of scored criteria. */
  weightedMean: number | null;
  weightedMedian: number | null;
  /** Of the reviews' weighted scores, as a population: one review has 0. */
  standardDeviation: number | null;
  criteria: CriterionSummary[];
  disagreement: { flagged: boolean; reasons: string[] };
  recommendations: Record<Recommendation, number>;
  confidence: Record<Confidence, number>;
}

function ascending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

// Callers pass sorted values: summing in one fixed order makes every aggregate the same bit for
// bit whatever order the reviews arrive in.
function mean(sorted: readonly number[]): number {
  return sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
}

function median(sorted: readonly number[]): number {
  return mean(sorted.slice(Math.floor((sorted.length - 1) / 2), Math.floor(sorted.length / 2) + 1));
}

function standardDeviation(sorted: readonly number[]): number {
  const average = mean(sorted);
  return Math.sqrt(mean(ascending(sorted.map((value) => (value - average) ** 2))));
}

function countBy<Key extends string>(keys: readonly Key[], values: readonly Key[]): Record<Key, number> {
  const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<Key, number>;
  for (const value of values) counts[value] += 1;
  return counts;
}

/** What the TAF team reads about a proposal's review: scores, spread, disagreement, recommendations; the reasons in the words of `t`. */
export function aggregateReviews(criteria: readonly ReviewCriterion[], proposal: ProposalReviews, t: Translate): ProposalAggregate {
  const language = languageOf(t);
  const weightedScores = ascending(
    proposal.submitted.flatMap((review) => {
      const { value } = weightedScore(criteria, review.scores);
      return value === null ? [] : [value];
    }),
  );

  const summaries = criteria.map((criterion): CriterionSummary => {
    const scores = ascending(proposal.submitted.flatMap((review) => review.scores[criterion.id] ?? []));
    const min = scores[0];
    const max = scores[scores.length - 1];
    const range = min === undefined || max === undefined ? null : { mean: mean(scores), min, max, spread: max - min };
    return { criterionId: criterion.id, name: criterion.name, scoredBy: scores.length, range };
  });

  const deviation = weightedScores.length === 0 ? null : standardDeviation(weightedScores);
  const reasons = summaries.flatMap(({ name, range }) =>
    range !== null && range.spread >= DISAGREEMENT_GAP
      ? [t("reviewScoring.criterionApart", { count: range.spread, criterion: name, min: range.min, max: range.max })]
      : [],
  );
  if (deviation !== null && deviation > DISAGREEMENT_STANDARD_DEVIATION) {
    reasons.push(
      t("reviewScoring.widelySpread", {
        deviation: formatScore(deviation, language),
        threshold: formatNumberIn(language, DISAGREEMENT_STANDARD_DEVIATION),
      }),
    );
  }

  return {
    proposalId: proposal.proposalId,
    reference: proposal.reference,
    reviewsIn: proposal.submitted.length,
    assigned: proposal.assigned,
    weightedMean: weightedScores.length === 0 ? null : mean(weightedScores),
    weightedMedian: weightedScores.length === 0 ? null : median(weightedScores),
    standardDeviation: deviation,
    criteria: summaries,
    disagreement: { flagged: reasons.length > 0, reasons },
    recommendations: countBy(RECOMMENDATION_IDS, proposal.submitted.map((review) => review.recommendation)),
    confidence: countBy(CONFIDENCE_IDS, proposal.submitted.map((review) => review.confidence)),
  };
}

/** What set a proposal below the one ranked just above it; null for the first. */
export type RankingKey = "weightedMean" | "weightedMedian" | "reviewsIn" | "reference";

export interface RankedProposal {
  rank: number;
  aggregate: ProposalAggregate;
  placedBy: RankingKey | null;
  /** Why it is not above the previous proposal, in words; null for the first. */
  reason: string | null;
}

// Higher first; a proposal with no score yet after every scored one.
function compareScores(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return Math.abs(a - b) <= SAME_SCORE_TOLERANCE ? 0 : b - a;
}

function decidingKey(a: ProposalAggregate, b: ProposalAggregate): { key: RankingKey; order: number } {
  const byMean = compareScores(a.weightedMean, b.weightedMean);
  if (byMean !== 0) return { key: "weightedMean", order: byMean };
  const byMedian = compareScores(a.weightedMedian, b.weightedMedian);
  if (byMedian !== 0) return { key: "weightedMedian", order: byMedian };
  if (a.reviewsIn !== b.reviewsIn) return { key: "reviewsIn", order: b.reviewsIn - a.reviewsIn };
  return { key: "reference", order: a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0 };
}

function placeInWords(key: RankingKey, above: ProposalAggregate, below: ProposalAggregate, t: Translate): string {
  const language = languageOf(t);
  const reviews = { reviews: t("reviewScoring.reviewsIn", { count: below.reviewsIn }), other: above.reviewsIn, reference: above.reference };
  if (below.weightedMean === null) {
    if (above.weightedMean !== null) return t("reviewScoring.placed.noScoreYet");
    return key === "reviewsIn" ? t("reviewScoring.placed.noScoreLikeByReviews", reviews) : t("reviewScoring.placed.noScoreLikeByReference", reviews);
  }
  switch (key) {
    case "weightedMean":
      return t("reviewScoring.placed.weightedMean", { score: formatScore(below.weightedMean, language), above: formatScore(above.weightedMean, language), reference: above.reference });
    case "weightedMedian":
      return t("reviewScoring.placed.weightedMedian", {
        reference: above.reference,
        score: formatScore(below.weightedMean, language),
        median: formatScore(below.weightedMedian, language),
        aboveMedian: formatScore(above.weightedMedian, language),
      });
    case "reviewsIn":
      return t("reviewScoring.placed.reviewsIn", reviews);
    case "reference":
      return t("reviewScoring.placed.reference", reviews);
  }
}

/**
 * A round's proposals, best first: by weighted mean; where two are the same, by median, then the
 * one with more reviews in (its score rests on more opinions), then by reference, so the order
 * never depends on how the rows arrived. Proposals with no scored review come last.
 */
export function rankProposals(aggregates: readonly ProposalAggregate[], t: Translate): RankedProposal[] {
  const sorted = [...aggregates].sort((a, b) => decidingKey(a, b).order);
  return sorted.map((aggregate, index) => {
    const above = sorted[index - 1];
    if (above === undefined) return { rank: 1, aggregate, placedBy: null, reason: null };
    const { key } = decidingKey(above, aggregate);
    return { rank: index + 1, aggregate, placedBy: key, reason: placeInWords(key, above, aggregate, t) };
  });
}

/** A score for people: two decimals in the language's way ("3.50", "3,50"), and a dash where there is no score yet. */
export function formatScore(value: number | null, language: PageLanguage = "en"): string {
  return value === null ? "—" : formatTwoDecimalsIn(language, value);
}

/** A review's weighted score for people, saying when it rests on only some of the criteria. */
export function describeWeightedScore({ value, scored, of }: WeightedScore, t: Translate): string {
  if (value === null) return t("reviewScoring.noCriterionScored");
  const score = formatScore(value, languageOf(t));
  return scored === of ? score : t("reviewScoring.partlyScored", { score, scored, total: of });
}
