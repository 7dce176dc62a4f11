/**
 * The proposal's events and what each means, in one place: the facts it carries, who may send
 * it, its words (button, history, refusal), which of its texts the applicants read, and the
 * form a person sends it with. The catalogue is a `Record` over every event type, so a new
 * event fails to compile until each of these is decided.
 */
import type { Actor } from "./actors";
import type { CriterionId, CriterionResult, Instant, PartnerStatus } from "./eligibility";

export interface RoundFacts {
  mode: "deadline" | "rolling";
  state: "planned" | "open" | "closed" | "archived" | "cancelled";
  opensAt: Instant;
  closesAt: Instant | null;
  // The round's eligibility settings that SUBMIT enforces. Events stored before rounds had them
  // carry none and replay as they were accepted: every criterion, two countries, no grace period.
  criteria?: CriterionId[];
  minimumCountries?: number;
  graceHours?: number;
  /** The most partner institutions the round allows; absent in events stored before it was a setting. */
  maxPartners?: number;
  /** When a closed round was closed (no grace period after a deadline it was closed before); absent in older events. */
  closedAt?: Instant | null;
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
      /** Labels of the parts over the round's limits (words, budget…); absent in events stored before drafts could be. */
      overLimitParts?: string[];
    }
  /** Sent by the server (as "system") right after SUBMIT or RESPOND, with `checkEligibility`'s result. */
  | { type: "ELIGIBILITY_CHECKED"; actor: Actor; results: CriterionResult[] }
  /**
   * The reason may be empty when the automatic check passed; otherwise it explains the override.
   * From the eligibility desk, `overrides` keeps each overridden criterion's own reason.
   */
  | { type: "CONFIRM_ELIGIBLE"; actor: Actor; reason: string; overrides?: CriterionOverride[] }
  | { type: "DECLARE_INELIGIBLE"; actor: Actor; reason: string }
  | { type: "REQUEST_CLARIFICATION"; actor: Actor; now: Instant; question: string; dueAt: Instant }
  /**
   * The round's rules, the partners and the missing parts are gathered as for SUBMIT: partners
   * may change during a clarification. Events stored before they were gathered carry none.
   */
  | { type: "RESPOND"; actor: Actor; message: string; round?: RoundFacts; leadCountryCode?: string; partners?: PartnerFacts[]; missingParts?: string[]; overLimitParts?: string[] }
  /** An administrator runs the automatic check again, e.g. after an institution's record was corrected. */
  | { type: "RECHECK"; actor: Actor }
  /** Sent by the scheduler with the stored due date of the open clarification request. */
  | { type: "CLARIFICATION_EXPIRED"; actor: Actor; now: Instant; dueAt: Instant }
  | { type: "START_REVIEW"; actor: Actor; assignedReviewers: number; minimumReviews: number }
  /** `reason`: why the review closes with fewer reviews than the round's minimum; may be empty otherwise. */
  | { type: "CLOSE_REVIEW"; actor: Actor; submittedReviews: number; minimumReviews: number; reason: string }
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
  | { type: "DISCARD"; actor: Actor }
  | { type: "REJECT_CONCEPT"; actor: Actor; reason: string }
  | { type: "CANCEL_IMPLEMENTATION"; actor: Actor; reason: string };

export type ProposalEventType = ProposalEvent["type"];

/** A criterion the automatic check did not pass, confirmed by a person with a reason of its own. */
export interface CriterionOverride {
  criterion: CriterionId;
  label: string;
  reason: string;
}

/**
 * What a person (or the scheduler) asks for; the server adds the actor and the facts the guards
 * read. The automatic eligibility check is the server's own step, never asked for.
 */
export type ProposalCommand =
  | { type: "SUBMIT" }
  | { type: "CONFIRM_ELIGIBLE"; reason: string; overrides?: CriterionOverride[] }
  | { type: "DECLARE_INELIGIBLE"; reason: string }
  | { type: "RECHECK" }
  | { type: "REQUEST_CLARIFICATION"; question: string; dueAt: Date }
  | { type: "RESPOND"; message: string }
  | { type: "CLARIFICATION_EXPIRED" }
  | { type: "START_REVIEW" }
  | { type: "CLOSE_REVIEW"; reason?: string }
  | { type: "DECIDE"; outcome: "promising" | "notSelected"; reason: string; sharedFeedback: string }
  /** The answer is needed only when the submission follows a revision request. */
  | { type: "SUBMIT_CONCEPT"; answer?: string }
  | { type: "REQUEST_REVISION"; reason: string }
  | { type: "APPROVE_CONCEPT" }
  | { type: "START" }
  | { type: "HOLD"; reason: string }
  | { type: "RESUME" }
  | { type: "SUBMIT_REPORT" }
  | { type: "COMPLETE" }
  | { type: "WITHDRAW"; reason: string }
  | { type: "DISCARD" }
  | { type: "REJECT_CONCEPT"; reason: string }
  | { type: "CANCEL_IMPLEMENTATION"; reason: string };

/** Who may send an event. The same event never changes hands from one state to another. */
export type ProposalSender = "leadApplicant" | "administrator" | "system";

export const SENDER_WORDS: Record<ProposalSender, string> = {
  leadApplicant: "applicants of the lead institution",
  administrator: "administrators",
  system: "the portal's scheduler",
};

/** A field of the form that sends an event from the proposal page. */
export type CommandField =
  | { name: "reason" | "question" | "message" | "sharedFeedback"; kind: "text"; label: string; hint?: string }
  | { name: "days"; kind: "days"; label: string }
  | { name: "outcome"; kind: "choice"; label: string; choices: readonly { value: string; label: string }[] }
  | { name: "confirm"; kind: "confirm"; label: string }
  | { name: "priority"; kind: "mark"; label: string; hint: string };

/** A text of the event's payload shown in the history, with its label. */
export interface PayloadText {
  key: string;
  label: string;
}

export interface ProposalEventWords {
  /** The button, and the verb of a refusal: "Only administrators may confirm eligibility." */
  action: string;
  /** The history's sentence after who acted: "The TAF team confirmed that the proposal is eligible." */
  history: string;
  by: ProposalSender;
  /** Stops or pauses a proposal rather than moving it on: it says nothing of who acts next. */
  sideStep: boolean;
  /** Payload texts the applicants read. */
  shared: readonly PayloadText[];
  /** Payload texts only the TAF team reads. */
  internal: readonly PayloadText[];
  /** The fields of its form on the proposal page; null when only the portal sends it. */
  fields: readonly CommandField[] | null;
  /** Where its work happens on a page of its own (with its checks), instead of a bare form. */
  workPage?: { path: string; label: string };
  /** Its button warns: the step ends the proposal or cannot be undone. */
  danger?: true;
}

const readByApplicants = (label: string): CommandField => ({ name: "reason", kind: "text", label, hint: "The applicants will read it." });
const REASON: PayloadText = { key: "reason", label: "Reason" };
const INTERNAL_REASON: PayloadText = { key: "reason", label: "Internal reason" };

export const PROPOSAL_EVENTS: Record<ProposalEventType, ProposalEventWords> = {
  SUBMIT: {
    action: "submit the proposal",
    history: "submitted the proposal",
    by: "leadApplicant",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
    workPage: { path: "submit", label: "Preview and submit the proposal" },
  },
  ELIGIBILITY_CHECKED: {
    action: "record the automatic eligibility check",
    history: "ran the automatic eligibility check",
    by: "system",
    sideStep: false,
    shared: [],
    internal: [],
    fields: null,
  },
  CONFIRM_ELIGIBLE: {
    action: "confirm eligibility",
    history: "confirmed that the proposal is eligible",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [INTERNAL_REASON],
    fields: [{ name: "reason", kind: "text", label: "Reason", hint: "Needed only when you confirm against the automatic check. Not shown to the applicants." }],
  },
  DECLARE_INELIGIBLE: {
    action: "declare the proposal ineligible",
    history: "declared the proposal ineligible",
    by: "administrator",
    sideStep: false,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("Reason")],
    danger: true,
  },
  REQUEST_CLARIFICATION: {
    action: "request clarification",
    history: "asked for clarification",
    by: "administrator",
    sideStep: false,
    shared: [{ key: "question", label: "Question" }],
    internal: [],
    fields: [
      { name: "question", kind: "text", label: "Your question to the applicants", hint: "They answer in writing and may edit the proposal before the due date." },
      { name: "days", kind: "days", label: "Days to answer" },
    ],
  },
  RESPOND: {
    action: "respond to the clarification request",
    history: "answered the clarification request and resubmitted",
    by: "leadApplicant",
    sideStep: false,
    shared: [{ key: "message", label: "Answer" }],
    internal: [],
    fields: [{ name: "message", kind: "text", label: "Your answer", hint: "The TAF team reads it with the proposal as it is now." }],
    workPage: { path: "submit", label: "Answer the question and resubmit" },
  },
  RECHECK: {
    action: "re-run the automatic eligibility check",
    history: "re-ran the automatic eligibility check",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  CLARIFICATION_EXPIRED: {
    action: "record that the clarification request expired",
    history: "noted that the clarification request expired unanswered",
    by: "system",
    sideStep: false,
    shared: [],
    internal: [],
    fields: null,
  },
  START_REVIEW: {
    action: "start the EU review",
    history: "started the EU review",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  CLOSE_REVIEW: {
    action: "close the EU review",
    history: "closed the EU review",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [INTERNAL_REASON],
    fields: [
      {
        name: "reason",
        kind: "text",
        label: "Reason for closing early",
        hint: "Needed only when fewer reviews than the round asks for are in. Not shown to the applicants.",
      },
    ],
  },
  DECIDE: {
    action: "decide on selection",
    history: "decided on selection",
    by: "administrator",
    sideStep: false,
    shared: [{ key: "sharedFeedback", label: "Feedback" }],
    internal: [INTERNAL_REASON],
    fields: [
      {
        name: "outcome",
        kind: "choice",
        label: "Decision",
        choices: [
          { value: "promising", label: "Promising: go on to conceptual work" },
          { value: "notSelected", label: "Not selected" },
        ],
      },
      { name: "priority", kind: "mark", label: "Priority: the promising proposal that stands out", hint: "Only with “Promising”. A mark for the team, never sent to the applicants." },
      { name: "reason", kind: "text", label: "Reason for the decision", hint: "For the team's record. Not shown to the applicants." },
      {
        name: "sharedFeedback",
        kind: "text",
        label: "Feedback for the applicants (optional)",
        hint: "The decision is held with the round's other decisions: the applicants get it, with this feedback, when you release them together.",
      },
    ],
  },
  SUBMIT_CONCEPT: {
    action: "submit the concept",
    history: "submitted the concept note",
    by: "leadApplicant",
    sideStep: false,
    shared: [{ key: "answer", label: "Answer to the revision request" }],
    internal: [],
    fields: [],
    workPage: { path: "concept", label: "Write and submit the concept note" },
  },
  REQUEST_REVISION: {
    action: "request a revision",
    history: "asked for a revision",
    by: "administrator",
    sideStep: false,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("Reason")],
  },
  APPROVE_CONCEPT: {
    action: "approve the concept",
    history: "approved the concept note",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  START: {
    action: "start implementation",
    history: "started implementation",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  HOLD: {
    action: "put implementation on hold",
    history: "put implementation on hold",
    by: "administrator",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("Reason")],
  },
  RESUME: {
    action: "resume implementation",
    history: "resumed implementation",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  SUBMIT_REPORT: {
    action: "submit the implementation report",
    history: "submitted the completion report",
    by: "leadApplicant",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
    workPage: { path: "implementation", label: "Report on activities and submit the completion report" },
  },
  COMPLETE: {
    action: "complete implementation",
    history: "completed the proposal",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  WITHDRAW: {
    action: "withdraw the proposal",
    history: "withdrew the proposal",
    by: "leadApplicant",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [{ name: "reason", kind: "text", label: "Why you withdraw the proposal", hint: "The TAF team and your partners will read it." }],
    danger: true,
  },
  DISCARD: {
    action: "discard the draft",
    history: "discarded the draft",
    by: "leadApplicant",
    sideStep: true,
    shared: [],
    internal: [],
    // Discarding cannot be undone: the form asks for a tick, as a second thought.
    fields: [{ name: "confirm", kind: "confirm", label: "I understand the draft is discarded for good" }],
    danger: true,
  },
  REJECT_CONCEPT: {
    action: "reject the concept",
    history: "rejected the concept and ended the proposal",
    by: "administrator",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("Why the concept is rejected")],
    danger: true,
  },
  CANCEL_IMPLEMENTATION: {
    action: "cancel the implementation",
    history: "cancelled the implementation and ended the proposal",
    by: "administrator",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("Why the implementation is cancelled")],
    danger: true,
  },
};

/** The first row of every history is no event of the machine: the draft's creation. */
export const DRAFT_STARTED_WORDS = "started the draft";
