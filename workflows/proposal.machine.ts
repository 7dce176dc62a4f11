/**
 * The life of one proposal, from draft to completion (docs/decisions/002-proposal-statechart.md).
 *
 * The machine is pure: the server moves it with `stepProposal` (xstate's `transition()`), stores
 * `persistProposal(snapshot)` with PROPOSAL_MACHINE_VERSION, and restores it with
 * `restoreProposal`. Every event carries its actor and the facts its guard needs, so no guard
 * reads a clock or a database.
 *
 * Every rule lives once, in `proposalRules`, as a function that returns why an event is refused
 * (or null). The machine's guards and the refusal reasons are both made from it.
 */
import { assertEvent, assign, createActor, getNextTransitions, initialTransition, setup, transition } from "xstate";
import type { SnapshotFrom, StateValue } from "xstate";
import type { Actor } from "./actors";
import { jointCountries, listInWords, MINIMUM_JOINT_COUNTRIES, overallEligibility, windowPosition } from "./eligibility";
import { countryName } from "./countries";
import { formatBrussels } from "./time";
import type { CriterionResult, EligibilityOutcome, Instant, PartnerStatus } from "./eligibility";

export const PROPOSAL_MACHINE_VERSION = 1;

export interface RoundFacts {
  mode: "deadline" | "rolling";
  state: "planned" | "open" | "closed" | "archived";
  opensAt: Instant;
  closesAt: Instant | null;
}

export interface PartnerFacts {
  institutionId: number;
  countryCode: string;
  status: PartnerStatus;
}

export type ProposalEvent =
  | {
      type: "SUBMIT";
      actor: Actor;
      now: Instant;
      round: RoundFacts;
      leadCountryCode: string;
      partners: PartnerFacts[];
      /** Labels of the required parts still unanswered; empty when the proposal is complete. */
      missingParts: string[];
    }
  /** Sent by the server (as "system") right after SUBMIT or RESPOND, with `checkEligibility`'s result. */
  | { type: "ELIGIBILITY_CHECKED"; actor: Actor; results: CriterionResult[] }
  /** The reason may be empty when the automatic check passed; otherwise it explains the override. */
  | { type: "CONFIRM_ELIGIBLE"; actor: Actor; reason: string }
  | { type: "DECLARE_INELIGIBLE"; actor: Actor; reason: string }
  | { type: "REQUEST_CLARIFICATION"; actor: Actor; now: Instant; question: string; dueAt: Instant }
  | { type: "RESPOND"; actor: Actor; message: string }
  /** Sent by the scheduler with the stored due date of the open clarification request. */
  | { type: "CLARIFICATION_EXPIRED"; actor: Actor; now: Instant; dueAt: Instant }
  | { type: "START_REVIEW"; actor: Actor; assignedReviewers: number; minimumReviews: number }
  | { type: "CLOSE_REVIEW"; actor: Actor; submittedReviews: number; minimumReviews: number }
  | {
      type: "DECIDE";
      actor: Actor;
      outcome: "promising" | "notSelected";
      reason: string;
      /** What the applicants are told; may be empty. */
      sharedFeedback: string;
    }
  | {
      type: "SUBMIT_CONCEPT";
      actor: Actor;
      missingParts: string[];
      /** Whether this submission follows a revision request still unanswered: then it must answer it. */
      answering: boolean;
      /** The lead's answer to that request: what changed and why. Empty for a first submission. */
      answer: string;
    }
  | { type: "REQUEST_REVISION"; actor: Actor; reason: string }
  | { type: "APPROVE_CONCEPT"; actor: Actor }
  | { type: "START"; actor: Actor }
  | { type: "HOLD"; actor: Actor; reason: string }
  | { type: "RESUME"; actor: Actor }
  | { type: "SUBMIT_REPORT"; actor: Actor; missingParts: string[] }
  | { type: "COMPLETE"; actor: Actor }
  | { type: "WITHDRAW"; actor: Actor; reason: string }
  | { type: "DISCARD"; actor: Actor };

export type ProposalEventType = ProposalEvent["type"];

export interface ProposalInput {
  leadInstitutionId: number;
}

/** Only what guards read: a finite context keeps the machine testable and snapshots small. */
export interface ProposalContext {
  leadInstitutionId: number;
  /** The overall result of the latest automatic eligibility check, null before the first one. */
  eligibilityCheck: EligibilityOutcome | null;
}

/** What each event does, in words: for buttons, the history page and refusal reasons. */
export const PROPOSAL_ACTIONS: Record<ProposalEventType, string> = {
  SUBMIT: "submit the proposal",
  ELIGIBILITY_CHECKED: "record the automatic eligibility check",
  CONFIRM_ELIGIBLE: "confirm eligibility",
  DECLARE_INELIGIBLE: "declare the proposal ineligible",
  REQUEST_CLARIFICATION: "request clarification",
  RESPOND: "respond to the clarification request",
  CLARIFICATION_EXPIRED: "record that the clarification request expired",
  START_REVIEW: "start the EU review",
  CLOSE_REVIEW: "close the EU review",
  DECIDE: "decide on selection",
  SUBMIT_CONCEPT: "submit the concept",
  REQUEST_REVISION: "request a revision",
  APPROVE_CONCEPT: "approve the concept",
  START: "start implementation",
  HOLD: "put implementation on hold",
  RESUME: "resume implementation",
  SUBMIT_REPORT: "submit the implementation report",
  COMPLETE: "complete implementation",
  WITHDRAW: "withdraw the proposal",
  DISCARD: "discard the draft",
};

type Permitted = "leadApplicant" | "administrator" | "system";

/** Who may send each event. The same event never changes hands from one state to another. */
export const PROPOSAL_PERMISSIONS: Record<ProposalEventType, Permitted> = {
  SUBMIT: "leadApplicant",
  ELIGIBILITY_CHECKED: "system",
  CONFIRM_ELIGIBLE: "administrator",
  DECLARE_INELIGIBLE: "administrator",
  REQUEST_CLARIFICATION: "administrator",
  RESPOND: "leadApplicant",
  CLARIFICATION_EXPIRED: "system",
  START_REVIEW: "administrator",
  CLOSE_REVIEW: "administrator",
  DECIDE: "administrator",
  SUBMIT_CONCEPT: "leadApplicant",
  REQUEST_REVISION: "administrator",
  APPROVE_CONCEPT: "administrator",
  START: "administrator",
  HOLD: "administrator",
  RESUME: "administrator",
  SUBMIT_REPORT: "leadApplicant",
  COMPLETE: "administrator",
  WITHDRAW: "leadApplicant",
  DISCARD: "leadApplicant",
};

const PERMITTED_WORDS: Record<Permitted, string> = {
  leadApplicant: "applicants of the lead institution",
  administrator: "administrators",
  system: "the portal's scheduler",
};

function isPermitted(context: ProposalContext, eventType: ProposalEventType, actor: Actor): boolean {
  switch (PROPOSAL_PERMISSIONS[eventType]) {
    case "leadApplicant":
      return actor.role === "applicant" && actor.institutionId === context.leadInstitutionId;
    case "administrator":
      return actor.role === "administrator";
    case "system":
      return actor.role === "system";
  }
}

type Refusal = string | null;

function refuseActor(context: ProposalContext, event: ProposalEvent): Refusal {
  if (isPermitted(context, event.type, event.actor)) return null;
  const action = PROPOSAL_ACTIONS[event.type];
  return `Only ${PERMITTED_WORDS[PROPOSAL_PERMISSIONS[event.type]]} may ${action}.`;
}

function refuseBlank(text: string, what: string): Refusal {
  return text.trim() === "" ? `${what} is required.` : null;
}

function refuseMissingParts(missingParts: readonly string[]): Refusal {
  return missingParts.length > 0 ? `These required parts are not answered: ${listInWords(missingParts)}.` : null;
}

function refuseRound(round: RoundFacts, now: Instant): Refusal {
  if (round.state !== "open") return `The round is ${round.state}, not open.`;
  switch (windowPosition(round, now)) {
    case "notYetOpen":
      return `The round opens on ${formatBrussels(round.opensAt)}.`;
    case "closed":
      return `The round closed on ${formatBrussels(round.closesAt!)}.`;
    case "inside":
      return null;
  }
}

function refuseNotJoint(leadCountryCode: string, partners: readonly PartnerFacts[]): Refusal {
  const countries = jointCountries(leadCountryCode, partners);
  if (countries.length >= MINIMUM_JOINT_COUNTRIES) return null;
  const sofar = countries.length === 0 ? "none yet" : `only ${countryName(countries[0]!)} so far`;
  return `Institutions from at least two Western Balkan countries must have confirmed (${sofar}).`;
}

/** An invitation still unanswered: the eligibility check would count the proposal incomplete. */
function refusePendingPartners(partners: readonly PartnerFacts[]): Refusal {
  const waiting = partners.filter((partner) => partner.status === "invited").length;
  if (waiting === 0) return null;
  return `Every invited partner must confirm or decline first (${waiting === 1 ? "one has" : `${waiting} have`} not answered yet).`;
}

function refuseOutcome(outcome: string, expected: "promising" | "notSelected"): Refusal {
  return outcome === expected ? null : "The decision must be “promising” or “not selected”.";
}

type Rule<T extends ProposalEventType> = (context: ProposalContext, event: Extract<ProposalEvent, { type: T }>) => Refusal;

/** A rule for one event type; reaching it with another event is a wiring mistake in the machine. */
function rule<T extends ProposalEventType>(type: T, check: Rule<T>) {
  return (context: ProposalContext, event: ProposalEvent): Refusal => {
    if (event.type !== type) throw new Error(`The rule for ${type} was asked about ${event.type}.`);
    return refuseActor(context, event) ?? check(context, event as Extract<ProposalEvent, { type: T }>);
  };
}

/** Every guard of the machine, as "why not?" (null means allowed). Each starts with who may. */
const proposalRules = {
  mayDiscard: rule("DISCARD", () => null),
  maySubmit: rule(
    "SUBMIT",
    (_, event) =>
      refuseRound(event.round, event.now) ??
      refuseNotJoint(event.leadCountryCode, event.partners) ??
      refusePendingPartners(event.partners) ??
      refuseMissingParts(event.missingParts),
  ),
  mayRecordEligibilityCheck: rule("ELIGIBILITY_CHECKED", () => null),
  mayConfirmEligible: rule("CONFIRM_ELIGIBLE", (context, event) =>
    context.eligibilityCheck === "passed"
      ? null
      : refuseBlank(event.reason, "The automatic check did not pass every criterion, so a reason for confirming eligibility"),
  ),
  mayDeclareIneligible: rule("DECLARE_INELIGIBLE", (_, event) => refuseBlank(event.reason, "A reason")),
  mayRequestClarification: rule(
    "REQUEST_CLARIFICATION",
    (_, event) =>
      refuseBlank(event.question, "A question") ??
      (Date.parse(event.dueAt) > Date.parse(event.now) ? null : "The due date must be in the future."),
  ),
  mayRespond: rule("RESPOND", (_, event) => refuseBlank(event.message, "A response")),
  mayExpireClarification: rule("CLARIFICATION_EXPIRED", (_, event) =>
    Date.parse(event.now) >= Date.parse(event.dueAt) ? null : `The clarification request is due on ${formatBrussels(event.dueAt)}.`,
  ),
  mayStartReview: rule("START_REVIEW", (_, event) =>
    event.assignedReviewers >= event.minimumReviews
      ? null
      : `At least ${event.minimumReviews} reviewers must be assigned; ${event.assignedReviewers} are.`,
  ),
  mayCloseReview: rule("CLOSE_REVIEW", (_, event) =>
    event.submittedReviews >= event.minimumReviews
      ? null
      : `At least ${event.minimumReviews} reviews must be submitted; ${event.submittedReviews} are.`,
  ),
  // DECIDE has one transition per outcome; the refusal below shows only when neither matches.
  decidedPromising: rule("DECIDE", (_, event) => refuseBlank(event.reason, "A reason") ?? refuseOutcome(event.outcome, "promising")),
  decidedNotSelected: rule("DECIDE", (_, event) => refuseBlank(event.reason, "A reason") ?? refuseOutcome(event.outcome, "notSelected")),
  maySubmitConcept: rule(
    "SUBMIT_CONCEPT",
    (_, event) =>
      refuseMissingParts(event.missingParts) ??
      // Events stored before answers existed carry no `answering`: they replay as they were accepted.
      (event.answering ? refuseBlank(event.answer, "An answer to the TAF team's revision request") : null),
  ),
  mayRequestRevision: rule("REQUEST_REVISION", (_, event) => refuseBlank(event.reason, "A reason")),
  mayApproveConcept: rule("APPROVE_CONCEPT", () => null),
  mayStart: rule("START", () => null),
  mayHold: rule("HOLD", (_, event) => refuseBlank(event.reason, "A reason")),
  mayResume: rule("RESUME", () => null),
  maySubmitReport: rule("SUBMIT_REPORT", (_, event) => refuseMissingParts(event.missingParts)),
  mayComplete: rule("COMPLETE", () => null),
  mayWithdraw: rule("WITHDRAW", (_, event) => refuseBlank(event.reason, "A reason")),
};

type ProposalGuardName = keyof typeof proposalRules;

const guards = Object.fromEntries(
  Object.entries(proposalRules).map(([name, check]) => [
    name,
    ({ context, event }: { context: ProposalContext; event: ProposalEvent }) => check(context, event) === null,
  ]),
) as Record<ProposalGuardName, (args: { context: ProposalContext; event: ProposalEvent }) => boolean>;

const withdraw = { WITHDRAW: { target: "#proposal.withdrawn", guard: "mayWithdraw" } } as const;
const hold = { HOLD: { target: "#proposal.implementation.onHold", guard: "mayHold" } } as const;

export const proposalMachine = setup({
  types: {
    context: {} as ProposalContext,
    events: {} as ProposalEvent,
    input: {} as ProposalInput,
    meta: {} as { label: string },
  },
  guards,
  actions: {
    recordEligibilityCheck: assign({
      eligibilityCheck: ({ event }) => {
        assertEvent(event, "ELIGIBILITY_CHECKED");
        return overallEligibility(event.results);
      },
    }),
  },
}).createMachine({
  id: "proposal",
  context: ({ input }) => ({ leadInstitutionId: input.leadInstitutionId, eligibilityCheck: null }),
  initial: "draft",
  states: {
    draft: {
      meta: { label: "Draft" },
      description: "The lead institution prepares the proposal and invites its partners.",
      on: {
        SUBMIT: { target: "eligibility", guard: "maySubmit" },
        DISCARD: { target: "discarded", guard: "mayDiscard" },
      },
    },
    eligibility: {
      meta: { label: "Eligibility check" },
      description: "The TAF team checks the proposal against the round's eligibility criteria.",
      initial: "checking",
      on: withdraw,
      states: {
        checking: {
          meta: { label: "Automatic check" },
          description: "The portal checks each criterion; the server records the result at once.",
          on: {
            ELIGIBILITY_CHECKED: {
              target: "awaitingDecision",
              guard: "mayRecordEligibilityCheck",
              actions: "recordEligibilityCheck",
            },
          },
        },
        awaitingDecision: {
          meta: { label: "Awaiting decision" },
          description: "An administrator confirms the check, overrides it with a reason, or asks for clarification.",
          on: {
            CONFIRM_ELIGIBLE: { target: "#proposal.euReview", guard: "mayConfirmEligible" },
            DECLARE_INELIGIBLE: { target: "#proposal.ineligible", guard: "mayDeclareIneligible" },
            REQUEST_CLARIFICATION: { target: "clarificationRequested", guard: "mayRequestClarification" },
          },
        },
        clarificationRequested: {
          meta: { label: "Clarification requested" },
          description: "The applicants answer the administrator's question before the due date.",
          on: {
            RESPOND: { target: "checking", guard: "mayRespond" },
            // An expired request goes back to a person: the portal never rejects a proposal by itself.
            CLARIFICATION_EXPIRED: { target: "awaitingDecision", guard: "mayExpireClarification" },
          },
        },
      },
    },
    euReview: {
      meta: { label: "EU review" },
      description: "EU representatives and the project's experts score the proposal.",
      initial: "awaitingReviewers",
      on: withdraw,
      states: {
        awaitingReviewers: {
          meta: { label: "Assigning reviewers" },
          description: "Administrators assign reviewers without a conflict of interest.",
          on: { START_REVIEW: { target: "reviewing", guard: "mayStartReview" } },
        },
        reviewing: {
          meta: { label: "Reviewing" },
          description: "Reviewers score the proposal against the round's criteria.",
          on: { CLOSE_REVIEW: { target: "deciding", guard: "mayCloseReview" } },
        },
        deciding: {
          meta: { label: "Deciding" },
          description: "Administrators decide, with a reason, whether the proposal is promising.",
          on: {
            DECIDE: [
              { target: "#proposal.conceptualWork", guard: "decidedPromising", meta: { label: "Decide: promising" } },
              { target: "#proposal.notSelected", guard: "decidedNotSelected", meta: { label: "Decide: not selected" } },
            ],
          },
        },
      },
    },
    conceptualWork: {
      meta: { label: "Conceptual work" },
      description: "The applicants and the project turn the idea into a concept: activities, partners, budget, timing.",
      initial: "drafting",
      on: withdraw,
      states: {
        drafting: {
          meta: { label: "Drafting the concept" },
          on: { SUBMIT_CONCEPT: { target: "underReview", guard: "maySubmitConcept" } },
        },
        underReview: {
          meta: { label: "Concept under review" },
          on: {
            REQUEST_REVISION: { target: "drafting", guard: "mayRequestRevision" },
            APPROVE_CONCEPT: { target: "#proposal.implementation", guard: "mayApproveConcept" },
          },
        },
      },
    },
    implementation: {
      meta: { label: "Implementation" },
      description: "The activities run, may wait on hold, and end with a report and lessons learnt.",
      initial: "active",
      states: {
        // onHold sits beside `active`, not inside it: history is recorded only when `active` is
        // exited, so RESUME returns to where implementation was (ARCHITECTURE.md).
        active: {
          meta: { label: "Active" },
          initial: "awaitingStart",
          states: {
            awaitingStart: {
              meta: { label: "Awaiting start" },
              on: { START: { target: "ongoing", guard: "mayStart" }, ...hold },
            },
            ongoing: {
              meta: { label: "Ongoing" },
              on: { SUBMIT_REPORT: { target: "reportSubmitted", guard: "maySubmitReport" }, ...hold },
            },
            reportSubmitted: {
              meta: { label: "Report submitted" },
              description: "Administrators read the report and lessons learnt, then complete or ask for a revision.",
              on: {
                COMPLETE: { target: "#proposal.completed", guard: "mayComplete" },
                REQUEST_REVISION: { target: "ongoing", guard: "mayRequestRevision" },
              },
            },
            hist: { type: "history" },
          },
        },
        onHold: {
          meta: { label: "On hold" },
          on: { RESUME: { target: "active.hist", guard: "mayResume" } },
        },
      },
    },
    completed: { type: "final", description: "The activities were held and the completion report approved.", meta: { label: "Completed" } },
    discarded: { type: "final", description: "The lead institution discarded the draft before submitting it.", meta: { label: "Discarded" } },
    ineligible: { type: "final", description: "The TAF team found that the proposal does not meet the round's eligibility criteria; the reason is in the history.", meta: { label: "Ineligible" } },
    notSelected: { type: "final", description: "The EU review did not select the proposal for support; the TAF team's feedback is in the history.", meta: { label: "Not selected" } },
    withdrawn: { type: "final", description: "The lead institution withdrew the proposal; the reason is in the history.", meta: { label: "Withdrawn" } },
  },
});

export type ProposalSnapshot = SnapshotFrom<typeof proposalMachine>;
export type PersistedProposal = ReturnType<typeof proposalMachine.getPersistedSnapshot>;

export function initialProposalSnapshot(input: ProposalInput): ProposalSnapshot {
  return initialTransition(proposalMachine, input)[0];
}

/** The JSON to store (about 200 bytes). Never store the snapshot itself: it holds whole state nodes. */
export function persistProposal(snapshot: ProposalSnapshot): PersistedProposal {
  return proposalMachine.getPersistedSnapshot(snapshot);
}

/**
 * A stored snapshot, ready for `stepProposal`. The actor is created but never started, so
 * nothing runs; `machine.resolveState` would lose the history of an on-hold implementation.
 */
export function restoreProposal(persisted: unknown, machineVersion: number): ProposalSnapshot {
  if (machineVersion !== PROPOSAL_MACHINE_VERSION) {
    throw new Error(
      `This proposal was stored by version ${machineVersion} of the proposal workflow, but this server knows only version ${PROPOSAL_MACHINE_VERSION}. Add a migration for it (docs/decisions/002-proposal-statechart.md) or run the matching server.`,
    );
  }
  // A restored actor keeps its stored context, so the input is never read.
  const snapshot = createActor(proposalMachine, { snapshot: persisted as PersistedProposal, input: undefined }).getSnapshot();
  // A snapshot that does not fit the machine comes back as an error snapshot rather than a throw.
  if (snapshot.status === "error") {
    throw new Error(`The stored proposal snapshot cannot be restored: ${String(snapshot.error)}`, { cause: snapshot.error });
  }
  return snapshot;
}

export type StepResult<TSnapshot> =
  | { accepted: true; snapshot: TSnapshot }
  | { accepted: false; snapshot: TSnapshot; reason: string };

export function stepProposal(snapshot: ProposalSnapshot, event: ProposalEvent): StepResult<ProposalSnapshot> {
  const [next] = transition(proposalMachine, snapshot, event);
  // transition() hands back the very same object when no transition was taken.
  if (next !== snapshot) return { accepted: true, snapshot: next };
  return { accepted: false, snapshot, reason: refusalReason(snapshot, event) };
}

function refusalReason(snapshot: ProposalSnapshot, event: ProposalEvent): string {
  const label = stateLabel(snapshot);
  if (snapshot.status === "done") return `The proposal is closed (${label}): nothing more can happen to it.`;
  // Every transition of this machine has a guard named after one of proposalRules.
  for (const candidate of getNextTransitions(snapshot)) {
    if (candidate.eventType !== event.type) continue;
    const refusal = proposalRules[candidate.guard as ProposalGuardName](snapshot.context, event);
    if (refusal !== null) return refusal;
  }
  return `No one can ${PROPOSAL_ACTIONS[event.type]} while the proposal is at “${label}”.`;
}

/**
 * The event types this actor may send now, judged on who may and on the state alone: a page
 * shows a button for each, then the server still applies the full rules with the facts.
 */
export function allowedEvents(snapshot: ProposalSnapshot, actor: Actor): ProposalEventType[] {
  const types = new Set(getNextTransitions(snapshot).map((candidate) => candidate.eventType as ProposalEventType));
  return [...types].filter((type) => isPermitted(snapshot.context, type, actor));
}

/** The current state as a dotted path, e.g. "eligibility.awaitingDecision", for a DB column. */
export function statePath(snapshot: { value: StateValue }): string {
  return pathOf(snapshot.value);
}

function pathOf(value: StateValue): string {
  if (typeof value === "string") return value;
  const [key, child] = Object.entries(value)[0]!;
  return child === undefined ? key : `${key}.${pathOf(child)}`;
}

/** The label of the current (innermost) state, e.g. "Awaiting decision". */
export function stateLabel(snapshot: ProposalSnapshot): string {
  return stateLabelOf(statePath(snapshot));
}

/** The label of a state given by its dotted path, e.g. "Awaiting decision". */
export function stateLabelOf(path: string): string {
  return proposalMachine.getStateNodeById(`proposal.${path}`).meta?.label ?? path;
}
