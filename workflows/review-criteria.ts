/**
 * What EU reviewers score a proposal against, set per round, and the words every review uses
 * besides its scores: a recommendation and the reviewer's confidence.
 *
 * Administrators edit a round's criteria until its first review is submitted; from then on the
 * stored scores refer to them by id, so an id never changes once a review could point at it.
 */
import { formatListIn } from "./time";
import type { Translate } from "./words";
import { languageOf } from "./words";

/** The points of the scale every criterion is scored on, worst first. */
export const SCALE_POINTS = [1, 2, 3, 4, 5] as const;

export type ScalePoint = (typeof SCALE_POINTS)[number];

/** The words for each point of the scale, for 1 to 5 in that order. */
export type ScaleLabels = readonly [string, string, string, string, string];

export interface ReviewCriterion {
  /** Stable: stored scores are keyed by it. */
  id: string;
  name: string;
  /** What the reviewer looks for, shown beside the scale. */
  guidance: string;
  /** Relative: only the ratio between a round's weights matters, never their sum. */
  weight: number;
  scaleLabels: ScaleLabels;
}

/** A criterion's words in a language: what `DEFAULT_CRITERION_KEYS` holds as keys. */
function inWords(criterion: ReviewCriterion, t: Translate): ReviewCriterion {
  const [one, two, three, four, five] = criterion.scaleLabels.map((key) => t(key));
  return { ...criterion, name: t(criterion.name), guidance: t(criterion.guidance), scaleLabels: [one!, two!, three!, four!, five!] };
}

// Equal weights by default: the weighted score then reads as the plain mean, which a reviewer
// can check by hand; a round that cares more for one criterion says so in its settings. The
// words are catalogue keys (locales/<language>/rules.json, section `reviewCriteria`).
const DEFAULT_CRITERION_KEYS: readonly ReviewCriterion[] = [
  {
    id: "relevance",
    name: "reviewCriteria.relevance.name",
    guidance: "reviewCriteria.relevance.guidance",
    weight: 1,
    scaleLabels: ["reviewCriteria.relevance.scale1", "reviewCriteria.relevance.scale2", "reviewCriteria.relevance.scale3", "reviewCriteria.relevance.scale4", "reviewCriteria.relevance.scale5"],
  },
  {
    id: "regionalAddedValue",
    name: "reviewCriteria.regionalAddedValue.name",
    guidance: "reviewCriteria.regionalAddedValue.guidance",
    weight: 1,
    scaleLabels: ["reviewCriteria.regionalAddedValue.scale1", "reviewCriteria.regionalAddedValue.scale2", "reviewCriteria.regionalAddedValue.scale3", "reviewCriteria.regionalAddedValue.scale4", "reviewCriteria.regionalAddedValue.scale5"],
  },
  {
    id: "operationalFeasibility",
    name: "reviewCriteria.operationalFeasibility.name",
    guidance: "reviewCriteria.operationalFeasibility.guidance",
    weight: 1,
    scaleLabels: ["reviewCriteria.operationalFeasibility.scale1", "reviewCriteria.operationalFeasibility.scale2", "reviewCriteria.operationalFeasibility.scale3", "reviewCriteria.operationalFeasibility.scale4", "reviewCriteria.operationalFeasibility.scale5"],
  },
  {
    id: "sustainability",
    name: "reviewCriteria.sustainability.name",
    guidance: "reviewCriteria.sustainability.guidance",
    weight: 1,
    scaleLabels: ["reviewCriteria.sustainability.scale1", "reviewCriteria.sustainability.scale2", "reviewCriteria.sustainability.scale3", "reviewCriteria.sustainability.scale4", "reviewCriteria.sustainability.scale5"],
  },
  {
    id: "valueForMoney",
    name: "reviewCriteria.valueForMoney.name",
    guidance: "reviewCriteria.valueForMoney.guidance",
    weight: 1,
    scaleLabels: ["reviewCriteria.valueForMoney.scale1", "reviewCriteria.valueForMoney.scale2", "reviewCriteria.valueForMoney.scale3", "reviewCriteria.valueForMoney.scale4", "reviewCriteria.valueForMoney.scale5"],
  },
];

/** The Guide's criteria in a translator's words; in English (workflows/in-english.ts), as a new round stores them. */
export function guideReviewCriteria(t: Translate): ReviewCriterion[] {
  return DEFAULT_CRITERION_KEYS.map((criterion) => inWords(criterion, t));
}

/**
 * A round's criterion as the reader reads it: one the TAF team left in the Guide's words (its
 * id, name, guidance and scale exactly those of `stored`, the Guide's as rounds store them) in
 * the reader's language; one the team wrote or reworded as typed.
 */
export function reviewCriterionIn(criterion: ReviewCriterion, t: Translate, stored: readonly ReviewCriterion[]): ReviewCriterion {
  const index = stored.findIndex((guide) => guide.id === criterion.id);
  const guide = stored[index];
  if (!guide) return criterion;
  const unchanged =
    guide.name === criterion.name && guide.guidance === criterion.guidance && guide.scaleLabels.every((label, point) => label === criterion.scaleLabels[point]);
  return unchanged ? { ...inWords(DEFAULT_CRITERION_KEYS[index]!, t), weight: criterion.weight } : criterion;
}

/** The words of a choice: its label and what it means. */
export interface ChoiceWords {
  label: string;
  meaning: string;
}

const RECOMMENDATION_KEYS = {
  promising: { label: "recommendations.promising.label", meaning: "recommendations.promising.meaning" },
  notPromising: { label: "recommendations.notPromising.label", meaning: "recommendations.notPromising.meaning" },
  needsClarification: { label: "recommendations.needsClarification.label", meaning: "recommendations.needsClarification.meaning" },
} as const;

export type Recommendation = keyof typeof RECOMMENDATION_KEYS;

export const RECOMMENDATION_IDS = Object.keys(RECOMMENDATION_KEYS) as [Recommendation, ...Recommendation[]];

/** "Promising", with what it means, in the reader's language. */
export function recommendationWordsIn(id: Recommendation, t: Translate): ChoiceWords {
  return { label: t(RECOMMENDATION_KEYS[id].label), meaning: t(RECOMMENDATION_KEYS[id].meaning) };
}

const CONFIDENCE_KEYS = {
  low: { label: "confidence.low.label", meaning: "confidence.low.meaning" },
  medium: { label: "confidence.medium.label", meaning: "confidence.medium.meaning" },
  high: { label: "confidence.high.label", meaning: "confidence.high.meaning" },
} as const;

export type Confidence = keyof typeof CONFIDENCE_KEYS;

export const CONFIDENCE_IDS = Object.keys(CONFIDENCE_KEYS) as [Confidence, ...Confidence[]];

/** "High", with what it means, in the reader's language. */
export function confidenceWordsIn(id: Confidence, t: Translate): ChoiceWords {
  return { label: t(CONFIDENCE_KEYS[id].label), meaning: t(CONFIDENCE_KEYS[id].meaning) };
}

/** A round's criteria as an administrator's form sends them: anything may still be wrong. */
export interface ReviewCriterionDraft {
  id: string;
  name: string;
  guidance: string;
  weight: number;
  scaleLabels: readonly string[];
}

export type CheckedReviewCriteria = { ok: true; criteria: ReviewCriterion[] } | { ok: false; problems: string[] };

function hasAPointEach(labels: readonly string[]): labels is ScaleLabels {
  return labels.length === SCALE_POINTS.length;
}

/**
 * Checks a round's criteria before they are stored; every problem is a sentence for the
 * administrator in their language, naming the criterion by its place in the list and its name.
 */
export function checkReviewCriteria(drafts: readonly ReviewCriterionDraft[], t: Translate): CheckedReviewCriteria {
  if (drafts.length === 0) return { ok: false, problems: [t("reviewCriteria.problem.none")] };

  const problems: string[] = [];
  const criteria: ReviewCriterion[] = [];
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  const language = languageOf(t);
  drafts.forEach((draft, index) => {
    const id = draft.id.trim();
    const name = draft.name.trim();
    const which = name === "" ? t("reviewCriteria.problem.which", { number: index + 1 }) : t("reviewCriteria.problem.whichNamed", { number: index + 1, name });

    if (id === "") problems.push(t("reviewCriteria.problem.needsId", { which }));
    else if (seenIds.has(id)) problems.push(t("reviewCriteria.problem.idTaken", { which, id }));
    seenIds.add(id);

    if (name === "") problems.push(t("reviewCriteria.problem.needsName", { which }));
    else if (seenNames.has(name.toLowerCase())) problems.push(t("reviewCriteria.problem.nameTaken", { which }));
    seenNames.add(name.toLowerCase());

    if (!Number.isFinite(draft.weight) || draft.weight <= 0) {
      problems.push(
        Number.isFinite(draft.weight)
          ? t("reviewCriteria.problem.needsWeightGiven", { which, given: draft.weight })
          : t("reviewCriteria.problem.needsWeight", { which }),
      );
    }

    const labels = draft.scaleLabels;
    if (!hasAPointEach(labels)) {
      problems.push(t("reviewCriteria.problem.scaleLength", { which, points: SCALE_POINTS.length, given: labels.length }));
      return;
    }
    const blank = labels.flatMap((label, index) => (label.trim() === "" ? [String(index + 1)] : []));
    if (blank.length > 0) problems.push(t("reviewCriteria.problem.blankPoints", { which, count: blank.length, points: formatListIn(language, blank) }));

    const [one, two, three, four, five] = labels;
    criteria.push({
      id,
      name,
      guidance: draft.guidance.trim(),
      weight: draft.weight,
      scaleLabels: [one.trim(), two.trim(), three.trim(), four.trim(), five.trim()],
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, criteria };
}
