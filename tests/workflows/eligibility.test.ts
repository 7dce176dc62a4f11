import { inEnglish } from "../../workflows/in-english";
import { describe, expect, it } from "vitest";
import { checkEligibility, DEFAULT_CRITERIA, defaultWording, ELIGIBILITY_CRITERIA, jointCountries, overallEligibility, windowPosition } from "../../workflows/eligibility";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { formatBrussels } from "../../workflows/time";
import type { CriterionId, CriterionResult, EligibilityInput, InstitutionFacts } from "../../workflows/eligibility";

const kosovoPolice: InstitutionFacts = {
  id: 1,
  name: "Kosovo* Police",
  countryCode: "XK",
  type: "police",
  chapter23: false,
  chapter24: true,
  active: true,
};
const albanianProsecution: InstitutionFacts = {
  id: 2,
  name: "General Prosecution Office of Albania",
  countryCode: "AL",
  type: "prosecution",
  chapter23: true,
  chapter24: false,
  active: true,
};
const macedonianMinistry: InstitutionFacts = {
  id: 3,
  name: "Ministry of Interior of North Macedonia",
  countryCode: "MK",
  type: "ministryOfInterior",
  chapter23: false,
  chapter24: true,
  active: true,
};

/** The round-one proposal that stood out: Kosovo* police on drug trafficking with Albania and North Macedonia. */
const eligible: EligibilityInput = {
  window: { opensAt: "2026-09-01T00:00:00.000Z", closesAt: "2026-10-15T22:00:00.000Z" },
  submittedAt: "2026-10-10T09:30:00.000Z",
  lead: kosovoPolice,
  partners: [
    { ...albanianProsecution, status: "confirmed" },
    { ...macedonianMinistry, status: "confirmed" },
  ],
  themes: ["drugTrafficking", "jointInvestigationTeams"],
  missingParts: [],
};

function criterion(input: EligibilityInput, id: CriterionId): CriterionResult {
  const found = checkEligibility(input, inEnglish).find((result) => result.id === id);
  if (!found) throw new Error(`No result for ${id}`);
  return found;
}

describe("checkEligibility", () => {
  it("passes an eligible proposal on all five default criteria, each with a reason in words", () => {
    const results = checkEligibility(eligible, inEnglish);
    expect(results.map((result) => result.id)).toEqual(DEFAULT_CRITERIA);
    expect(results.map((result) => result.outcome)).toEqual(["passed", "passed", "passed", "passed", "passed"]);
    expect(results.map((result) => result.label)).toEqual(ELIGIBILITY_CRITERIA.map((c) => defaultWording(c.id, 2, inEnglish).name));
    for (const result of results) expect(result.reason).toMatch(/^[A-Z].+\.$/);
    expect(overallEligibility(results)).toBe("passed");
    expect(criterion(eligible, "joint").reason).toBe("Confirmed institutions come from Albania, Kosovo* and North Macedonia.");
  });

  it("evaluates only the criteria the round publishes", () => {
    const results = checkEligibility({ ...eligible, rules: { criteria: ["joint", "complete"] } }, inEnglish);
    expect(results.map((result) => result.id)).toEqual(["joint", "complete"]);
  });

  describe("joint", () => {
    it("fails when confirmed institutions come from one country only", () => {
      const result = criterion({ ...eligible, partners: [{ ...albanianProsecution, countryCode: "XK", status: "confirmed" }] }, "joint");
      expect(result).toMatchObject({
        outcome: "failed",
        reason: "Confirmed institutions must come from at least two Western Balkan countries; so far only Kosovo*.",
      });
    });

    it("counts only confirmed partners from the Western Balkans", () => {
      const partners = [
        { ...albanianProsecution, status: "invited" as const },
        { ...macedonianMinistry, status: "declined" as const },
        { ...macedonianMinistry, id: 4, countryCode: "DE", status: "confirmed" as const },
      ];
      expect(criterion({ ...eligible, partners }, "joint").outcome).toBe("failed");
      expect(jointCountries("XK", partners)).toEqual(["XK"]);
      expect(jointCountries("DE", [])).toEqual([]);
    });
  });

  describe("eligibleInstitutions", () => {
    it("fails an inactive institution or one without a Chapter 23/24 mandate, naming it", () => {
      const inactive = criterion({ ...eligible, lead: { ...kosovoPolice, active: false } }, "eligibleInstitutions");
      expect(inactive).toMatchObject({
        outcome: "failed",
        reason: "Kosovo* Police (Kosovo*) is not active in the register of institutions.",
      });
      const noMandate = criterion(
        { ...eligible, partners: [{ ...albanianProsecution, chapter23: false, status: "confirmed" }] },
        "eligibleInstitutions",
      );
      expect(noMandate.reason).toBe("General Prosecution Office of Albania (Albania) has no Chapter 23 or 24 mandate.");
    });

    it("fails an institution from outside the Western Balkans", () => {
      const result = criterion(
        { ...eligible, partners: [{ ...macedonianMinistry, countryCode: "DE", status: "confirmed" }] },
        "eligibleInstitutions",
      );
      expect(result.outcome).toBe("failed");
      expect(result.reason).toContain("is not from a Western Balkan country");
    });

    it("asks a person about an institution registered as Other", () => {
      const result = criterion(
        { ...eligible, partners: [{ ...macedonianMinistry, type: "other", status: "confirmed" }] },
        "eligibleInstitutions",
      );
      expect(result.outcome).toBe("needsPerson");
      expect(result.reason).toContain("a person should confirm it is a security institution");
    });

    it("ignores partners that declined", () => {
      const partners = [...eligible.partners, { ...macedonianMinistry, id: 5, active: false, status: "declined" as const }];
      expect(criterion({ ...eligible, partners }, "eligibleInstitutions").outcome).toBe("passed");
    });
  });

  describe("linkedToSocOrCt", () => {
    it("passes a theme from serious and organised crime or CT/CVE", () => {
      expect(criterion({ ...eligible, themes: ["ftfRehabilitation"] }, "linkedToSocOrCt")).toMatchObject({
        outcome: "passed",
        reason: "Linked to rehabilitation and reintegration of foreign terrorist fighters and their families.",
      });
    });

    it("asks a person when only cross-cutting themes are chosen", () => {
      expect(criterion({ ...eligible, themes: ["informationExchange"] }, "linkedToSocOrCt").outcome).toBe("needsPerson");
    });

    it("fails without a theme or with an unknown one", () => {
      expect(criterion({ ...eligible, themes: [] }, "linkedToSocOrCt")).toMatchObject({ outcome: "failed", reason: "No theme is chosen." });
      expect(criterion({ ...eligible, themes: ["drugTrafficking", "tax"] }, "linkedToSocOrCt")).toMatchObject({
        outcome: "failed",
        reason: 'Unknown themes: "tax".',
      });
    });
  });

  describe("insideWindow", () => {
    it("fails a submission before the round opened or at or after its deadline, in Brussels time", () => {
      expect(criterion({ ...eligible, submittedAt: "2026-08-31T21:00:00.000Z" }, "insideWindow")).toMatchObject({
        outcome: "failed",
        reason: "Submitted on 31 August 2026, 23:00 (Brussels time), before the round opened on 1 September 2026, 02:00 (Brussels time).",
      });
      expect(criterion({ ...eligible, submittedAt: "2026-10-15T22:00:00.000Z" }, "insideWindow").outcome).toBe("failed");
      expect(criterion({ ...eligible, submittedAt: "2026-10-15T21:59:59.000Z" }, "insideWindow").outcome).toBe("passed");
    });

    it("passes any submission after the opening of a rolling round", () => {
      const result = criterion({ ...eligible, window: { ...eligible.window, closesAt: null }, submittedAt: "2027-03-01T10:00:00.000Z" }, "insideWindow");
      expect(result).toMatchObject({ outcome: "passed", reason: expect.stringContaining("while the rolling round was open") });
    });

    it("treats an unreadable time as outside the window", () => {
      expect(windowPosition(eligible.window, "yesterday")).toBe("notYetOpen");
      expect(formatBrussels("yesterday")).toBe('an unreadable time ("yesterday")');
    });
  });

  describe("complete", () => {
    it("fails with the unanswered parts and the partners that have not confirmed", () => {
      const result = criterion(
        { ...eligible, missingParts: ["Budget", "Timing"], partners: [{ ...albanianProsecution, status: "invited" }] },
        "complete",
      );
      expect(result).toMatchObject({
        outcome: "failed",
        reason:
          "These required parts are not answered: Budget and Timing. These partners have not confirmed: General Prosecution Office of Albania.",
      });
    });
  });

  it("sums the criteria up: any failure fails, else any open question needs a person", () => {
    const outcome = (...outcomes: CriterionResult["outcome"][]) =>
      overallEligibility(outcomes.map((o) => ({ id: "joint", label: "", outcome: o, reason: "" })));
    expect(outcome("passed", "needsPerson", "failed")).toBe("failed");
    expect(outcome("passed", "needsPerson")).toBe("needsPerson");
    expect(outcome()).toBe("passed");
  });
});

describe("the shared lists", () => {
  it("holds every theme and kind of support of the domain brief, with unique ids and labels", () => {
    expect(THEMES.filter((theme) => theme.group === "soc")).toHaveLength(7);
    expect(THEMES.filter((theme) => theme.group === "ctCve")).toHaveLength(3);
    expect(THEMES.filter((theme) => theme.group === "crossCutting")).toHaveLength(3);
    expect(SUPPORT_KINDS).toHaveLength(5);
    for (const list of [THEMES, SUPPORT_KINDS]) {
      expect(new Set(list.map((entry) => entry.id)).size).toBe(list.length);
      expect(new Set(list.map((entry) => inEnglish(entry.key))).size).toBe(list.length);
    }
  });
});
