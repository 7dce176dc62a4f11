import { DEFAULT_REVIEW_CRITERIA, inEnglish } from "../../workflows/in-english";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Confidence, Recommendation, ReviewCriterion, ScalePoint } from "../../workflows/review-criteria";
import { CONFIDENCE_IDS, RECOMMENDATION_IDS, SCALE_POINTS } from "../../workflows/review-criteria";
import type { CriterionScores, ProposalAggregate, SubmittedReview } from "../../workflows/review-scoring";
import {
  aggregateReviews,
  describeWeightedScore,
  DISAGREEMENT_STANDARD_DEVIATION,
  formatScore,
  rankProposals,
  weightedScore,
} from "../../workflows/review-scoring";

const relevance = "relevance";
const regional = "regionalAddedValue";
const feasibility = "operationalFeasibility";
const valueForMoney = "valueForMoney";

/** The default five, scored in their order. */
function scores(...points: ScalePoint[]): CriterionScores {
  return Object.fromEntries(DEFAULT_REVIEW_CRITERIA.flatMap((criterion, index) => (points[index] === undefined ? [] : [[criterion.id, points[index]]])));
}

function review(points: ScalePoint[], recommendation: Recommendation = "promising", confidence: Confidence = "medium"): SubmittedReview {
  return { scores: scores(...points), recommendation, confidence };
}

function aggregate(reference: string, reviews: SubmittedReview[], assigned = reviews.length, criteria: readonly ReviewCriterion[] = DEFAULT_REVIEW_CRITERIA): ProposalAggregate {
  return aggregateReviews(criteria, { proposalId: Number(reference.slice(-3)), reference, assigned, submitted: reviews }, inEnglish);
}

describe("a review's weighted score", () => {
  it("is the plain mean under the default, equal weights", () => {
    const score = weightedScore(DEFAULT_REVIEW_CRITERIA, scores(5, 4, 4, 3, 2));
    expect(score).toEqual({ value: 3.6, scored: 5, of: 5 });
    expect(describeWeightedScore(score, inEnglish)).toBe("3.60");
  });

  it("counts each criterion by its weight", () => {
    const relevanceCountsThrice = DEFAULT_REVIEW_CRITERIA.map((criterion) => (criterion.id === relevance ? { ...criterion, weight: 3 } : criterion));
    const score = weightedScore(relevanceCountsThrice, scores(5, 1, 1, 1, 1));
    expect(score.value).toBeCloseTo(19 / 7, 12);
    expect(describeWeightedScore(score, inEnglish)).toBe("2.71");
  });

  it("of a draft rests on the criteria scored so far only, and says so", () => {
    const draft = weightedScore(DEFAULT_REVIEW_CRITERIA, { [relevance]: 5, [feasibility]: 2 });
    expect(draft).toEqual({ value: 3.5, scored: 2, of: 5 });
    expect(describeWeightedScore(draft, inEnglish)).toBe("3.50 over 2 of 5 criteria");
  });

  it("of a review with no score yet is none, not a zero", () => {
    const empty = weightedScore(DEFAULT_REVIEW_CRITERIA, {});
    expect(empty).toEqual({ value: null, scored: 0, of: 5 });
    expect(describeWeightedScore(empty, inEnglish)).toBe("No criterion scored yet");
  });

  it("leaves out a score for a criterion the round does not have", () => {
    expect(weightedScore(DEFAULT_REVIEW_CRITERIA, { [relevance]: 4, innovation: 1 })).toEqual({ value: 4, scored: 1, of: 5 });
  });

  const criteriaWithWeights = fc
    .array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 8 })
    .map((weights) => weights.map((weight, index): ReviewCriterion => ({ ...(DEFAULT_REVIEW_CRITERIA[0] as ReviewCriterion), id: `criterion${index}`, weight })));
  const partialScores = (criteria: ReviewCriterion[]) =>
    fc.tuple(...criteria.map(() => fc.option(fc.constantFrom(...SCALE_POINTS), { nil: undefined }))).map((points) =>
      Object.fromEntries(criteria.flatMap((criterion, index) => (points[index] === undefined ? [] : [[criterion.id, points[index]]]))),
    );

  it("lies between the lowest and the highest score given", () => {
    fc.assert(
      fc.property(
        criteriaWithWeights.chain((criteria) => fc.tuple(fc.constant(criteria), partialScores(criteria))),
        ([criteria, given]) => {
          const { value, scored } = weightedScore(criteria, given);
          const points = Object.values(given).filter((point) => point !== undefined);
          expect(scored).toBe(points.length);
          if (value === null) {
            expect(points).toEqual([]);
          } else {
            expect(value).toBeGreaterThanOrEqual(Math.min(...points) - 1e-9);
            expect(value).toBeLessThanOrEqual(Math.max(...points) + 1e-9);
          }
        },
      ),
    );
  });

  it("does not change when every weight is multiplied by the same number", () => {
    fc.assert(
      fc.property(
        criteriaWithWeights.chain((criteria) => fc.tuple(fc.constant(criteria), partialScores(criteria))),
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        ([criteria, given], factor) => {
          const scaled = criteria.map((criterion) => ({ ...criterion, weight: criterion.weight * factor }));
          const before = weightedScore(criteria, given);
          const after = weightedScore(scaled, given);
          expect(after.scored).toBe(before.scored);
          if (before.value === null) expect(after.value).toBeNull();
          else expect(after.value).toBeCloseTo(before.value, 9);
        },
      ),
    );
  });
});

describe("a proposal's aggregate over its submitted reviews", () => {
  it("with no review in shows no score, no disagreement and the reviews still awaited", () => {
    const waiting = aggregate("TAF-2026-R1-004", [], 2);
    expect(waiting).toMatchObject({
      reviewsIn: 0,
      assigned: 2,
      weightedMean: null,
      weightedMedian: null,
      standardDeviation: null,
      disagreement: { flagged: false, reasons: [] },
      recommendations: { promising: 0, notPromising: 0, needsClarification: 0 },
      confidence: { low: 0, medium: 0, high: 0 },
    });
    expect(waiting.criteria.map((criterion) => [criterion.name, criterion.scoredBy, criterion.range])).toEqual(
      DEFAULT_REVIEW_CRITERIA.map((criterion) => [criterion.name, 0, null]),
    );
    expect(formatScore(waiting.weightedMean)).toBe("—");
  });

  it("with one review in is that review's score, with no spread", () => {
    const one = aggregate("TAF-2026-R1-002", [review([4, 5, 3, 3, 4], "needsClarification", "high")], 2);
    expect(one).toMatchObject({
      reviewsIn: 1,
      assigned: 2,
      weightedMean: 3.8,
      weightedMedian: 3.8,
      standardDeviation: 0,
      disagreement: { flagged: false, reasons: [] },
      recommendations: { promising: 0, notPromising: 0, needsClarification: 1 },
      confidence: { low: 0, medium: 0, high: 1 },
    });
    expect(one.criteria.find((criterion) => criterion.criterionId === regional)?.range).toEqual({ mean: 5, min: 5, max: 5, spread: 0 });
  });

  it("gives the mean, the median and each criterion's range, and counts recommendations and confidence", () => {
    const three = aggregate(
      "TAF-2026-R1-007",
      [review([5, 5, 4, 4, 4], "promising", "high"), review([4, 4, 4, 3, 3], "promising", "medium"), review([3, 4, 3, 3, 2], "needsClarification", "high")],
      3,
    );
    expect(three.weightedMean).toBeCloseTo((4.4 + 3.6 + 3) / 3, 12);
    expect(three.weightedMedian).toBe(3.6);
    expect(three.standardDeviation).toBeCloseTo(Math.sqrt(((4.4 - 11 / 3) ** 2 + (3.6 - 11 / 3) ** 2 + (3 - 11 / 3) ** 2) / 3), 12);
    expect(three.criteria.find((criterion) => criterion.criterionId === valueForMoney)?.range).toEqual({ mean: 3, min: 2, max: 4, spread: 2 });
    expect(three.recommendations).toEqual({ promising: 2, notPromising: 0, needsClarification: 1 });
    expect(three.confidence).toEqual({ low: 0, medium: 1, high: 2 });
    expect(three.disagreement.flagged).toBe(false);
  });

  it("takes the median of an even number of reviews halfway between the middle two", () => {
    const four = aggregate("TAF-2026-R1-003", [review([1, 1, 1, 1, 1]), review([3, 3, 3, 3, 3]), review([4, 4, 4, 4, 4]), review([3, 3, 3, 3, 3])]);
    expect(four.weightedMedian).toBe(3);
    expect(four.weightedMean).toBe(2.75);
  });

  it("flags reviewers 3 points apart on a criterion, naming it", () => {
    const apart = aggregate("TAF-2026-R1-005", [review([4, 4, 2, 4, 4]), review([4, 4, 5, 4, 4], "notPromising")]);
    expect(apart.standardDeviation).toBeLessThanOrEqual(DISAGREEMENT_STANDARD_DEVIATION);
    expect(apart.disagreement).toEqual({ flagged: true, reasons: ["Reviewers are 3 points apart on Operational feasibility (2 to 5)."] });
  });

  it("flags weighted scores that spread widely though no criterion is 3 points apart", () => {
    const spread = aggregate("TAF-2026-R1-006", [review([2, 2, 2, 2, 2], "notPromising"), review([4, 4, 4, 4, 4])]);
    expect(spread.criteria.every((criterion) => criterion.range?.spread === 2)).toBe(true);
    expect(spread.disagreement).toEqual({
      flagged: true,
      reasons: [`The weighted scores spread widely: a standard deviation of 1.00, above ${DISAGREEMENT_STANDARD_DEVIATION}.`],
    });
  });

  it("gives every reason when both causes are there", () => {
    const both = aggregate("TAF-2026-R1-008", [review([1, 2, 2, 1, 2]), review([4, 4, 4, 4, 4])]);
    expect(both.disagreement.reasons).toEqual([
      "Reviewers are 3 points apart on Relevance to SOC/CT priorities (1 to 4).",
      "Reviewers are 3 points apart on Sustainability (1 to 4).",
      "The weighted scores spread widely: a standard deviation of 1.20, above 0.8.",
    ]);
  });

  it("does not flag reviewers who differ by less", () => {
    const close = aggregate("TAF-2026-R1-009", [review([3, 4, 3, 3, 4]), review([5, 4, 4, 3, 4]), review([4, 3, 5, 4, 3])]);
    expect(close.disagreement).toEqual({ flagged: false, reasons: [] });
  });

  const anyReview = fc.record({
    scores: fc.tuple(...DEFAULT_REVIEW_CRITERIA.map(() => fc.option(fc.constantFrom(...SCALE_POINTS), { nil: undefined }))).map((points) => scores(...points.filter((point) => point !== undefined))),
    recommendation: fc.constantFrom(...RECOMMENDATION_IDS),
    confidence: fc.constantFrom(...CONFIDENCE_IDS),
  });

  it("does not depend on the order the reviews come in", () => {
    fc.assert(
      fc.property(
        fc.array(anyReview, { maxLength: 7 }).chain((reviews) => fc.tuple(fc.constant(reviews), fc.shuffledSubarray(reviews, { minLength: reviews.length, maxLength: reviews.length }))),
        ([reviews, shuffled]) => {
          expect(aggregate("TAF-2026-R1-010", shuffled, 7)).toEqual(aggregate("TAF-2026-R1-010", reviews, 7));
        },
      ),
    );
  });

  it("lies between its lowest and highest review, with a median there too", () => {
    fc.assert(
      fc.property(fc.array(anyReview, { minLength: 1, maxLength: 7 }), (reviews) => {
        const { weightedMean, weightedMedian } = aggregate("TAF-2026-R1-011", reviews);
        const values = reviews.flatMap((one) => weightedScore(DEFAULT_REVIEW_CRITERIA, one.scores).value ?? []);
        if (values.length === 0) {
          expect([weightedMean, weightedMedian]).toEqual([null, null]);
          return;
        }
        for (const value of [weightedMean, weightedMedian]) {
          expect(value).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(value).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
        }
      }),
    );
  });
});

describe("a round's ranking", () => {
  // Two criteria of equal weight, so weighted scores fall on halves and ties are easy to build.
  const twoCriteria = DEFAULT_REVIEW_CRITERIA.slice(0, 2);
  function proposal(reference: string, ...pairs: [ScalePoint, ScalePoint][]): ProposalAggregate {
    return aggregate(reference, pairs.map(([first, second]) => review([first, second])), 3, twoCriteria);
  }

  it("puts the higher weighted mean first", () => {
    const ranking = rankProposals([proposal("TAF-2026-R1-001", [3, 3]), proposal("TAF-2026-R1-002", [4, 5])], inEnglish);
    expect(ranking.map(({ rank, aggregate: { reference }, placedBy, reason }) => ({ rank, reference, placedBy, reason }))).toEqual([
      { rank: 1, reference: "TAF-2026-R1-002", placedBy: null, reason: null },
      { rank: 2, reference: "TAF-2026-R1-001", placedBy: "weightedMean", reason: "Weighted mean 3.00, below the 4.50 of TAF-2026-R1-002." },
    ]);
  });

  it("breaks ties by median, then reviews in, then reference, and says which decided", () => {
    const ranking = rankProposals([
      proposal("TAF-2026-R1-006"),
      proposal("TAF-2026-R1-005", [3, 3], [3, 3]),
      proposal("TAF-2026-R1-004", [3, 3], [3, 3]),
      proposal("TAF-2026-R1-003", [3, 3], [3, 3], [3, 3]),
      proposal("TAF-2026-R1-002", [2, 3], [2, 3], [4, 4]),
      proposal("TAF-2026-R1-001", [2, 2], [3, 4], [3, 4]),
    ], inEnglish);
    expect(ranking.map(({ aggregate: { reference }, placedBy, reason }) => [reference, placedBy, reason])).toEqual([
      ["TAF-2026-R1-001", null, null],
      ["TAF-2026-R1-003", "weightedMedian", "Same weighted mean as TAF-2026-R1-001 (3.00); median 3.00 against 3.50."],
      ["TAF-2026-R1-004", "reviewsIn", "Same weighted mean and median as TAF-2026-R1-003; 2 reviews in against 3."],
      ["TAF-2026-R1-005", "reference", "Same weighted mean, median and reviews in as TAF-2026-R1-004; placed after it by reference."],
      ["TAF-2026-R1-002", "weightedMedian", "Same weighted mean as TAF-2026-R1-005 (3.00); median 2.50 against 3.00."],
      ["TAF-2026-R1-006", "weightedMean", "No scored review yet: placed after every scored proposal."],
    ]);
    expect(ranking.map((ranked) => ranked.rank)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("puts proposals with no review last, by reviews in and then reference", () => {
    const unscored = aggregate("TAF-2026-R1-003", [{ scores: {}, recommendation: "needsClarification", confidence: "low" }], 2);
    const ranking = rankProposals([aggregate("TAF-2026-R1-001", [], 2), aggregate("TAF-2026-R1-002", [], 2), unscored, proposal("TAF-2026-R1-009", [1, 1])], inEnglish);
    expect(ranking.map(({ aggregate: { reference }, reason }) => [reference, reason])).toEqual([
      ["TAF-2026-R1-009", null],
      ["TAF-2026-R1-003", "No scored review yet: placed after every scored proposal."],
      ["TAF-2026-R1-001", "No scored review yet, like TAF-2026-R1-003; 0 reviews in against 1."],
      ["TAF-2026-R1-002", "No scored review yet, like TAF-2026-R1-001; placed after it by reference."],
    ]);
  });

  it("ties scores that differ only by rounding inside the computer", () => {
    const tenths = [0.1, 0.2, 0.7].map((weight, index): ReviewCriterion => ({ ...(DEFAULT_REVIEW_CRITERIA[index] as ReviewCriterion), weight }));
    // Both are 2.4 exactly on paper; in floating point the first comes out a hair below.
    const first = aggregate("TAF-2026-R1-001", [review([1, 1, 3])], 1, tenths);
    const second = aggregate("TAF-2026-R1-002", [review([2, 4, 2])], 1, tenths);
    expect(first.weightedMean).not.toBe(second.weightedMean);
    const ranking = rankProposals([second, first], inEnglish);
    expect(ranking.map(({ aggregate: { reference }, placedBy }) => [reference, placedBy])).toEqual([
      ["TAF-2026-R1-001", null],
      ["TAF-2026-R1-002", "reference"],
    ]);
  });

  const anyProposal = fc
    .tuple(
      fc.integer({ min: 1, max: 999 }),
      fc.array(fc.tuple(fc.constantFrom(...SCALE_POINTS), fc.constantFrom(...SCALE_POINTS)), { maxLength: 4 }),
    )
    .map(([number, pairs]) => proposal(`TAF-2026-R1-${String(number).padStart(3, "0")}`, ...pairs));
  const round = fc.uniqueArray(anyProposal, { selector: (one) => one.reference, maxLength: 12 });

  it("holds every proposal once, best weighted mean first, unscored last", () => {
    fc.assert(
      fc.property(round, (proposals) => {
        const ranking = rankProposals(proposals, inEnglish);
        expect(ranking.map((ranked) => ranked.aggregate.reference).sort()).toEqual(proposals.map((one) => one.reference).sort());
        expect(ranking.map((ranked) => ranked.rank)).toEqual(proposals.map((_, index) => index + 1));
        const means = ranking.map((ranked) => ranked.aggregate.weightedMean);
        const scored = means.filter((value) => value !== null);
        expect(means.slice(0, scored.length)).toEqual(scored);
        for (let index = 1; index < scored.length; index += 1) {
          expect(scored[index]).toBeLessThanOrEqual((scored[index - 1] ?? Number.NaN) + 1e-9);
        }
      }),
    );
  });

  it("does not depend on the order the proposals come in", () => {
    fc.assert(
      fc.property(
        round.chain((proposals) => fc.tuple(fc.constant(proposals), fc.shuffledSubarray(proposals, { minLength: proposals.length, maxLength: proposals.length }))),
        ([proposals, shuffled]) => {
          expect(rankProposals(shuffled, inEnglish)).toEqual(rankProposals(proposals, inEnglish));
        },
      ),
    );
  });
});

describe("a score for people", () => {
  it("has two decimals, and a dash where there is none", () => {
    expect([formatScore(3.4), formatScore(19 / 7), formatScore(5), formatScore(3.125), formatScore(null)]).toEqual(["3.40", "2.71", "5.00", "3.13", "—"]);
  });
});
