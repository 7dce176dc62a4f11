import { inEnglish } from "../../workflows/in-english";
import { adjacencyMapToArray, getAdjacencyMap, getStateNodes } from "@xstate/graph";
import fc from "fast-check";
import { transition } from "xstate";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../workflows/actors";
import type { CriterionResult } from "../../workflows/eligibility";
import {
  allowedEvents,
  initialProposalSnapshot,
  persistProposal,
  PROPOSAL_MACHINE_VERSION,
  proposalMachine,
  refusalOf,
  restoreProposal,
  stateLabel,
  statePath,
  stepProposal,
} from "../../workflows/proposal.machine";
import type { ProposalContext, ProposalEvent, ProposalSnapshot, RoundFacts } from "../../workflows/proposal.machine";
import { statesAccepting, statesWithin } from "../../workflows/proposal-stages";

// The rules of issue 3, restated here independently of the machine: the tests compare the two.

const LEAD = 1;
const PARTNER = 2;
const WB6 = ["AL", "BA", "XK", "ME", "MK", "RS"];

const actors = {
  leadApplicant: { userId: 10, role: "applicant", institutionId: LEAD },
  partnerApplicant: { userId: 11, role: "applicant", institutionId: PARTNER },
  administrator: { userId: 1, role: "administrator", institutionId: null },
  reviewer: { userId: 20, role: "reviewer", institutionId: null },
  countryAdvisor: { userId: 30, role: "countryAdvisor", institutionId: null },
  system: { userId: 0, role: "system", institutionId: null },
} satisfies Record<string, Actor>;
const everyone: Actor[] = Object.values(actors);

/** Every transition of the proposal's life: from, event (DECIDE split by outcome), to. */
const EXPECTED: Record<string, string> = {
  "draft SUBMIT": "eligibility.checking",
  "draft DISCARD": "discarded",
  "eligibility.checking ELIGIBILITY_CHECKED": "eligibility.awaitingDecision",
  "eligibility.awaitingDecision CONFIRM_ELIGIBLE": "euReview.awaitingReviewers",
  "eligibility.awaitingDecision DECLARE_INELIGIBLE": "ineligible",
  "eligibility.awaitingDecision REQUEST_CLARIFICATION": "eligibility.clarificationRequested",
  "eligibility.awaitingDecision RECHECK": "eligibility.checking",
  "eligibility.clarificationRequested RESPOND": "eligibility.checking",
  "eligibility.clarificationRequested CLARIFICATION_EXPIRED": "eligibility.awaitingDecision",
  "euReview.awaitingReviewers START_REVIEW": "euReview.reviewing",
  "euReview.reviewing CLOSE_REVIEW": "euReview.deciding",
  "euReview.deciding DECIDE:promising": "conceptualWork.drafting",
  "euReview.deciding DECIDE:notSelected": "notSelected",
  "conceptualWork.drafting SUBMIT_CONCEPT": "conceptualWork.underReview",
  "conceptualWork.underReview REQUEST_REVISION": "conceptualWork.drafting",
  "conceptualWork.underReview APPROVE_CONCEPT": "implementation.active.awaitingStart",
  "implementation.active.awaitingStart START": "implementation.active.ongoing",
  "implementation.active.awaitingStart HOLD": "implementation.onHold",
  "implementation.active.ongoing HOLD": "implementation.onHold",
  "implementation.active.ongoing SUBMIT_REPORT": "implementation.active.reportSubmitted",
  "implementation.active.reportSubmitted REQUEST_REVISION": "implementation.active.ongoing",
  "implementation.active.reportSubmitted COMPLETE": "completed",
  // RESUME returns to where implementation was: checked against the recorded history below.
  "implementation.onHold RESUME": "(where it was)",
  ...Object.fromEntries(
    [
      "eligibility.checking",
      "eligibility.awaitingDecision",
      "eligibility.clarificationRequested",
      "euReview.awaitingReviewers",
      "euReview.reviewing",
      "euReview.deciding",
      "conceptualWork.drafting",
      "conceptualWork.underReview",
    ].map((from) => [`${from} WITHDRAW`, "withdrawn"]),
  ),
  // After the review, the TAF team may end the proposal at any point, with a reason.
  ...Object.fromEntries(["conceptualWork.drafting", "conceptualWork.underReview"].map((from) => [`${from} REJECT_CONCEPT`, "conceptRejected"])),
  ...Object.fromEntries(
    ["implementation.active.awaitingStart", "implementation.active.ongoing", "implementation.active.reportSubmitted", "implementation.onHold"].map((from) => [
      `${from} CANCEL_IMPLEMENTATION`,
      "implementationCancelled",
    ]),
  ),
};

const FINAL_PATHS = ["completed", "discarded", "ineligible", "notSelected", "withdrawn", "conceptRejected", "implementationCancelled"];

function expectationKey(path: string, event: ProposalEvent): string {
  return event.type === "DECIDE" ? `${path} DECIDE:${event.outcome}` : `${path} ${event.type}`;
}

function obeysRules(event: ProposalEvent, context: ProposalContext): boolean {
  const { role, institutionId } = event.actor;
  const byLead = role === "applicant" && institutionId === context.leadInstitutionId;
  const byAdministrator = role === "administrator";
  const bySystem = role === "system";
  const said = (text: string) => text.trim() !== "";
  const time = Date.parse;
  switch (event.type) {
    case "SUBMIT": {
      const { round, now } = event;
      const open =
        round.state === "open" &&
        time(now) >= time(round.opensAt) &&
        (round.closesAt === null || time(now) < time(round.closesAt));
      const confirmed = event.partners.filter((partner) => partner.status === "confirmed").map((partner) => partner.countryCode);
      const countries = new Set([event.leadCountryCode, ...confirmed].filter((code) => WB6.includes(code)));
      const answered = event.partners.every((partner) => partner.status !== "invited");
      return byLead && open && countries.size >= 2 && answered && event.missingParts.length === 0;
    }
    case "ELIGIBILITY_CHECKED":
      return bySystem;
    case "CONFIRM_ELIGIBLE":
      return byAdministrator && (context.eligibilityCheck === "passed" || said(event.reason));
    case "DECLARE_INELIGIBLE":
    case "REQUEST_REVISION":
    case "HOLD":
    case "REJECT_CONCEPT":
    case "CANCEL_IMPLEMENTATION":
      return byAdministrator && said(event.reason);
    case "REQUEST_CLARIFICATION":
      return byAdministrator && said(event.question) && time(event.dueAt) > time(event.now);
    case "RESPOND": {
      // Stored answers from before the round and partners were gathered carry none: only the message counts.
      if (!event.round || !event.partners) return byLead && said(event.message);
      const confirmed = event.partners.filter((partner) => partner.status === "confirmed").map((partner) => partner.countryCode);
      const countries = new Set([event.leadCountryCode, ...confirmed].filter((code) => code !== undefined && WB6.includes(code)));
      const answered = event.partners.every((partner) => partner.status !== "invited");
      return byLead && said(event.message) && countries.size >= 2 && answered && (event.missingParts ?? []).length === 0;
    }
    case "RECHECK":
      return byAdministrator;
    case "CLARIFICATION_EXPIRED":
      return bySystem && time(event.now) >= time(event.dueAt);
    case "START_REVIEW":
      return byAdministrator && event.assignedReviewers >= event.minimumReviews;
    case "CLOSE_REVIEW":
      // Earlier than the round's minimum only with a reason.
      return byAdministrator && (event.submittedReviews >= event.minimumReviews || said(event.reason));
    case "DECIDE":
      return byAdministrator && said(event.reason);
    case "SUBMIT_CONCEPT":
      // A concept note sent back for revision goes back with a written answer.
      return byLead && event.missingParts.length === 0 && (!event.answering || said(event.answer));
    case "SUBMIT_REPORT":
      return byLead && event.missingParts.length === 0;
    case "APPROVE_CONCEPT":
    case "START":
    case "RESUME":
    case "COMPLETE":
      return byAdministrator;
    case "WITHDRAW":
      return byLead && said(event.reason);
    case "DISCARD":
      return byLead;
  }
}

/** Where RESUME should land: the state recorded when implementation was put on hold. */
function recordedHistory(snapshot: ProposalSnapshot): string {
  const recorded = snapshot.historyValue["proposal.implementation.active.hist"];
  return recorded?.[0]?.path.join(".") ?? "implementation.active.awaitingStart";
}

function expectedTarget(snapshot: ProposalSnapshot, event: ProposalEvent): string | undefined {
  const target = EXPECTED[expectationKey(statePath(snapshot), event)];
  return target === "(where it was)" ? recordedHistory(snapshot) : target;
}

// Sample events: every kind of actor, with facts that pass and facts that break each rule.

const OPENS = "2026-09-01T00:00:00.000Z";
const CLOSES = "2026-10-15T22:00:00.000Z";
const NOW = "2026-10-01T08:00:00.000Z";
const openRound: RoundFacts = { mode: "deadline", state: "open", opensAt: OPENS, closesAt: CLOSES };
const confirmedPartner = { institutionId: PARTNER, countryCode: "AL", status: "confirmed" } as const;
type SubmitFacts = Omit<Extract<ProposalEvent, { type: "SUBMIT" }>, "type" | "actor">;
const goodSubmit: SubmitFacts = { now: NOW, round: openRound, leadCountryCode: "XK", partners: [confirmedPartner], missingParts: [] };

const submitFacts = [
  goodSubmit,
  { ...goodSubmit, round: { ...openRound, mode: "rolling", closesAt: null } },
  { ...goodSubmit, round: { ...openRound, state: "closed" } },
  { ...goodSubmit, round: { ...openRound, state: "planned" } },
  { ...goodSubmit, now: "2026-08-31T23:59:59.000Z" },
  { ...goodSubmit, now: CLOSES },
  { ...goodSubmit, now: "2026-10-16T08:00:00.000Z" },
  { ...goodSubmit, partners: [{ ...confirmedPartner, countryCode: "XK" }] },
  { ...goodSubmit, partners: [{ ...confirmedPartner, status: "invited" }] },
  { ...goodSubmit, partners: [{ ...confirmedPartner, status: "declined" }] },
  { ...goodSubmit, partners: [confirmedPartner, { institutionId: 3, countryCode: "MK", status: "invited" }] },
  { ...goodSubmit, partners: [confirmedPartner, { institutionId: 3, countryCode: "MK", status: "declined" }] },
  { ...goodSubmit, partners: [{ ...confirmedPartner, countryCode: "DE" }] },
  { ...goodSubmit, missingParts: ["Budget"] },
] satisfies SubmitFacts[];

function result(outcome: CriterionResult["outcome"]): CriterionResult[] {
  return [{ id: "joint", label: "Joint", outcome, reason: "Because." }];
}

const REASONS = ["", "   ", "Explained in words."];

function factsFor(type: ProposalEvent["type"]): object[] {
  switch (type) {
    case "SUBMIT":
      return submitFacts;
    case "ELIGIBILITY_CHECKED":
      return [{ results: result("passed") }, { results: result("failed") }, { results: result("needsPerson") }];
    case "CONFIRM_ELIGIBLE":
    case "DECLARE_INELIGIBLE":
    case "REQUEST_REVISION":
    case "HOLD":
    case "WITHDRAW":
    case "REJECT_CONCEPT":
    case "CANCEL_IMPLEMENTATION":
      return REASONS.map((reason) => ({ reason }));
    case "REQUEST_CLARIFICATION":
      return [
        { now: NOW, question: "Which prosecutor joins?", dueAt: "2026-10-08T08:00:00.000Z" },
        { now: NOW, question: " ", dueAt: "2026-10-08T08:00:00.000Z" },
        { now: NOW, question: "Which prosecutor joins?", dueAt: NOW },
      ];
    case "RESPOND": {
      const answer = "The special prosecution office joins.";
      const { round, leadCountryCode, partners, missingParts } = goodSubmit;
      return [
        { message: "" },
        { message: answer },
        { message: answer, round, leadCountryCode, partners, missingParts },
        { message: "", round, leadCountryCode, partners, missingParts },
        { message: answer, round, leadCountryCode, partners: [{ ...confirmedPartner, status: "declined" }], missingParts },
        { message: answer, round, leadCountryCode, partners: [confirmedPartner, { institutionId: 3, countryCode: "MK", status: "invited" }], missingParts },
        { message: answer, round, leadCountryCode, partners, missingParts: ["Budget"] },
      ];
    }
    case "CLARIFICATION_EXPIRED":
      return [
        { now: "2026-10-08T08:00:00.000Z", dueAt: "2026-10-08T08:00:00.000Z" },
        { now: NOW, dueAt: "2026-10-08T08:00:00.000Z" },
      ];
    case "START_REVIEW":
      return [
        { assignedReviewers: 2, minimumReviews: 3 },
        { assignedReviewers: 3, minimumReviews: 3 },
      ];
    case "CLOSE_REVIEW":
      return [
        { submittedReviews: 2, minimumReviews: 3, reason: "" },
        { submittedReviews: 2, minimumReviews: 3, reason: "One reviewer fell ill; two reviews agree." },
        { submittedReviews: 4, minimumReviews: 3, reason: "" },
      ];
    case "DECIDE":
      return (["promising", "notSelected"] as const).flatMap((outcome) =>
        ["", "Strong operational focus."].map((reason) => ({ outcome, reason, sharedFeedback: "" })),
      );
    case "SUBMIT_CONCEPT":
      return [
        { missingParts: [], answering: false, answer: "" },
        { missingParts: ["Budget"], answering: false, answer: "" },
        { missingParts: [], answering: true, answer: "" },
        { missingParts: [], answering: true, answer: "  " },
        { missingParts: [], answering: true, answer: "The budget is split into lines." },
        { missingParts: ["Budget"], answering: true, answer: "The budget is split into lines." },
      ];
    case "SUBMIT_REPORT":
      return [{ missingParts: [] }, { missingParts: ["Budget"] }];
    case "APPROVE_CONCEPT":
    case "START":
    case "RESUME":
    case "COMPLETE":
    case "DISCARD":
    case "RECHECK":
      return [{}];
  }
}

const EVENT_TYPES = [
  ...new Set(Object.keys(EXPECTED).map((key) => key.split(" ")[1]!.replace(/:.*/, ""))),
] as ProposalEvent["type"][];

const sampleEvents: ProposalEvent[] = EVENT_TYPES.flatMap((type) =>
  factsFor(type).flatMap((facts) => everyone.map((actor) => ({ type, actor, ...facts }) as ProposalEvent)),
);

// The graph: every reachable (state, guard-relevant context, history) and every sample event from it.

function serializeState(snapshot: ProposalSnapshot): string {
  return JSON.stringify([snapshot.value, snapshot.context.eligibilityCheck, recordedHistory(snapshot)]);
}

const graph = getAdjacencyMap(proposalMachine, {
  input: { leadInstitutionId: LEAD },
  events: sampleEvents,
  serializeState,
});
const reachable = Object.values(graph).map(({ state }) => state);
const edges = adjacencyMapToArray(graph).map(({ state, event, nextState }) => ({ from: state, event, to: nextState }));

function leafPaths(): string[] {
  return getStateNodes(proposalMachine.root)
    .filter((node) => node.type === "atomic" || node.type === "final")
    .map((node) => node.path.join("."));
}

describe("the proposal machine, walked by @xstate/graph", () => {
  it("reaches every named state", () => {
    const reached = new Set(reachable.map(statePath));
    expect([...reached].sort()).toEqual(leafPaths().sort());
    expect(reached.size).toBe(20);
  });

  it("takes every transition of the process, and only those, exactly when the rules allow", () => {
    const taken = new Set<string>();
    for (const { from, event, to } of edges) {
      const accepted = to !== from;
      const target = expectedTarget(from, event);
      const allowed = target !== undefined && obeysRules(event, from.context);
      expect({ at: statePath(from), event, accepted }).toEqual({ at: statePath(from), event, accepted: allowed });
      if (accepted) {
        expect(statePath(to)).toBe(target);
        taken.add(expectationKey(statePath(from), event));
      }
    }
    expect([...taken].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it("refuses with a reason in words, and snapshot.can agrees with stepProposal", () => {
    for (const { from, event, to } of edges) {
      const step = stepProposal(from, event);
      expect(step.accepted).toBe(to !== from);
      expect(from.can(event)).toBe(step.accepted);
      if (!step.accepted) expect(step.reason).toMatch(/^[A-Z].+\.$/);
    }
  });

  it("offers a person only the events they may send from where the proposal is", () => {
    for (const { from, event, to } of edges) {
      if (to !== from) expect(allowedEvents(from, event.actor)).toContain(event.type);
    }
    for (const state of reachable) {
      expect(allowedEvents(state, actors.reviewer)).toEqual([]);
      expect(allowedEvents(state, actors.countryAdvisor)).toEqual([]);
    }
  });

  it("says why an event is not offered, as the twin of allowedEvents, in the words a refused step gives", () => {
    for (const { from, event } of edges) {
      const refusal = refusalOf(from, event.type, event.actor, inEnglish);
      expect(refusal === null).toBe(allowedEvents(from, event.actor).includes(event.type));
      // Judged on who and the state alone, the refusal is the one the full rules give first.
      if (refusal !== null) expect(stepProposal(from, event)).toMatchObject({ accepted: false, reason: refusal });
    }
    const awaiting = stepProposal(stepProposal(initialProposalSnapshot({ leadInstitutionId: LEAD }), toImplementation[0]!).snapshot, toImplementation[1]!).snapshot;
    expect(refusalOf(awaiting, "CONFIRM_ELIGIBLE", actors.leadApplicant, inEnglish)).toBe("Only administrators may confirm eligibility.");
    expect(refusalOf(awaiting, "SUBMIT", actors.leadApplicant, inEnglish)).toBe("No one can submit the proposal while the proposal is at “Eligibility: waiting for the TAF team”.");
    expect(refusalOf(awaiting, "WITHDRAW", actors.partnerApplicant, inEnglish)).toBe("Only applicants of the lead institution may withdraw the proposal.");
    expect(refusalOf(awaiting, "WITHDRAW", { role: "applicant", institutionId: LEAD }, inEnglish)).toBeNull();
  });

  it("accepts nothing in a final state", () => {
    const finals = reachable.filter((state) => state.status === "done");
    expect(new Set(finals.map(statePath))).toEqual(new Set(FINAL_PATHS));
    for (const { from, to } of edges) if (from.status === "done") expect(to).toBe(from);
    for (const state of finals) {
      for (const actor of everyone) expect(allowedEvents(state, actor)).toEqual([]);
    }
  });
});

/** The happy path, from draft to implementation. */
const toImplementation: ProposalEvent[] = [
  { type: "SUBMIT", actor: actors.leadApplicant, ...goodSubmit },
  { type: "ELIGIBILITY_CHECKED", actor: actors.system, results: result("passed") },
  { type: "CONFIRM_ELIGIBLE", actor: actors.administrator, reason: "" },
  { type: "START_REVIEW", actor: actors.administrator, assignedReviewers: 3, minimumReviews: 3 },
  { type: "CLOSE_REVIEW", actor: actors.administrator, submittedReviews: 3, minimumReviews: 3, reason: "" },
  { type: "DECIDE", actor: actors.administrator, outcome: "promising", reason: "Operational and joint.", sharedFeedback: "" },
  { type: "SUBMIT_CONCEPT", actor: actors.leadApplicant, missingParts: [], answering: false, answer: "" },
  { type: "APPROVE_CONCEPT", actor: actors.administrator },
];
const toEuDecision = toImplementation.slice(0, 5);

function databaseRoundTrip(snapshot: ProposalSnapshot): ProposalSnapshot {
  const stored = JSON.stringify(persistProposal(snapshot));
  return restoreProposal(JSON.parse(stored), PROPOSAL_MACHINE_VERSION);
}

function persisted(snapshot: ProposalSnapshot): unknown {
  return JSON.parse(JSON.stringify(persistProposal(snapshot)));
}

describe("persisting a proposal", () => {
  it("restores every reachable state so that it goes on exactly as before", () => {
    for (const state of reachable) {
      const restored = databaseRoundTrip(state);
      expect(statePath(restored)).toBe(statePath(state));
      expect(persisted(restored)).toEqual(persisted(state));
      for (const event of sampleEvents) {
        const [direct] = transition(proposalMachine, state, event);
        const [afterRestore] = transition(proposalMachine, restored, event);
        expect(afterRestore === restored).toBe(direct === state);
        expect(persisted(afterRestore)).toEqual(persisted(direct));
      }
    }
  });

  it("stores a small JSON document", () => {
    for (const state of reachable) expect(JSON.stringify(persistProposal(state)).length).toBeLessThan(400);
  });

  function runWithRoundTrips(events: ProposalEvent[]): ProposalSnapshot {
    let snapshot = initialProposalSnapshot({ leadInstitutionId: LEAD });
    for (const event of events) {
      const step = stepProposal(snapshot, event);
      if (!step.accepted) throw new Error(`${event.type} refused: ${step.reason}`);
      snapshot = databaseRoundTrip(step.snapshot);
    }
    return snapshot;
  }

  const admin = actors.administrator;
  const hold: ProposalEvent = { type: "HOLD", actor: admin, reason: "Travel restrictions." };
  const resume: ProposalEvent = { type: "RESUME", actor: admin };

  it("resumes an implementation put on hold before it started where it was: awaiting start", () => {
    const snapshot = runWithRoundTrips([...toImplementation, hold, resume]);
    expect(statePath(snapshot)).toBe("implementation.active.awaitingStart");
  });

  it("resumes an ongoing implementation put on hold where it was: ongoing", () => {
    const onHold = runWithRoundTrips([...toImplementation, { type: "START", actor: admin }, hold]);
    expect(statePath(onHold)).toBe("implementation.onHold");
    expect(stateLabel(onHold, inEnglish)).toBe("Implementation: on hold until the TAF team resumes it");
    const resumed = runWithRoundTrips([...toImplementation, { type: "START", actor: admin }, hold, resume]);
    expect(statePath(resumed)).toBe("implementation.active.ongoing");
    const again = runWithRoundTrips([...toImplementation, { type: "START", actor: admin }, hold, resume, hold, resume]);
    expect(statePath(again)).toBe("implementation.active.ongoing");
  });

  it("refuses a snapshot stored by an unknown version of the machine", () => {
    const stored = persisted(initialProposalSnapshot({ leadInstitutionId: LEAD }));
    expect(() => restoreProposal(stored, PROPOSAL_MACHINE_VERSION + 1)).toThrow(
      /stored by version 2 of the proposal workflow, but this server knows only version 1/,
    );
    expect(() => restoreProposal(stored, 0)).toThrow(/version 0/);
  });

  it("refuses a snapshot that does not fit the machine", () => {
    const stored = { ...(persisted(initialProposalSnapshot({ leadInstitutionId: LEAD })) as object), value: "archived" };
    expect(() => restoreProposal(stored, PROPOSAL_MACHINE_VERSION)).toThrow(/cannot be restored.*archived/);
  });
});

describe("refusals, in words", () => {
  const draft = initialProposalSnapshot({ leadInstitutionId: LEAD });
  const submit = (facts: Partial<typeof goodSubmit>, actor: Actor = actors.leadApplicant) =>
    stepProposal(draft, { type: "SUBMIT", actor, ...goodSubmit, ...facts });

  function reasonOf(step: ReturnType<typeof stepProposal>): string | undefined {
    return step.accepted ? undefined : step.reason;
  }

  it("explains who may act", () => {
    expect(reasonOf(submit({}, actors.partnerApplicant))).toBe("Only applicants of the lead institution may submit the proposal.");
    expect(reasonOf(stepProposal(draft, { type: "DISCARD", actor: actors.administrator }))).toBe(
      "Only applicants of the lead institution may discard the draft.",
    );
  });

  it("explains what a submission still needs", () => {
    expect(reasonOf(submit({ round: { ...openRound, state: "closed" } }))).toBe("The round is closed, not open.");
    expect(reasonOf(submit({ now: CLOSES }))).toBe("The round closed on 16 October 2026, 00:00 (Brussels time).");
    expect(reasonOf(submit({ partners: [] }))).toBe(
      "Institutions from at least two Western Balkan countries must have confirmed (only Kosovo* so far).",
    );
    expect(reasonOf(submit({ partners: [confirmedPartner, { institutionId: 3, countryCode: "MK", status: "invited" }] }))).toBe(
      "Every invited partner must confirm or decline first (one has not answered yet).",
    );
    expect(reasonOf(submit({ missingParts: ["Budget", "Timing"] }))).toBe("These required parts are not answered: Budget and Timing.");
  });

  it("explains what a decision needs and where the proposal is", () => {
    const checked = stepProposal(
      stepProposal(draft, { type: "SUBMIT", actor: actors.leadApplicant, ...goodSubmit }).snapshot,
      { type: "ELIGIBILITY_CHECKED", actor: actors.system, results: result("failed") },
    ).snapshot;
    expect(statePath(checked)).toBe("eligibility.awaitingDecision");
    expect(reasonOf(stepProposal(checked, { type: "CONFIRM_ELIGIBLE", actor: actors.leadApplicant, reason: "" }))).toBe(
      "Only administrators may confirm eligibility.",
    );
    expect(reasonOf(stepProposal(checked, { type: "CONFIRM_ELIGIBLE", actor: actors.administrator, reason: " " }))).toBe(
      "The automatic check did not pass every criterion, so a reason for confirming eligibility is required.",
    );
    expect(reasonOf(stepProposal(checked, { type: "DECLARE_INELIGIBLE", actor: actors.administrator, reason: "" }))).toBe(
      "A reason is required.",
    );
    expect(reasonOf(stepProposal(checked, { type: "START", actor: actors.administrator }))).toBe(
      "No one can start implementation while the proposal is at “Eligibility: waiting for the TAF team”.",
    );
    const ineligible = stepProposal(checked, { type: "DECLARE_INELIGIBLE", actor: actors.administrator, reason: "Not joint." });
    expect(reasonOf(stepProposal(ineligible.snapshot, { type: "WITHDRAW", actor: actors.leadApplicant, reason: "Too late." }))).toBe(
      "The proposal is closed (Ineligible): nothing more can happen to it.",
    );
  });

  it("names the outcomes a decision may have", () => {
    let snapshot = draft;
    for (const event of toEuDecision) snapshot = stepProposal(snapshot, event).snapshot;
    expect(statePath(snapshot)).toBe("euReview.deciding");
    const decide = { type: "DECIDE", actor: actors.administrator, reason: "Joint and operational.", sharedFeedback: "" } as const;
    expect(reasonOf(stepProposal(snapshot, { ...decide, outcome: "maybe" } as unknown as ProposalEvent))).toBe(
      "The decision must be “promising” or “not selected”.",
    );
    expect(statePath(stepProposal(snapshot, { ...decide, outcome: "notSelected" }).snapshot)).toBe("notSelected");
  });

  it("asks a concept note sent back for revision to answer the request", () => {
    let snapshot = draft;
    for (const event of toImplementation.slice(0, -1)) snapshot = stepProposal(snapshot, event).snapshot;
    snapshot = stepProposal(snapshot, { type: "REQUEST_REVISION", actor: actors.administrator, reason: "Split the budget." }).snapshot;
    expect(statePath(snapshot)).toBe("conceptualWork.drafting");
    const resubmit = { type: "SUBMIT_CONCEPT" as const, actor: actors.leadApplicant, missingParts: [], answering: true };
    expect(reasonOf(stepProposal(snapshot, { ...resubmit, answer: " " }))).toBe("An answer to the TAF team's revision request is required.");
    expect(reasonOf(stepProposal(snapshot, { ...resubmit, missingParts: ["Risks"], answer: "" }))).toBe("These required parts are not answered: Risks.");
    expect(statePath(stepProposal(snapshot, { ...resubmit, answer: "Split into travel and experts." }).snapshot)).toBe("conceptualWork.underReview");
    // A history stored before answers existed has no `answering`, and replays as accepted then.
    const stored = { type: "SUBMIT_CONCEPT", actor: actors.leadApplicant, missingParts: [] } as unknown as ProposalEvent;
    expect(stepProposal(snapshot, stored).accepted).toBe(true);
  });

  it("lets the TAF team end the conceptual work or the implementation only with a reason, and says so", () => {
    let concept = draft;
    for (const event of toImplementation.slice(0, -2)) concept = stepProposal(concept, event).snapshot;
    expect(statePath(concept)).toBe("conceptualWork.drafting");
    const reject = { type: "REJECT_CONCEPT" as const, reason: "The partners could not agree on the activities." };
    expect(reasonOf(stepProposal(concept, { ...reject, actor: actors.leadApplicant }))).toBe("Only administrators may reject the concept.");
    expect(reasonOf(stepProposal(concept, { ...reject, actor: actors.administrator, reason: "  " }))).toBe("A reason is required.");
    expect(reasonOf(stepProposal(concept, { type: "CANCEL_IMPLEMENTATION", actor: actors.administrator, reason: "No." }))).toBe(
      "No one can cancel the implementation while the proposal is at “Concept note: waiting for the lead institution”.",
    );
    const rejected = stepProposal(concept, { ...reject, actor: actors.administrator }).snapshot;
    expect([statePath(rejected), stateLabel(rejected, inEnglish), rejected.status]).toEqual(["conceptRejected", "Concept rejected", "done"]);

    let onHold = draft;
    for (const event of [...toImplementation, { type: "START", actor: actors.administrator }, { type: "HOLD", actor: actors.administrator, reason: "Travel restrictions." }] as ProposalEvent[]) {
      onHold = stepProposal(onHold, event).snapshot;
    }
    expect(statePath(onHold)).toBe("implementation.onHold");
    const cancel = { type: "CANCEL_IMPLEMENTATION" as const, actor: actors.administrator };
    expect(reasonOf(stepProposal(onHold, { ...cancel, reason: "" }))).toBe("A reason is required.");
    expect(reasonOf(stepProposal(onHold, { type: "REJECT_CONCEPT", actor: actors.administrator, reason: "Late." }))).toBe(
      "No one can reject the concept while the proposal is at “Implementation: on hold until the TAF team resumes it”.",
    );
    const cancelled = stepProposal(onHold, { ...cancel, reason: "The restrictions will outlast the project." }).snapshot;
    expect([statePath(cancelled), stateLabel(cancelled, inEnglish), cancelled.status]).toEqual(["implementationCancelled", "Implementation cancelled", "done"]);
  });

  it("lets the lead withdraw at every stage from submission until implementation, and not after", () => {
    expect(statesAccepting("WITHDRAW")).toEqual(statesWithin("eligibility", "euReview", "conceptualWork"));
    let approved = draft;
    for (const event of toImplementation) approved = stepProposal(approved, event).snapshot;
    expect(reasonOf(stepProposal(approved, { type: "WITHDRAW", actor: actors.leadApplicant, reason: "Our priorities changed." }))).toBe(
      "No one can withdraw the proposal while the proposal is at “Implementation: waiting for the TAF team to start it”.",
    );
    expect(statesAccepting("REJECT_CONCEPT")).toEqual(statesWithin("conceptualWork"));
    expect(statesAccepting("CANCEL_IMPLEMENTATION")).toEqual(statesWithin("implementation"));
  });

  it("offers buttons by role", () => {
    expect(allowedEvents(draft, actors.leadApplicant)).toEqual(["SUBMIT", "DISCARD"]);
    expect(allowedEvents(draft, actors.partnerApplicant)).toEqual([]);
    expect(allowedEvents(draft, actors.administrator)).toEqual([]);
  });
});

// Random walks: any sequence of events from any actor, with random facts.

const instantArbitrary = fc.constantFrom(OPENS, NOW, CLOSES, "2026-08-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z");
const reasonArbitrary = fc.oneof(fc.constantFrom("", " ", "Because."), fc.string({ maxLength: 3 }));
const partnerArbitrary = fc.record({
  institutionId: fc.constantFrom(PARTNER, 3),
  countryCode: fc.constantFrom("AL", "XK", "MK", "DE"),
  status: fc.constantFrom("invited", "confirmed", "declined"),
});
const randomEventArbitrary: fc.Arbitrary<ProposalEvent> = fc
  .record({
    type: fc.constantFrom(...EVENT_TYPES),
    actor: fc.constantFrom(...everyone),
    now: instantArbitrary,
    round: fc.record({
      mode: fc.constantFrom("deadline", "rolling"),
      state: fc.constantFrom("planned", "open", "closed", "archived"),
      opensAt: instantArbitrary,
      closesAt: fc.option(instantArbitrary, { nil: null }),
    }),
    leadCountryCode: fc.constantFrom("XK", "AL", "DE"),
    partners: fc.array(partnerArbitrary, { maxLength: 3 }),
    missingParts: fc.array(fc.constantFrom("Budget", "Timing"), { maxLength: 1 }),
    results: fc.array(fc.constantFrom(...result("passed"), ...result("failed"), ...result("needsPerson")), { maxLength: 2 }),
    reason: reasonArbitrary,
    question: reasonArbitrary,
    message: reasonArbitrary,
    answering: fc.boolean(),
    answer: reasonArbitrary,
    dueAt: instantArbitrary,
    assignedReviewers: fc.nat(4),
    submittedReviews: fc.nat(4),
    minimumReviews: fc.nat(4),
    outcome: fc.constantFrom("promising", "notSelected"),
    sharedFeedback: fc.constant(""),
  })
  .map((fields) => fields as ProposalEvent);

const anyEventArbitrary = fc.oneof(fc.constantFrom(...sampleEvents), randomEventArbitrary);

/**
 * A walk is a list of moves. Half of them pick, among the sample events, one the rules allow
 * where the proposal is, mostly one that does not end the process, so walks get deep into it
 * (implementation, hold and resume); the others send anything.
 */
const walkArbitrary = fc.array(
  fc.record({ followRules: fc.boolean(), choice: fc.nat(), anyEvent: anyEventArbitrary }),
  { minLength: 30, maxLength: 100, size: "max" },
);

function* walk(moves: { followRules: boolean; choice: number; anyEvent: ProposalEvent }[]) {
  let snapshot = initialProposalSnapshot({ leadInstitutionId: LEAD });
  for (const move of moves) {
    const allowed = move.followRules
      ? sampleEvents.filter((event) => expectedTarget(snapshot, event) !== undefined && obeysRules(event, snapshot.context))
      : [];
    const goingOn = allowed.filter((event) => !FINAL_PATHS.includes(expectedTarget(snapshot, event)!));
    const choices = goingOn.length > 0 && move.choice % 8 !== 0 ? goingOn : allowed;
    const event = choices.length > 0 ? choices[move.choice % choices.length]! : move.anyEvent;
    const step = stepProposal(snapshot, event);
    yield { before: snapshot, event, step };
    snapshot = step.snapshot;
  }
}

describe("random sequences of events from random actors", () => {
  it("never take a step the rules forbid", () => {
    fc.assert(
      fc.property(walkArbitrary, (moves) => {
        for (const { before, event, step } of walk(moves)) {
          if (!step.accepted) {
            expect(step.snapshot).toBe(before);
            continue;
          }
          expect(obeysRules(event, before.context)).toBe(true);
          expect(statePath(step.snapshot)).toBe(expectedTarget(before, event));
          if (statePath(before) === "draft") {
            expect(event.actor).toEqual(actors.leadApplicant);
            expect(["SUBMIT", "DISCARD"]).toContain(event.type);
          }
          if (event.type === "DECIDE" || event.type === "CONFIRM_ELIGIBLE" || event.type === "DECLARE_INELIGIBLE") {
            expect(event.actor.role).toBe("administrator");
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("accept nothing once the proposal has reached a final state", () => {
    let finished = 0;
    fc.assert(
      fc.property(walkArbitrary, (moves) => {
        for (const { before, step } of walk(moves)) {
          if (before.status === "done") {
            finished += 1;
            expect(step.accepted).toBe(false);
            expect(step.snapshot).toBe(before);
          }
        }
      }),
      { numRuns: 200 },
    );
    expect(finished).toBeGreaterThan(0);
  });

  it("replay their accepted events, stored and restored at every step, into the same snapshot", () => {
    fc.assert(
      fc.property(walkArbitrary, (moves) => {
        const log: ProposalEvent[] = [];
        let last = initialProposalSnapshot({ leadInstitutionId: LEAD });
        for (const { event, step } of walk(moves)) {
          if (step.accepted) log.push(JSON.parse(JSON.stringify(event)) as ProposalEvent);
          last = step.snapshot;
        }
        let replayed = initialProposalSnapshot({ leadInstitutionId: LEAD });
        for (const event of log) {
          const step = stepProposal(databaseRoundTrip(replayed), event);
          expect(step.accepted).toBe(true);
          replayed = step.snapshot;
        }
        expect(persisted(replayed)).toEqual(persisted(last));
      }),
      { numRuns: 200 },
    );
  });
});
