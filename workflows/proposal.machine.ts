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
import type { Translate } from "./words";
import { assertEvent, assign, initialTransition, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import type { Standing } from "./actors";
import { applies, eligibilityRules, graceEndsAt, jointCountries, overallEligibility, windowPosition } from "./eligibility";
import type { EligibilityOutcome, Instant } from "./eligibility";
import type { Message, Refusal, StatePathOf } from "./machine-kit";
import { guardsFrom, machinePlumbing, ruleMaker, statePathOf } from "./machine-kit";
import type { PartnerFacts, ProposalEvent, ProposalEventType, ProposalSender, RoundFacts } from "./proposal-events";
import { actionKeyOf, PROPOSAL_EVENTS, senderKeyOf } from "./proposal-events";

export type { PartnerFacts, ProposalEvent, ProposalEventType, RoundFacts } from "./proposal-events";
export type { StepResult } from "./machine-kit";

export const PROPOSAL_MACHINE_VERSION = 1;

export interface ProposalInput {
  leadInstitutionId: number;
}

/** Only what guards read: a finite context keeps the machine testable and snapshots small. */
export interface ProposalContext {
  leadInstitutionId: number;
  /** The overall result of the latest automatic eligibility check, null before the first one. */
  eligibilityCheck: EligibilityOutcome | null;
}

function mayWho(context: ProposalContext, eventType: ProposalEventType, who: Standing): boolean {
  switch (PROPOSAL_EVENTS[eventType].by) {
    case "leadApplicant":
      return who.role === "applicant" && who.institutionId === context.leadInstitutionId;
    case "administrator":
      return who.role === "administrator";
    case "system":
      return who.role === "system";
  }
}

// The refusals are catalogue keys with their values (locales/<language>/workflow.json, section
// refusals), put in words where they are shown: `reason` in English, `refusal` for a page.

/** The event's button words, as a refusal says them: "Only administrators may confirm eligibility." */
function actionOf(type: ProposalEventType): Message {
  return { key: actionKeyOf(type) };
}

function refuseWho(_: ProposalContext, eventType: ProposalEventType): Message {
  return { key: "refusals.proposal.onlySenders", values: { senders: { key: senderKeyOf(PROPOSAL_EVENTS[eventType].by) }, action: actionOf(eventType) } };
}

/** `key`: the whole sentence that says what is missing, e.g. "refusals.proposal.reasonRequired". */
function refuseBlank(text: string, key: string): Refusal {
  return text.trim() === "" ? { key } : null;
}

function refuseMissingParts(missingParts: readonly string[]): Refusal {
  return missingParts.length > 0 ? { key: "refusals.proposal.missingParts", values: { parts: { list: missingParts } } } : null;
}

/**
 * The round must take submissions. Where the round applies its window, the times decide, and
 * in the grace period after the deadline a submission is still taken (marked late) although
 * the scheduler has closed the round by then. Without the window criterion, an open round takes
 * submissions whatever the time.
 */
function refuseRound(round: RoundFacts, now: Instant): Refusal {
  const rules = eligibilityRules(round);
  const position = windowPosition({ ...round, graceHours: rules.graceHours }, now);
  const enforcesWindow = applies(rules, "insideWindow");
  if (enforcesWindow && position === "grace" && (round.state === "open" || round.state === "closed")) return null;
  if (round.state !== "open") return { key: "refusals.proposal.roundNotOpen", values: { state: { key: `roundStates.${round.state}.label`, lowercase: true } } };
  if (!enforcesWindow) return null;
  switch (position) {
    case "notYetOpen":
      return { key: "refusals.proposal.roundOpensOn", values: { at: { at: round.opensAt } } };
    case "closed": {
      const graceEnd = graceEndsAt({ ...round, graceHours: rules.graceHours });
      const at = { at: round.closesAt! };
      return graceEnd
        ? { key: "refusals.proposal.roundClosedWithGrace", values: { at, graceEnd: { at: graceEnd } } }
        : { key: "refusals.proposal.roundClosedOn", values: { at } };
    }
    case "inside":
    case "grace":
      return null;
  }
}

function refuseNotJoint(leadCountryCode: string, partners: readonly PartnerFacts[], minimumCountries: number): Refusal {
  const countries = jointCountries(leadCountryCode, partners);
  if (countries.length >= minimumCountries) return null;
  const minimum = { inWords: minimumCountries };
  if (countries.length === 0) return { key: "refusals.proposal.notJointYet", values: { minimum } };
  return { key: "refusals.proposal.notJoint", values: { minimum, countries: { list: countries.map((country) => ({ country })) } } };
}

function refuseOverLimitParts(overLimitParts: readonly string[] | undefined): Refusal {
  return overLimitParts?.length ? { key: "refusals.proposal.overLimitParts", values: { parts: { list: overLimitParts } } } : null;
}

type StandingFacts = {
  round: RoundFacts;
  leadCountryCode: string;
  partners: readonly PartnerFacts[];
  missingParts: readonly string[];
  overLimitParts?: readonly string[];
};

/** The round's rules at submission (and again on RESPOND): joint, with its minimum, and complete, as it applies them; its most partners. */
function refuseByRoundCriteria(facts: StandingFacts): Refusal {
  const rules = eligibilityRules(facts.round);
  return (
    (applies(rules, "joint") ? refuseNotJoint(facts.leadCountryCode, facts.partners, rules.minimumCountries) : null) ??
    (applies(rules, "complete") ? (refusePendingPartners(facts.partners) ?? refuseMissingParts([...facts.missingParts])) : null) ??
    refuseTooManyPartners(facts.partners, facts.round.maxPartners) ??
    // The limits a round published bind every proposal, as its partner limit does.
    refuseOverLimitParts(facts.overLimitParts)
  );
}

/** An invitation still unanswered: the eligibility check would count the proposal incomplete. */
function refusePendingPartners(partners: readonly PartnerFacts[]): Refusal {
  const waiting = partners.filter((partner) => partner.status === "invited").length;
  if (waiting === 0) return null;
  return { key: "refusals.proposal.pendingPartners", values: { count: waiting } };
}

/** More partners than the round allows: the limit it published binds every proposal. */
function refuseTooManyPartners(partners: readonly PartnerFacts[], maxPartners: number | undefined): Refusal {
  const taking = partners.filter((partner) => partner.status !== "declined").length;
  if (maxPartners === undefined || taking <= maxPartners) return null;
  return { key: "refusals.proposal.tooManyPartners", values: { count: maxPartners, taking, remove: { key: "refusals.proposal.removePartners", values: { count: taking - maxPartners } } } };
}

function refuseOutcome(outcome: string, expected: "promising" | "notSelected"): Refusal {
  return outcome === expected ? null : { key: "refusals.proposal.decisionOutcome" };
}

const rule = ruleMaker<ProposalContext, ProposalEvent>((context, event) => (mayWho(context, event.type, event.actor) ? null : refuseWho(context, event.type)));

/** Every guard of the machine, as "why not?" (null means allowed). Each starts with who may. */
const proposalRules = {
  mayDiscard: rule("DISCARD", () => null),
  maySubmit: rule(
    "SUBMIT",
    (_, event) => refuseRound(event.round, event.now) ?? refuseByRoundCriteria(event),
  ),
  mayRecordEligibilityCheck: rule("ELIGIBILITY_CHECKED", () => null),
  mayConfirmEligible: rule("CONFIRM_ELIGIBLE", (context, event) =>
    context.eligibilityCheck === "passed"
      ? null
      : refuseBlank(event.reason, "refusals.proposal.overrideReasonRequired"),
  ),
  mayDeclareIneligible: rule("DECLARE_INELIGIBLE", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired")),
  mayRequestClarification: rule(
    "REQUEST_CLARIFICATION",
    (_, event) =>
      refuseBlank(event.question, "refusals.proposal.questionRequired") ??
      (Date.parse(event.dueAt) > Date.parse(event.now) ? null : { key: "refusals.proposal.dueInFuture" }),
  ),
  mayRespond: rule(
    "RESPOND",
    (_, event) =>
      refuseBlank(event.message, "refusals.proposal.responseRequired") ??
      // Partners may change during a clarification, so the answer meets the round's SUBMIT rules
      // again. Events stored before RESPOND carried these facts have none: they replay as accepted.
      (event.round && event.partners && event.leadCountryCode !== undefined
        ? refuseByRoundCriteria({
            round: event.round,
            leadCountryCode: event.leadCountryCode,
            partners: event.partners,
            missingParts: event.missingParts ?? [],
            overLimitParts: event.overLimitParts,
          })
        : null),
  ),
  mayRecheck: rule("RECHECK", () => null),
  mayExpireClarification: rule("CLARIFICATION_EXPIRED", (_, event) =>
    Date.parse(event.now) >= Date.parse(event.dueAt) ? null : { key: "refusals.proposal.clarificationDue", values: { at: { at: event.dueAt } } },
  ),
  mayStartReview: rule("START_REVIEW", (_, event) =>
    event.assignedReviewers >= event.minimumReviews
      ? null
      : { key: "refusals.proposal.tooFewReviewers", values: { count: event.minimumReviews, assigned: event.assignedReviewers } },
  ),
  // With fewer reviews than the round asks for, the TAF team may still close the review, saying why.
  // Events stored before the reason existed carry none: they replay as they were accepted.
  mayCloseReview: rule("CLOSE_REVIEW", (_, event) =>
    event.submittedReviews >= event.minimumReviews || (event.reason ?? "").trim() !== ""
      ? null
      : { key: "refusals.proposal.tooFewReviews", values: { count: event.submittedReviews, minimum: event.minimumReviews } },
  ),
  // DECIDE has one transition per outcome; the refusal below shows only when neither matches.
  decidedPromising: rule("DECIDE", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired") ?? refuseOutcome(event.outcome, "promising")),
  decidedNotSelected: rule("DECIDE", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired") ?? refuseOutcome(event.outcome, "notSelected")),
  maySubmitConcept: rule(
    "SUBMIT_CONCEPT",
    (_, event) =>
      refuseMissingParts(event.missingParts) ??
      // Events stored before answers existed carry no `answering`: they replay as they were accepted.
      (event.answering ? refuseBlank(event.answer, "refusals.proposal.revisionAnswerRequired") : null),
  ),
  mayRequestRevision: rule("REQUEST_REVISION", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired")),
  mayApproveConcept: rule("APPROVE_CONCEPT", () => null),
  mayStart: rule("START", () => null),
  mayHold: rule("HOLD", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired")),
  mayResume: rule("RESUME", () => null),
  maySubmitReport: rule("SUBMIT_REPORT", (_, event) => refuseMissingParts(event.missingParts)),
  mayComplete: rule("COMPLETE", () => null),
  mayWithdraw: rule("WITHDRAW", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired")),
  mayRejectConcept: rule("REJECT_CONCEPT", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired")),
  mayCancelImplementation: rule("CANCEL_IMPLEMENTATION", (_, event) => refuseBlank(event.reason, "refusals.proposal.reasonRequired")),
};

const guards = guardsFrom<ProposalContext, ProposalEvent, typeof proposalRules>(proposalRules);

const withdraw = { WITHDRAW: { target: "#proposal.withdrawn", guard: "mayWithdraw" } } as const;
const hold = { HOLD: { target: "#proposal.implementation.onHold", guard: "mayHold" } } as const;

export const proposalMachine = setup({
  types: {
    context: {} as ProposalContext,
    events: {} as ProposalEvent,
    input: {} as ProposalInput,
    // Each word is a catalogue key (locales/<language>/workflow.json, `proposalStates`), as the
    // descriptions are: the words live once, in the catalogues, in every language.
    // `forApplicants`: where the proposal is, in the words the applicants read on its pages.
    // `awaiting`: the stage as lists and badges name it, by what it waits for; `label` stays short
    // for the statechart's boxes, where the enclosing stage already says which one is meant.
    // `forTafTeam` and `tafTeamAwaiting`: the same, for the TAF team, who are spoken to as "you"
    // where the stage waits for them or tells what they did (proposal-stages.ts picks the words).
    meta: {} as { label: string; forApplicants?: string; awaiting?: string; forTafTeam?: string; tafTeamAwaiting?: string; actor?: "reviewers" },
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
      meta: { label: "proposalStates.draft.label" },
      description: "proposalStates.draft.description",
      on: {
        SUBMIT: { target: "eligibility", guard: "maySubmit" },
        DISCARD: { target: "discarded", guard: "mayDiscard" },
      },
    },
    eligibility: {
      meta: { label: "proposalStates.eligibility.label" },
      description: "proposalStates.eligibility.description",
      initial: "checking",
      on: withdraw,
      states: {
        checking: {
          meta: { label: "proposalStates.eligibility.checking.label", awaiting: "proposalStates.eligibility.checking.awaiting" },
          description: "proposalStates.eligibility.checking.description",
          on: {
            ELIGIBILITY_CHECKED: {
              target: "awaitingDecision",
              guard: "mayRecordEligibilityCheck",
              actions: "recordEligibilityCheck",
            },
          },
        },
        awaitingDecision: {
          meta: {
            label: "proposalStates.eligibility.awaitingDecision.label",
            awaiting: "proposalStates.eligibility.awaitingDecision.awaiting",
            tafTeamAwaiting: "proposalStates.eligibility.awaitingDecision.tafTeamAwaiting",
            forTafTeam: "proposalStates.eligibility.awaitingDecision.forTafTeam",
          },
          description: "proposalStates.eligibility.awaitingDecision.description",
          on: {
            CONFIRM_ELIGIBLE: { target: "#proposal.euReview", guard: "mayConfirmEligible" },
            DECLARE_INELIGIBLE: { target: "#proposal.ineligible", guard: "mayDeclareIneligible" },
            REQUEST_CLARIFICATION: { target: "clarificationRequested", guard: "mayRequestClarification" },
            RECHECK: { target: "checking", guard: "mayRecheck" },
          },
        },
        clarificationRequested: {
          meta: {
            label: "proposalStates.eligibility.clarificationRequested.label",
            awaiting: "proposalStates.eligibility.clarificationRequested.awaiting",
            forTafTeam: "proposalStates.eligibility.clarificationRequested.forTafTeam",
          },
          description: "proposalStates.eligibility.clarificationRequested.description",
          on: {
            RESPOND: { target: "checking", guard: "mayRespond" },
            // An expired request goes back to a person: the portal never rejects a proposal by itself.
            CLARIFICATION_EXPIRED: { target: "awaitingDecision", guard: "mayExpireClarification" },
          },
        },
      },
    },
    euReview: {
      meta: { label: "proposalStates.euReview.label" },
      description: "proposalStates.euReview.description",
      initial: "awaitingReviewers",
      on: withdraw,
      states: {
        awaitingReviewers: {
          meta: {
            label: "proposalStates.euReview.awaitingReviewers.label",
            awaiting: "proposalStates.euReview.awaitingReviewers.awaiting",
            tafTeamAwaiting: "proposalStates.euReview.awaitingReviewers.tafTeamAwaiting",
            forTafTeam: "proposalStates.euReview.awaitingReviewers.forTafTeam",
          },
          description: "proposalStates.euReview.awaitingReviewers.description",
          on: { START_REVIEW: { target: "reviewing", guard: "mayStartReview" } },
        },
        reviewing: {
          // The TAF team may close the review early, but the stage waits for the reviewers' scores.
          meta: { label: "proposalStates.euReview.reviewing.label", awaiting: "proposalStates.euReview.reviewing.awaiting", actor: "reviewers" },
          description: "proposalStates.euReview.reviewing.description",
          on: { CLOSE_REVIEW: { target: "deciding", guard: "mayCloseReview" } },
        },
        deciding: {
          meta: {
            label: "proposalStates.euReview.deciding.label",
            awaiting: "proposalStates.euReview.deciding.awaiting",
            tafTeamAwaiting: "proposalStates.euReview.deciding.tafTeamAwaiting",
            forTafTeam: "proposalStates.euReview.deciding.forTafTeam",
          },
          description: "proposalStates.euReview.deciding.description",
          on: {
            DECIDE: [
              { target: "#proposal.conceptualWork", guard: "decidedPromising", meta: { label: "proposalStates.euReview.deciding.decidedPromising" } },
              { target: "#proposal.notSelected", guard: "decidedNotSelected", meta: { label: "proposalStates.euReview.deciding.decidedNotSelected" } },
            ],
          },
        },
      },
    },
    conceptualWork: {
      meta: { label: "proposalStates.conceptualWork.label" },
      description: "proposalStates.conceptualWork.description",
      initial: "drafting",
      // The TAF team may end the conceptual work whether the concept note is being drafted or read.
      on: { ...withdraw, REJECT_CONCEPT: { target: "#proposal.conceptRejected", guard: "mayRejectConcept" } },
      states: {
        drafting: {
          meta: { label: "proposalStates.conceptualWork.drafting.label", awaiting: "proposalStates.conceptualWork.drafting.awaiting" },
          on: { SUBMIT_CONCEPT: { target: "underReview", guard: "maySubmitConcept" } },
        },
        underReview: {
          meta: {
            label: "proposalStates.conceptualWork.underReview.label",
            awaiting: "proposalStates.conceptualWork.underReview.awaiting",
            tafTeamAwaiting: "proposalStates.conceptualWork.underReview.tafTeamAwaiting",
            forTafTeam: "proposalStates.conceptualWork.underReview.forTafTeam",
          },
          on: {
            REQUEST_REVISION: { target: "drafting", guard: "mayRequestRevision" },
            APPROVE_CONCEPT: { target: "#proposal.implementation", guard: "mayApproveConcept" },
          },
        },
      },
    },
    implementation: {
      meta: { label: "proposalStates.implementation.label" },
      description: "proposalStates.implementation.description",
      initial: "active",
      // Whatever the activities' point, on hold included, the TAF team may end them with a reason.
      on: { CANCEL_IMPLEMENTATION: { target: "#proposal.implementationCancelled", guard: "mayCancelImplementation" } },
      states: {
        // onHold sits beside `active`, not inside it: history is recorded only when `active` is
        // exited, so RESUME returns to where implementation was (ARCHITECTURE.md).
        active: {
          meta: { label: "proposalStates.implementation.active.label" },
          initial: "awaitingStart",
          states: {
            awaitingStart: {
              meta: {
                label: "proposalStates.implementation.active.awaitingStart.label",
                awaiting: "proposalStates.implementation.active.awaitingStart.awaiting",
                forApplicants: "proposalStates.implementation.active.awaitingStart.forApplicants",
                tafTeamAwaiting: "proposalStates.implementation.active.awaitingStart.tafTeamAwaiting",
                forTafTeam: "proposalStates.implementation.active.awaitingStart.forTafTeam",
              },
              on: { START: { target: "ongoing", guard: "mayStart" }, ...hold },
            },
            ongoing: {
              meta: {
                label: "proposalStates.implementation.active.ongoing.label",
                awaiting: "proposalStates.implementation.active.ongoing.awaiting",
                forApplicants: "proposalStates.implementation.active.ongoing.forApplicants",
                forTafTeam: "proposalStates.implementation.active.ongoing.forTafTeam",
              },
              on: { SUBMIT_REPORT: { target: "reportSubmitted", guard: "maySubmitReport" }, ...hold },
            },
            reportSubmitted: {
              meta: {
                label: "proposalStates.implementation.active.reportSubmitted.label",
                awaiting: "proposalStates.implementation.active.reportSubmitted.awaiting",
                forApplicants: "proposalStates.implementation.active.reportSubmitted.forApplicants",
                tafTeamAwaiting: "proposalStates.implementation.active.reportSubmitted.tafTeamAwaiting",
                forTafTeam: "proposalStates.implementation.active.reportSubmitted.forTafTeam",
              },
              description: "proposalStates.implementation.active.reportSubmitted.description",
              on: {
                COMPLETE: { target: "#proposal.completed", guard: "mayComplete" },
                REQUEST_REVISION: { target: "ongoing", guard: "mayRequestRevision" },
              },
            },
            hist: { type: "history" },
          },
        },
        onHold: {
          meta: {
            label: "proposalStates.implementation.onHold.label",
            awaiting: "proposalStates.implementation.onHold.awaiting",
            forApplicants: "proposalStates.implementation.onHold.forApplicants",
            tafTeamAwaiting: "proposalStates.implementation.onHold.tafTeamAwaiting",
            forTafTeam: "proposalStates.implementation.onHold.forTafTeam",
          },
          on: { RESUME: { target: "active.hist", guard: "mayResume" } },
        },
      },
    },
    completed: { type: "final", description: "proposalStates.completed.description", meta: { label: "proposalStates.completed.label", forApplicants: "proposalStates.completed.forApplicants" } },
    discarded: { type: "final", description: "proposalStates.discarded.description", meta: { label: "proposalStates.discarded.label" } },
    ineligible: { type: "final", description: "proposalStates.ineligible.description", meta: { label: "proposalStates.ineligible.label", forTafTeam: "proposalStates.ineligible.forTafTeam" } },
    notSelected: { type: "final", description: "proposalStates.notSelected.description", meta: { label: "proposalStates.notSelected.label", forTafTeam: "proposalStates.notSelected.forTafTeam" } },
    withdrawn: { type: "final", description: "proposalStates.withdrawn.description", meta: { label: "proposalStates.withdrawn.label" } },
    conceptRejected: {
      type: "final",
      description: "proposalStates.conceptRejected.description",
      meta: {
        label: "proposalStates.conceptRejected.label",
        forApplicants: "proposalStates.conceptRejected.forApplicants",
        forTafTeam: "proposalStates.conceptRejected.forTafTeam",
      },
    },
    implementationCancelled: {
      type: "final",
      description: "proposalStates.implementationCancelled.description",
      meta: {
        label: "proposalStates.implementationCancelled.label",
        forApplicants: "proposalStates.implementationCancelled.forApplicants",
        forTafTeam: "proposalStates.implementationCancelled.forTafTeam",
      },
    },
  },
});

export type ProposalSnapshot = SnapshotFrom<typeof proposalMachine>;
export type PersistedProposal = ReturnType<typeof proposalMachine.getPersistedSnapshot>;

/** Every state of the proposal machine as a dotted path: "draft", "euReview", "euReview.reviewing"... */
export type ProposalStatePath = StatePathOf<ProposalSnapshot>;

export function initialProposalSnapshot(input: ProposalInput): ProposalSnapshot {
  return initialTransition(proposalMachine, input)[0];
}

/** The JSON to store (about 200 bytes). Never store the snapshot itself: it holds whole state nodes. */
export function persistProposal(snapshot: ProposalSnapshot): PersistedProposal {
  return proposalMachine.getPersistedSnapshot(snapshot);
}

const plumbing = machinePlumbing<typeof proposalMachine, ProposalContext>({
  machine: proposalMachine,
  name: "proposal",
  version: PROPOSAL_MACHINE_VERSION,
  rules: proposalRules,
  mayWho,
  refuseWho,
  stateName: (snapshot) => stateMessageOf(statePath(snapshot)),
  finished: (state) => ({ key: "refusals.proposal.closed", values: { state } }),
  unavailable: (type, state) => ({ key: "refusals.proposal.unavailable", values: { action: actionOf(type), state } }),
});

/** A stored snapshot, ready for `stepProposal`; refuses one stored by another machine version. */
export const restoreProposal = plumbing.restore;
export const stepProposal = plumbing.step;
/** The event types this standing may send now (who and state alone); the server still checks the facts. */
export const allowedEvents = plumbing.allowedEvents;
/** Why this standing may not send this event now, in the reader's words (English by default); null when it may. */
export const refusalOf = plumbing.refusalOf;
/** The same refusal as a catalogue key and values, for a page to put in its reader's words. */
export const refusalMessageOf = plumbing.refusalMessageOf;

/** The current state as its stored dotted path, e.g. "eligibility.awaitingDecision". */
export function statePath(snapshot: { value: ProposalSnapshot["value"] }): ProposalStatePath {
  return statePathOf(snapshot.value) as ProposalStatePath;
}

/** The stage the proposal is at, by what it waits for, e.g. "Eligibility: waiting for the TAF team". */
export function stateLabel(snapshot: ProposalSnapshot, t: Translate): string {
  return stateLabelOf(statePath(snapshot), t);
}

/** The stage at a dotted path, by what it waits for, e.g. "Eligibility: waiting for the TAF team"; the meta holds catalogue keys. */
export function stateLabelOf(path: string, t: Translate): string {
  const meta = proposalMachine.getStateNodeById(`proposal.${path}`).meta;
  const key = meta?.awaiting ?? meta?.label;
  return key ? t(key) : path;
}

/** The stage at a dotted path as `stateLabelOf` names it, as a message for a refusal. */
function stateMessageOf(path: string): Message {
  const meta = proposalMachine.getStateNodeById(`proposal.${path}`).meta;
  return { key: meta?.awaiting ?? meta?.label ?? path };
}

type HandlerNode = { on: Record<string, unknown>; parent?: HandlerNode };

/**
 * Who moves a proposal on from a stored state (guards aside): the senders of the events its
 * state and the stages around it take, leaving out those that stop or pause it; no one of the
 * proposal's while the stage waits for its reviewers (they act on their assignments). A list marks
 * "your turn" with it without restoring each row's snapshot.
 */
export function sendersAt(path: string): readonly ProposalSender[] {
  // The machine never changes: each state's senders are worked out once (a list asks per row).
  let senders = SENDERS.get(path);
  if (!senders) SENDERS.set(path, (senders = sendersOf(path)));
  return senders;
}

const SENDERS = new Map<string, readonly ProposalSender[]>();

function sendersOf(path: string): ProposalSender[] {
  const senders = new Set<ProposalSender>();
  if (proposalMachine.getStateNodeById(`proposal.${path}`).meta?.actor === "reviewers") return [];
  for (let node: HandlerNode | undefined = proposalMachine.getStateNodeById(`proposal.${path}`) as unknown as HandlerNode; node; node = node.parent) {
    for (const type of Object.keys(node.on) as ProposalEventType[]) if (!PROPOSAL_EVENTS[type].sideStep) senders.add(PROPOSAL_EVENTS[type].by);
  }
  return [...senders];
}
