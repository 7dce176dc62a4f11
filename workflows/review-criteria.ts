/**
 * What EU reviewers score a proposal against, set per round, and the words every review uses
 * besides its scores: a recommendation and the reviewer's confidence.
 *
 * Administrators edit a round's criteria until its first review is submitted; from then on the
 * stored scores refer to them by id, so an id never changes once a review could point at it.
 */

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

// Equal weights by default: the weighted score then reads as the plain mean, which a reviewer
// can check by hand; a round that cares more for one criterion says so in its settings.
export const DEFAULT_REVIEW_CRITERIA: readonly ReviewCriterion[] = [
  {
    id: "relevance",
    name: "Relevance to SOC/CT priorities",
    guidance:
      "Does the proposal address a serious and organised crime or counter-terrorism priority of the region (EMPACT priorities, the Western Balkans CT action plan)? Is the link operational, not only general?",
    weight: 1,
    scaleLabels: [
      "No link to serious and organised crime or counter-terrorism",
      "A loose link, stated but not shown",
      "Linked to a priority, in general terms",
      "Clearly addresses a named priority threat",
      "Addresses a priority threat directly, with an operational aim",
    ],
  },
  {
    id: "regionalAddedValue",
    name: "Regional (cross-border) added value",
    guidance:
      "Would the institutions achieve together what none could alone? Look for shared cases, joint investigation teams, information exchange and lasting working contacts across borders.",
    weight: 1,
    scaleLabels: [
      "National activity with partners in name only",
      "Partners attend, but the work stays national",
      "Some joint work across borders",
      "Real joint work that each partner needs",
      "Cross-border cooperation no partner could achieve alone",
    ],
  },
  {
    id: "operationalFeasibility",
    name: "Operational feasibility",
    guidance:
      "Can the partners carry it out as planned: the right people and mandates, realistic timing and steps, risks (legal, security, political) seen and answered?",
    weight: 1,
    scaleLabels: [
      "Cannot be carried out as described",
      "Major gaps in mandate, people or plan",
      "Feasible, with gaps the partners must close",
      "Well planned, with minor risks",
      "Ready to start: mandates, people, timing and risks in hand",
    ],
  },
  {
    id: "sustainability",
    name: "Sustainability",
    guidance:
      "Will the results outlast the activity: procedures adopted, trainers trained, contacts and channels kept, the institutions' own resources committed?",
    weight: 1,
    scaleLabels: [
      "Nothing remains after the activity",
      "Results depend on further outside funding",
      "Some results are kept by the institutions",
      "The institutions commit to keep most results",
      "Results built into the institutions' routine work",
    ],
  },
  {
    id: "valueForMoney",
    name: "Value for money",
    guidance:
      "Are the costs in proportion to the expected results and the number of institutions and officers reached? Is anything funded twice or better covered by another instrument?",
    weight: 1,
    scaleLabels: [
      "Costs out of proportion to any result",
      "High costs for modest results",
      "Reasonable costs for the results",
      "Good results for the costs",
      "Excellent results for modest costs",
    ],
  },
];

export const RECOMMENDATIONS = {
  promising: { label: "Promising", meaning: "Worth turning into a concept with the TAF team." },
  notPromising: { label: "Not promising", meaning: "Should not be taken further in this round." },
  needsClarification: {
    label: "Needs clarification",
    meaning: "Cannot be judged until the applicants answer the questions in the review.",
  },
} as const;

export type Recommendation = keyof typeof RECOMMENDATIONS;

export const RECOMMENDATION_IDS = Object.keys(RECOMMENDATIONS) as [Recommendation, ...Recommendation[]];

export const CONFIDENCE_LEVELS = {
  low: { label: "Low", meaning: "Outside my field: my scores are an informed guess." },
  medium: { label: "Medium", meaning: "Close to my field: I may have missed some points." },
  high: { label: "High", meaning: "My field: I know the subject and the institutions." },
} as const;

export type Confidence = keyof typeof CONFIDENCE_LEVELS;

export const CONFIDENCE_IDS = Object.keys(CONFIDENCE_LEVELS) as [Confidence, ...Confidence[]];

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
 * administrator, naming the criterion by its place in the list and its name.
 */
export function checkReviewCriteria(drafts: readonly ReviewCriterionDraft[]): CheckedReviewCriteria {
  if (drafts.length === 0) return { ok: false, problems: ["A round needs at least one review criterion."] };

  const problems: string[] = [];
  const criteria: ReviewCriterion[] = [];
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  drafts.forEach((draft, index) => {
    const id = draft.id.trim();
    const name = draft.name.trim();
    const which = name === "" ? `Criterion ${index + 1}` : `Criterion ${index + 1} (${name})`;

    if (id === "") problems.push(`${which} needs an id.`);
    else if (seenIds.has(id)) problems.push(`${which} has the id "${id}", which an earlier criterion already uses.`);
    seenIds.add(id);

    if (name === "") problems.push(`${which} needs a name.`);
    else if (seenNames.has(name.toLowerCase())) problems.push(`${which} has the same name as an earlier criterion.`);
    seenNames.add(name.toLowerCase());

    if (!Number.isFinite(draft.weight) || draft.weight <= 0) {
      const given = Number.isFinite(draft.weight) ? `; it has ${draft.weight}` : "";
      problems.push(`${which} needs a weight, a number above zero${given}.`);
    }

    const labels = draft.scaleLabels;
    if (!hasAPointEach(labels)) {
      problems.push(`${which} needs a label for each of the ${SCALE_POINTS.length} points of the scale; it has ${labels.length}.`);
      return;
    }
    const blank = labels.flatMap((label, index) => (label.trim() === "" ? [index + 1] : []));
    const last = blank.pop();
    if (last !== undefined) {
      const points = blank.length === 0 ? `point ${last}` : `points ${blank.join(", ")} and ${last}`;
      problems.push(`${which} needs words for ${points} of the scale.`);
    }

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
