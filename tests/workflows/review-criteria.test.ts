import { DEFAULT_REVIEW_CRITERIA, inEnglish } from "../../workflows/in-english";
import { describe, expect, it } from "vitest";
import { checkReviewCriteria, CONFIDENCE_IDS, confidenceWordsIn, RECOMMENDATION_IDS, recommendationWordsIn } from "../../workflows/review-criteria";
import type { ReviewCriterionDraft } from "../../workflows/review-criteria";

const feasibility: ReviewCriterionDraft = {
  id: "operationalFeasibility",
  name: "Operational feasibility",
  guidance: "Can the partners carry it out as planned?",
  weight: 2,
  scaleLabels: ["Cannot be done", "Major gaps", "Feasible with gaps", "Well planned", "Ready to start"],
};

function problems(drafts: readonly ReviewCriterionDraft[]): string[] {
  const checked = checkReviewCriteria(drafts, inEnglish);
  return checked.ok ? [] : checked.problems;
}

describe("a round's default review criteria", () => {
  it("are the five the TAF scores against, each with guidance and words for every point", () => {
    expect(DEFAULT_REVIEW_CRITERIA.map((criterion) => criterion.name)).toEqual([
      "Relevance to SOC/CT priorities",
      "Regional (cross-border) added value",
      "Operational feasibility",
      "Sustainability",
      "Value for money",
    ]);
    const checked = checkReviewCriteria(DEFAULT_REVIEW_CRITERIA, inEnglish);
    expect(checked).toEqual({ ok: true, criteria: DEFAULT_REVIEW_CRITERIA });
    for (const criterion of DEFAULT_REVIEW_CRITERIA) expect(criterion.guidance).not.toBe("");
  });

  it("give every review a recommendation and a confidence in the reviewer's words", () => {
    expect(RECOMMENDATION_IDS.map((id) => recommendationWordsIn(id, inEnglish).label)).toEqual([
      "Promising",
      "Not promising",
      "Needs clarification",
    ]);
    expect(CONFIDENCE_IDS.map((id) => confidenceWordsIn(id, inEnglish).label)).toEqual(["Low", "Medium", "High"]);
  });
});

describe("checking a round's review criteria", () => {
  it("keeps a valid list, trimmed of stray spaces", () => {
    const checked = checkReviewCriteria([
      { ...feasibility, name: "  Operational feasibility ", scaleLabels: [" Cannot be done", ...feasibility.scaleLabels.slice(1)] },
    ], inEnglish);
    expect(checked).toEqual({ ok: true, criteria: [feasibility] });
  });

  it("refuses a round without criteria", () => {
    expect(problems([])).toEqual(["A round needs at least one review criterion."]);
  });

  it("refuses two criteria with one id or one name, since scores are stored by id", () => {
    expect(
      problems([
        feasibility,
        { ...feasibility, name: "Feasibility" },
        { ...feasibility, id: "feasibility", name: "operational feasibility" },
      ]),
    ).toEqual([
      'Criterion 2 (Feasibility) has the id "operationalFeasibility", which an earlier criterion already uses.',
      "Criterion 3 (operational feasibility) has the same name as an earlier criterion.",
    ]);
  });

  it("refuses a blank id or name", () => {
    expect(problems([{ ...feasibility, id: " ", name: "" }])).toEqual(["Criterion 1 needs an id.", "Criterion 1 needs a name."]);
  });

  it("refuses a weight that is not a number above zero", () => {
    expect(
      problems([
        { ...feasibility, id: "zero", name: "Zero", weight: 0 },
        { ...feasibility, id: "negative", name: "Negative", weight: -1 },
        { ...feasibility, id: "empty", name: "Empty", weight: Number.NaN },
        { ...feasibility, id: "endless", name: "Endless", weight: Number.POSITIVE_INFINITY },
        { ...feasibility, id: "tiny", name: "Tiny", weight: 0.01 },
      ]),
    ).toEqual([
      "Criterion 1 (Zero) needs a weight, a number above zero; it has 0.",
      "Criterion 2 (Negative) needs a weight, a number above zero; it has -1.",
      "Criterion 3 (Empty) needs a weight, a number above zero.",
      "Criterion 4 (Endless) needs a weight, a number above zero.",
    ]);
  });

  it("refuses a scale without words for each of its five points", () => {
    expect(
      problems([
        { ...feasibility, scaleLabels: feasibility.scaleLabels.slice(0, 4) },
        { ...feasibility, id: "blank", name: "Blank", scaleLabels: ["", " ", "Fair", "", "Excellent"] },
        { ...feasibility, id: "oneBlank", name: "One blank", scaleLabels: ["Poor", "Weak", "Fair", "Good", ""] },
      ]),
    ).toEqual([
      "Criterion 1 (Operational feasibility) needs a label for each of the 5 points of the scale; it has 4.",
      "Criterion 2 (Blank) needs words for points 1, 2 and 4 of the scale.",
      "Criterion 3 (One blank) needs words for point 5 of the scale.",
    ]);
  });
});
