/**
 * The proposal's events and what each means, in one place: the facts it carries, who may send
 * it, its words (button, history, refusal), which of its texts the applicants read, and the
 * form a person sends it with. The catalogue is a `Record` over every event type, so a new
 * event fails to compile until each of these is decided.
 */
import type { Actor } from "./actors";
import type { CriterionId, CriterionResult, Instant, PartnerStatus } from "./eligibility";
import { inEnglish } from "./in-english";
import type { Translate } from "./words";

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

const SENDER_KEYS: Record<ProposalSender, string> = {
  leadApplicant: "proposalEvents.senders.leadApplicant",
  administrator: "proposalEvents.senders.administrator",
  system: "proposalEvents.senders.system",
};

/** The catalogue key of who may send an event, for a sentence (a refusal) to say. */
export function senderKeyOf(sender: ProposalSender): string {
  return SENDER_KEYS[sender];
}

/** Who may send an event, in the reader's words: "administrators". */
export function senderWordsIn(sender: ProposalSender, t: Translate): string {
  return t(SENDER_KEYS[sender]);
}

export const SENDER_WORDS: Record<ProposalSender, string> = {
  leadApplicant: senderWordsIn("leadApplicant", inEnglish),
  administrator: senderWordsIn("administrator", inEnglish),
  system: senderWordsIn("system", inEnglish),
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

// The catalogue below holds catalogue keys where the words go (locales/<language>/workflow.json,
// section proposalEvents); `eventWordsIn` puts them in a reader's language.

const readByApplicants = (label: string): CommandField => ({ name: "reason", kind: "text", label, hint: "proposalEvents.hints.readByApplicants" });
const REASON: PayloadText = { key: "reason", label: "proposalEvents.texts.reason" };
const INTERNAL_REASON: PayloadText = { key: "reason", label: "proposalEvents.texts.internalReason" };

const EVENT_KEYS: Record<ProposalEventType, ProposalEventWords> = {
  SUBMIT: {
    action: "proposalEvents.submit.action",
    history: "proposalEvents.submit.history",
    by: "leadApplicant",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
    workPage: { path: "submit", label: "proposalEvents.submit.workPage" },
  },
  ELIGIBILITY_CHECKED: {
    action: "proposalEvents.eligibilityChecked.action",
    history: "proposalEvents.eligibilityChecked.history",
    by: "system",
    sideStep: false,
    shared: [],
    internal: [],
    fields: null,
  },
  CONFIRM_ELIGIBLE: {
    action: "proposalEvents.confirmEligible.action",
    history: "proposalEvents.confirmEligible.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [INTERNAL_REASON],
    fields: [{ name: "reason", kind: "text", label: "proposalEvents.texts.reason", hint: "proposalEvents.confirmEligible.reasonHint" }],
  },
  DECLARE_INELIGIBLE: {
    action: "proposalEvents.declareIneligible.action",
    history: "proposalEvents.declareIneligible.history",
    by: "administrator",
    sideStep: false,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("proposalEvents.texts.reason")],
    danger: true,
  },
  REQUEST_CLARIFICATION: {
    action: "proposalEvents.requestClarification.action",
    history: "proposalEvents.requestClarification.history",
    by: "administrator",
    sideStep: false,
    shared: [{ key: "question", label: "proposalEvents.texts.question" }],
    internal: [],
    fields: [
      { name: "question", kind: "text", label: "proposalEvents.requestClarification.questionLabel", hint: "proposalEvents.requestClarification.questionHint" },
      { name: "days", kind: "days", label: "proposalEvents.requestClarification.daysLabel" },
    ],
  },
  RESPOND: {
    action: "proposalEvents.respond.action",
    history: "proposalEvents.respond.history",
    by: "leadApplicant",
    sideStep: false,
    shared: [{ key: "message", label: "proposalEvents.texts.answer" }],
    internal: [],
    fields: [{ name: "message", kind: "text", label: "proposalEvents.respond.messageLabel", hint: "proposalEvents.respond.messageHint" }],
    workPage: { path: "submit", label: "proposalEvents.respond.workPage" },
  },
  RECHECK: {
    action: "proposalEvents.recheck.action",
    history: "proposalEvents.recheck.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  CLARIFICATION_EXPIRED: {
    action: "proposalEvents.clarificationExpired.action",
    history: "proposalEvents.clarificationExpired.history",
    by: "system",
    sideStep: false,
    shared: [],
    internal: [],
    fields: null,
  },
  START_REVIEW: {
    action: "proposalEvents.startReview.action",
    history: "proposalEvents.startReview.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  CLOSE_REVIEW: {
    action: "proposalEvents.closeReview.action",
    history: "proposalEvents.closeReview.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [INTERNAL_REASON],
    fields: [{ name: "reason", kind: "text", label: "proposalEvents.closeReview.reasonLabel", hint: "proposalEvents.closeReview.reasonHint" }],
  },
  DECIDE: {
    action: "proposalEvents.decide.action",
    history: "proposalEvents.decide.history",
    by: "administrator",
    sideStep: false,
    shared: [{ key: "sharedFeedback", label: "proposalEvents.texts.feedback" }],
    internal: [INTERNAL_REASON],
    fields: [
      {
        name: "outcome",
        kind: "choice",
        label: "proposalEvents.decide.outcomeLabel",
        choices: [
          { value: "promising", label: "proposalEvents.decide.promising" },
          { value: "notSelected", label: "proposalEvents.decide.notSelected" },
        ],
      },
      { name: "priority", kind: "mark", label: "proposalEvents.decide.priorityLabel", hint: "proposalEvents.decide.priorityHint" },
      { name: "reason", kind: "text", label: "proposalEvents.decide.reasonLabel", hint: "proposalEvents.decide.reasonHint" },
      { name: "sharedFeedback", kind: "text", label: "proposalEvents.decide.feedbackLabel", hint: "proposalEvents.decide.feedbackHint" },
    ],
  },
  SUBMIT_CONCEPT: {
    action: "proposalEvents.submitConcept.action",
    history: "proposalEvents.submitConcept.history",
    by: "leadApplicant",
    sideStep: false,
    shared: [{ key: "answer", label: "proposalEvents.texts.revisionAnswer" }],
    internal: [],
    fields: [],
    workPage: { path: "concept", label: "proposalEvents.submitConcept.workPage" },
  },
  REQUEST_REVISION: {
    action: "proposalEvents.requestRevision.action",
    history: "proposalEvents.requestRevision.history",
    by: "administrator",
    sideStep: false,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("proposalEvents.texts.reason")],
  },
  APPROVE_CONCEPT: {
    action: "proposalEvents.approveConcept.action",
    history: "proposalEvents.approveConcept.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  START: {
    action: "proposalEvents.start.action",
    history: "proposalEvents.start.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  HOLD: {
    action: "proposalEvents.hold.action",
    history: "proposalEvents.hold.history",
    by: "administrator",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("proposalEvents.texts.reason")],
  },
  RESUME: {
    action: "proposalEvents.resume.action",
    history: "proposalEvents.resume.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  SUBMIT_REPORT: {
    action: "proposalEvents.submitReport.action",
    history: "proposalEvents.submitReport.history",
    by: "leadApplicant",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
    workPage: { path: "implementation", label: "proposalEvents.submitReport.workPage" },
  },
  COMPLETE: {
    action: "proposalEvents.complete.action",
    history: "proposalEvents.complete.history",
    by: "administrator",
    sideStep: false,
    shared: [],
    internal: [],
    fields: [],
  },
  WITHDRAW: {
    action: "proposalEvents.withdraw.action",
    history: "proposalEvents.withdraw.history",
    by: "leadApplicant",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [{ name: "reason", kind: "text", label: "proposalEvents.withdraw.reasonLabel", hint: "proposalEvents.withdraw.reasonHint" }],
    danger: true,
  },
  DISCARD: {
    action: "proposalEvents.discard.action",
    history: "proposalEvents.discard.history",
    by: "leadApplicant",
    sideStep: true,
    shared: [],
    internal: [],
    // Discarding cannot be undone: the form asks for a tick, as a second thought.
    fields: [{ name: "confirm", kind: "confirm", label: "proposalEvents.discard.confirmLabel" }],
    danger: true,
  },
  REJECT_CONCEPT: {
    action: "proposalEvents.rejectConcept.action",
    history: "proposalEvents.rejectConcept.history",
    by: "administrator",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("proposalEvents.rejectConcept.reasonLabel")],
    danger: true,
  },
  CANCEL_IMPLEMENTATION: {
    action: "proposalEvents.cancelImplementation.action",
    history: "proposalEvents.cancelImplementation.history",
    by: "administrator",
    sideStep: true,
    shared: [REASON],
    internal: [],
    fields: [readByApplicants("proposalEvents.cancelImplementation.reasonLabel")],
    danger: true,
  },
};

function fieldIn(field: CommandField, t: Translate): CommandField {
  switch (field.kind) {
    case "text":
      return { ...field, label: t(field.label), ...(field.hint ? { hint: t(field.hint) } : {}) };
    case "mark":
      return { ...field, label: t(field.label), hint: t(field.hint) };
    case "choice":
      return { ...field, label: t(field.label), choices: field.choices.map((choice) => ({ ...choice, label: t(choice.label) })) };
    case "days":
    case "confirm":
      return { ...field, label: t(field.label) };
  }
}

export function isProposalEventType(type: string): type is ProposalEventType {
  return Object.hasOwn(EVENT_KEYS, type);
}

/** The catalogue key of an event's button words, for a sentence (a refusal) to say. */
export function actionKeyOf(type: ProposalEventType): string {
  return EVENT_KEYS[type].action;
}

/** An event's words (button, history, form, payload labels) in the reader's language. */
export function eventWordsIn(type: ProposalEventType, t: Translate): ProposalEventWords {
  const keys = EVENT_KEYS[type];
  const textIn = (text: PayloadText) => ({ ...text, label: t(text.label) });
  return {
    ...keys,
    action: t(keys.action),
    history: t(keys.history),
    shared: keys.shared.map(textIn),
    internal: keys.internal.map(textIn),
    fields: keys.fields?.map((field) => fieldIn(field, t)) ?? null,
    ...(keys.workPage ? { workPage: { ...keys.workPage, label: t(keys.workPage.label) } } : {}),
  };
}

/** The event catalogue in English, the language of record: who sends what, and the English words. */
export const PROPOSAL_EVENTS = Object.fromEntries(
  (Object.keys(EVENT_KEYS) as ProposalEventType[]).map((type) => [type, eventWordsIn(type, inEnglish)]),
) as Record<ProposalEventType, ProposalEventWords>;

/** The first row of every history is no event of the machine: the draft's creation. */
export function draftStartedWordsIn(t: Translate): string {
  return t("proposalEvents.draftStarted");
}
