import { inEnglish } from "../../workflows/in-english";
import { describe, expect, it } from "vitest";
import type { EligibilityInput, InstitutionFacts, RoundEligibility } from "../../workflows/eligibility";
import { checkEligibility, criterionResultIn, defaultWording, DEFAULT_CRITERIA, ELIGIBILITY_CRITERIA, publishedCriteria, windowPosition } from "../../workflows/eligibility";
import type { PartnerFacts, ProposalEvent, RoundFacts } from "../../workflows/proposal.machine";
import { SYSTEM_ACTOR } from "../../workflows/actors";
import { initialProposalSnapshot, statePath, stepProposal } from "../../workflows/proposal.machine";
import { translatorFor } from "../../workflows/messages";
import { formatBrussels, formatBrusselsIn } from "../../workflows/time";

// A round's own eligibility rules (issue 9): criteria switched off or reworded, its number of
// countries, and a grace period after the deadline, read alike by the automatic check and by
// the SUBMIT rule.

const HOUR = 3_600_000;
const OPENS = "2026-09-01T00:00:00.000Z";
const CLOSES = "2026-10-15T22:00:00.000Z";
const after = (hours: number) => new Date(Date.parse(CLOSES) + hours * HOUR).toISOString();

const police: InstitutionFacts = { id: 1, name: "Kosovo* Police", countryCode: "XK", type: "police", chapter23: false, chapter24: true, active: true };
const prosecution: InstitutionFacts = { id: 2, name: "General Prosecution Office of Albania", countryCode: "AL", type: "prosecution", chapter23: true, chapter24: false, active: true };

const proposal: EligibilityInput = {
  window: { opensAt: OPENS, closesAt: CLOSES },
  submittedAt: "2026-10-10T09:30:00.000Z",
  lead: police,
  partners: [{ ...prosecution, status: "confirmed" }],
  themes: ["drugTrafficking"],
  missingParts: [],
};

const result = (input: EligibilityInput, id: string) => checkEligibility(input, inEnglish).find((r) => r.id === id);

describe("the automatic check, by a round's rules", () => {
  it("leaves out a criterion the round switched off, and names each criterion in the round's words", () => {
    const rules: Partial<RoundEligibility> = {
      criteria: ["joint", "linkedToSocOrCt", "complete"],
      wording: { linkedToSocOrCt: { name: "Operational, against organised crime or terrorism", guidance: "" } },
    };
    const results = checkEligibility({ ...proposal, rules }, inEnglish);
    expect(results.map((r) => [r.id, r.label])).toEqual([
      ["joint", defaultWording("joint", 2, inEnglish).name],
      ["linkedToSocOrCt", "Operational, against organised crime or terrorism"],
      ["complete", defaultWording("complete", 2, inEnglish).name],
    ]);
  });

  it("asks for the round's number of countries, and says it in words", () => {
    const failed = result({ ...proposal, rules: { minimumCountries: 3 } }, "joint");
    expect(failed).toMatchObject({
      label: "Joint proposal from at least three Western Balkan countries",
      outcome: "failed",
      reason: "Confirmed institutions must come from at least three Western Balkan countries; so far only Albania and Kosovo*.",
    });
    expect(result({ ...proposal, rules: { minimumCountries: 2 } }, "joint")?.outcome).toBe("passed");
  });

  it("asks a person about a submission in the grace period, saying how late it came", () => {
    const late = result({ ...proposal, submittedAt: after(5.5), rules: { graceHours: 24 } }, "insideWindow");
    expect(late).toMatchObject({
      id: "insideWindow",
      label: defaultWording("insideWindow", 2, inEnglish).name,
      outcome: "needsPerson",
      reason: `Submitted on ${formatBrussels(after(5.5))}, 5 hours late, within the grace period of 24 hours after the deadline of ${formatBrussels(CLOSES)}: a person decides whether to accept it.`,
    });
    // The stored check keeps the English and the sentences: a Macedonian reader reads both the criterion and why in Macedonian.
    const inMacedonian = criterionResultIn(late!, translatorFor("mk"), (part) => part);
    expect(inMacedonian.label).toBe(translatorFor("mk")("eligibilityCriteria.insideWindow.name"));
    expect(inMacedonian.reason).toBe(`Поднесено на ${formatBrusselsIn("mk", Date.parse(after(5.5)))}, 5 часа по рокот, во дополнителниот рок од 24 часа по рокот од ${formatBrusselsIn("mk", Date.parse(CLOSES))}: лице одлучува дали ќе се прифати.`);
    expect(result({ ...proposal, submittedAt: after(0.25), rules: { graceHours: 1 } }, "insideWindow")?.reason).toContain(", 15 minutes late, within the grace period of 1 hour after");
    expect(result({ ...proposal, submittedAt: after(24), rules: { graceHours: 24 } }, "insideWindow")?.outcome).toBe("failed");
    expect(result({ ...proposal, submittedAt: after(1) }, "insideWindow")?.outcome).toBe("failed");
  });

  it("places the grace period between the deadline and its end, and a rolling round never in it", () => {
    const window = { opensAt: OPENS, closesAt: CLOSES, graceHours: 2 };
    expect([after(-0.01), after(0), after(1.99), after(2)].map((at) => windowPosition(window, at))).toEqual(["inside", "grace", "grace", "closed"]);
    expect(windowPosition({ opensAt: OPENS, closesAt: null, graceHours: 2 }, after(1))).toBe("inside");
  });
});

describe("the criteria a round publishes", () => {
  it("are the Guide's five by default, and follow the number of countries unless reworded", () => {
    const defaults: RoundEligibility = { criteria: DEFAULT_CRITERIA, wording: {}, minimumCountries: 2, graceHours: 0 };
    expect(publishedCriteria(defaults, inEnglish).map((c) => c.name)).toEqual(ELIGIBILITY_CRITERIA.map((c) => defaultWording(c.id, 2, inEnglish).name));
    expect(publishedCriteria({ ...defaults, minimumCountries: 4 }, inEnglish)[0]).toEqual({ id: "joint", ...defaultWording("joint", 4, inEnglish) });
    expect(defaultWording("joint", 4, inEnglish).guidance).toContain("at least four Western Balkan countries");
    const reworded = publishedCriteria({ ...defaults, criteria: ["complete", "joint"], wording: { joint: { name: "Regional", guidance: "Two or more." } } }, inEnglish);
    expect(reworded).toEqual([
      { id: "joint", name: "Regional", guidance: "Two or more." },
      { id: "complete", ...defaultWording("complete", 2, inEnglish) },
    ]);
  });
});

const lead = { userId: 1, role: "applicant" as const, institutionId: 10 };
const openRound: RoundFacts = { mode: "deadline", state: "open", opensAt: OPENS, closesAt: CLOSES };

function submit(overrides: Partial<Extract<ProposalEvent, { type: "SUBMIT" }>> = {}) {
  const event: ProposalEvent = {
    type: "SUBMIT",
    actor: lead,
    now: "2026-10-10T09:30:00.000Z",
    round: openRound,
    leadCountryCode: "XK",
    partners: [{ institutionId: 11, countryCode: "AL", status: "confirmed" }],
    missingParts: [],
    ...overrides,
  };
  const step = stepProposal(initialProposalSnapshot({ leadInstitutionId: 10 }), event);
  return step.accepted ? { accepted: true, state: statePath(step.snapshot) } : { accepted: false, reason: step.reason };
}

describe("the SUBMIT rule, by a round's rules", () => {
  it("enforces every criterion, two countries and no grace period for a round (or a stored event) that says nothing", () => {
    expect(submit().accepted).toBe(true);
    expect(submit({ partners: [] })).toEqual({ accepted: false, reason: "Institutions from at least two Western Balkan countries must have confirmed (only Kosovo* so far)." });
    expect(submit({ missingParts: ["Summary"] })).toEqual({ accepted: false, reason: "These required parts are not answered: Summary." });
    expect(submit({ now: after(1), round: { ...openRound, state: "closed" } })).toEqual({ accepted: false, reason: "The round is closed, not open." });
  });

  it("asks for the round's number of countries", () => {
    expect(submit({ round: { ...openRound, minimumCountries: 3 } })).toEqual({
      accepted: false,
      reason: "Institutions from at least three Western Balkan countries must have confirmed (only Albania and Kosovo* so far).",
    });
    const three = [
      { institutionId: 11, countryCode: "AL", status: "confirmed" as const },
      { institutionId: 12, countryCode: "MK", status: "confirmed" as const },
    ];
    expect(submit({ round: { ...openRound, minimumCountries: 3 }, partners: three }).accepted).toBe(true);
  });

  it("lets a round without the joint criterion take a proposal from one country", () => {
    expect(submit({ partners: [], round: { ...openRound, criteria: ["eligibleInstitutions", "insideWindow", "complete"] } }).accepted).toBe(true);
  });

  it("lets a round without the completeness criterion take a proposal with parts missing or partners unanswered", () => {
    const round: RoundFacts = { ...openRound, criteria: ["joint", "insideWindow"] };
    const partners = [
      { institutionId: 11, countryCode: "AL", status: "confirmed" as const },
      { institutionId: 12, countryCode: "MK", status: "invited" as const },
    ];
    expect(submit({ round, missingParts: ["Summary"], partners }).accepted).toBe(true);
    expect(submit({ round: openRound, partners }).accepted).toBe(false);
  });

  it("takes a submission in the grace period though the round has closed, and refuses it once the period ends, saying when", () => {
    const round: RoundFacts = { ...openRound, state: "closed", graceHours: 12 };
    expect(submit({ round, now: after(11.9) })).toEqual({ accepted: true, state: "eligibility.checking" });
    expect(submit({ round: { ...round, state: "open" }, now: after(0) }).accepted).toBe(true);
    expect(submit({ round: { ...round, state: "open" }, now: after(12) })).toEqual({
      accepted: false,
      reason: `The round closed on ${formatBrussels(CLOSES)}, and its grace period ended on ${formatBrussels(after(12))}.`,
    });
    expect(submit({ round, now: after(12) })).toEqual({ accepted: false, reason: "The round is closed, not open." });
    expect(submit({ round: { ...round, state: "archived" }, now: after(1) })).toEqual({ accepted: false, reason: "The round is archived, not open." });
  });

  it("lets an open round without the window criterion take a submission whatever the time, but never a closed one", () => {
    const round: RoundFacts = { ...openRound, criteria: ["joint", "complete"] };
    expect(submit({ round, now: after(3) }).accepted).toBe(true);
    expect(submit({ round: { ...round, state: "closed", graceHours: 12 }, now: after(3) })).toEqual({ accepted: false, reason: "The round is closed, not open." });
  });
});

describe("the RESPOND rule, by the same round's rules", () => {
  // A clarification may change the partners; the answer is held to the round's own SUBMIT rules.
  function respond(round: RoundFacts, partners: PartnerFacts[]) {
    let snapshot = initialProposalSnapshot({ leadInstitutionId: 10 });
    const steps: ProposalEvent[] = [
      { type: "SUBMIT", actor: lead, now: "2026-10-10T09:30:00.000Z", round, leadCountryCode: "XK", partners: three, missingParts: [] },
      { type: "ELIGIBILITY_CHECKED", actor: SYSTEM_ACTOR, results: [] },
      { type: "REQUEST_CLARIFICATION", actor: { userId: 2, role: "administrator", institutionId: null }, now: "2026-10-11T09:00:00.000Z", question: "Who joins?", dueAt: "2026-10-20T09:00:00.000Z" },
    ];
    for (const event of steps) {
      const step = stepProposal(snapshot, event);
      if (!step.accepted) throw new Error(step.reason);
      snapshot = step.snapshot;
    }
    const step = stepProposal(snapshot, { type: "RESPOND", actor: lead, message: "North Macedonia left.", round, leadCountryCode: "XK", partners, missingParts: [] });
    return step.accepted ? "accepted" : step.reason;
  }
  const three: PartnerFacts[] = [
    { institutionId: 11, countryCode: "AL", status: "confirmed" },
    { institutionId: 12, countryCode: "MK", status: "confirmed" },
  ];
  const two: PartnerFacts[] = [three[0]!, { ...three[1]!, status: "declined" }];

  it("asks for the round's number of countries again", () => {
    expect(respond({ ...openRound, minimumCountries: 3 }, two)).toBe("Institutions from at least three Western Balkan countries must have confirmed (only Albania and Kosovo* so far).");
    expect(respond({ ...openRound, minimumCountries: 2 }, two)).toBe("accepted");
  });
});
