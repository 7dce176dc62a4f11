import { DEFAULT_REVIEW_CRITERIA, inEnglish } from "../../workflows/in-english";
import { describe, expect, it } from "vitest";
import { ASSIGNMENT_EVENTS, assignmentEventWordsIn, assignmentSenderIn } from "../../workflows/assignment-events";
import type { AssignmentEventType } from "../../workflows/assignment-events";
import { countInWords, DEFAULT_CRITERIA, defaultWording, jointRuleInWords, lateness, listInWords, publishedCriteria, DEFAULT_ELIGIBILITY } from "../../workflows/eligibility";
import { LANGUAGES } from "../../workflows/languages";
import { createTranslator } from "../../workflows/messages";
import { CONFIDENCE_IDS, confidenceWordsIn, RECOMMENDATION_IDS, recommendationWordsIn, reviewCriterionIn, checkReviewCriteria } from "../../workflows/review-criteria";
import { ROUND_EVENTS, roundEventWordsIn } from "../../workflows/round-events";
import type { RoundEventType } from "../../workflows/round-events";
import { roundMachine } from "../../workflows/round.machine";
import { describeStatechart, drawStatechart } from "../../workflows/statechart-svg";

// The rules' words (locales/<language>/rules.json): every words function of the criteria, the
// events and the picture gives a message in every language, never a key and never English where
// the language has its own word.

const SECTIONS = /\b(catalogue|eligibilityCriteria|reviewCriteria|recommendations|confidence|roundEvents|assignmentEvents|reportingWords|statechartPicture)\.\w/;

function everyWordIn(tag: (typeof LANGUAGES)[number]["tag"]): string[] {
  const t = createTranslator(tag);
  return [
    ...DEFAULT_CRITERIA.flatMap((id) => [2, 3, 5].flatMap((count) => Object.values(defaultWording(id, count, t)))),
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((count) => countInWords(count, t)),
    ...[2, 5].flatMap((minimumCountries) => [true, false].map((required) => jointRuleInWords({ required, minimumCountries }, t))),
    lateness("2026-10-15T21:59:00.000Z", "2026-10-15T22:00:00.000Z", t),
    lateness("2026-10-15T21:59:00.000Z", "2026-10-16T02:00:00.000Z", t),
    ...DEFAULT_REVIEW_CRITERIA.flatMap((criterion) => {
      const words = reviewCriterionIn(criterion, t, DEFAULT_REVIEW_CRITERIA);
      return [words.name, words.guidance, ...words.scaleLabels];
    }),
    ...RECOMMENDATION_IDS.flatMap((id) => Object.values(recommendationWordsIn(id, t))),
    ...CONFIDENCE_IDS.flatMap((id) => Object.values(confidenceWordsIn(id, t))),
    ...(Object.keys(ROUND_EVENTS) as RoundEventType[]).flatMap((type) => Object.values(roundEventWordsIn(type, t)).filter((words) => words !== null)),
    ...(Object.keys(ASSIGNMENT_EVENTS) as AssignmentEventType[]).flatMap((type) => [assignmentEventWordsIn(type, t).action, assignmentEventWordsIn(type, t).history]),
    assignmentSenderIn("assignedReviewer", t),
    assignmentSenderIn("administrator", t),
    ...(checkReviewCriteria([], t) as { problems: string[] }).problems,
    describeStatechart(roundMachine, { current: "closed", visited: ["planned", "open"] }, t),
    drawStatechart(roundMachine, { current: null, visited: [] }, t),
  ];
}

describe("the rules' words", () => {
  it("give a message in every language for every key the functions use", () => {
    for (const { tag } of LANGUAGES) {
      const words = everyWordIn(tag);
      expect(words.length, tag).toBeGreaterThan(100);
      expect(words.filter((text) => SECTIONS.test(text)), tag).toEqual([]);
      expect(words.filter((text) => text.includes("{{")), tag).toEqual([]);
    }
  });

  it("speak each language, not English, outside English", () => {
    const english = new Set(everyWordIn("en"));
    for (const tag of ["sq", "sr-Latn", "sr-Cyrl", "mk"] as const) {
      // A percent sign or a dash reads the same in every language; words do not.
      const same = everyWordIn(tag).filter((text) => english.has(text) && /[a-z]{4}/i.test(text));
      expect(same, tag).toEqual([]);
    }
  });

  it("keep English, word for word, as the default", () => {
    expect(defaultWording("joint", 3, inEnglish).name).toBe("Joint proposal from at least three Western Balkan countries");
    expect(jointRuleInWords({ required: true, minimumCountries: 2 }, inEnglish)).toBe("A proposal is joint when confirmed institutions from at least two Western Balkan countries stand behind it.");
    expect(lateness("2026-10-15T21:59:00.000Z", "2026-10-15T22:40:00.000Z", inEnglish)).toBe("41 minutes");
    expect(listInWords(["Albania", "Kosovo*", "Serbia"], inEnglish)).toBe("Albania, Kosovo* and Serbia");
    expect(roundEventWordsIn("OPEN", inEnglish).scheduled).toBe("opened the round at its opening time");
  });
});

describe("lists and counts in the reader's language", () => {
  const serbian = createTranslator("sr-Latn");
  const albanian = createTranslator("sq");

  it("join a list as the language does", () => {
    expect(listInWords(["Albanija", "Kosovo*", "Srbija"], serbian)).toBe("Albanija, Kosovo* i Srbija");
    expect(listInWords(["Shqipëria", "Serbia"], albanian)).toBe("Shqipëria dhe Serbia");
    expect(listInWords(["Македонија"], createTranslator("mk"))).toBe("Македонија");
    expect(listInWords([], serbian)).toBe("");
  });

  it("take Serbian's one, few and other forms", () => {
    expect(lateness("2026-10-15T21:59:00.000Z", "2026-10-15T22:20:00.000Z", serbian)).toBe("21 minut");
    expect(lateness("2026-10-15T21:59:00.000Z", "2026-10-16T00:59:00.000Z", serbian)).toBe("3 sata");
    expect(lateness("2026-10-15T21:59:00.000Z", "2026-10-16T02:59:00.000Z", serbian)).toBe("5 sati");
    expect(defaultWording("joint", 2, serbian).name).toBe("Zajednički prijedlog iz najmanje dvije zemlje Zapadnog Balkana");
    expect(defaultWording("joint", 5, serbian).name).toBe("Zajednički prijedlog iz najmanje pet zemalja Zapadnog Balkana");
    expect(defaultWording("joint", 2, createTranslator("sr-Cyrl")).name).toBe("Заједнички предлог из најмање две земље Западног Балкана");
  });

  it("take Albanian's one and other forms", () => {
    expect(lateness("2026-10-15T21:59:00.000Z", "2026-10-15T22:00:00.000Z", albanian)).toBe("1 minutë");
    expect(lateness("2026-10-15T21:59:00.000Z", "2026-10-15T22:09:00.000Z", albanian)).toBe("10 minuta");
    expect(defaultWording("joint", 3, albanian).name).toBe("Propozim i përbashkët nga të paktën tre vende të Ballkanit Perëndimor");
  });

  it("show the Guide's criteria in the reader's language, and what the TAF team typed as typed", () => {
    const reworded = { ...DEFAULT_ELIGIBILITY, wording: { complete: { name: "Every part answered", guidance: "As the round says." } } };
    const criteria = publishedCriteria(reworded, albanian);
    expect(criteria.find((criterion) => criterion.id === "insideWindow")!.name).toBe("Dorëzuar brenda periudhës së raundit");
    expect(criteria.find((criterion) => criterion.id === "complete")!.name).toBe("Every part answered");

    const guide = DEFAULT_REVIEW_CRITERIA[0]!;
    expect(reviewCriterionIn({ ...guide, weight: 3 }, createTranslator("mk"), DEFAULT_REVIEW_CRITERIA)).toMatchObject({ id: guide.id, weight: 3, name: "Релевантност за приоритетите во борбата против тешкиот и организираниот криминал и тероризмот" });
    const typed = { ...guide, guidance: "Our own words for this round." };
    expect(reviewCriterionIn(typed, createTranslator("mk"), DEFAULT_REVIEW_CRITERIA)).toEqual(typed);
  });

  it("explain a criterion's problem in the administrator's language", () => {
    const [guide] = DEFAULT_REVIEW_CRITERIA;
    const checked = checkReviewCriteria([{ ...guide!, scaleLabels: ["", "", "a", "", "b"] }], serbian);
    expect(checked).toEqual({ ok: false, problems: [`Kriterijum 1 (${guide!.name}) treba riječi za tačke 1, 2 i 4 skale.`] });
  });
});
