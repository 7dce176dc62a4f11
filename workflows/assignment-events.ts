/**
 * A review assignment's events and what each means: the facts it carries, who may send it, and
 * its words. A `Record` over every event type, so a new event fails to compile until its words
 * exist (as for proposals: proposal-events.ts).
 */
import type { Actor } from "./actors";
import { inEnglish } from "./in-english";
import type { Translate } from "./words";

export type AssignmentEvent =
  /** The reviewer has read who takes part and declares no conflict: the proposal opens to them. */
  | { type: "DECLARE_NO_CONFLICT"; actor: Actor }
  | { type: "DECLARE_CONFLICT"; actor: Actor; reason: string }
  | { type: "DECLINE"; actor: Actor; reason: string }
  /**
   * `reviewOpen`: whether the proposal's EU review still takes reviews. `missingParts`: the
   * criteria and answers still blank, in words; empty when the review is complete.
   */
  | { type: "SUBMIT_REVIEW"; actor: Actor; reviewOpen: boolean; missingParts: string[] }
  | { type: "REOPEN_REVIEW"; actor: Actor; reviewOpen: boolean }
  /** An administrator takes the assignment back (a conflict found later, a replacement). */
  | { type: "WITHDRAW_ASSIGNMENT"; actor: Actor; reason: string };

export type AssignmentEventType = AssignmentEvent["type"];

export type AssignmentSender = "assignedReviewer" | "administrator";

export interface AssignmentEventWords {
  /** The button, and the verb of a refusal: "Only the assigned reviewer may decline the assignment." */
  action: string;
  /** The history's sentence after who acted. */
  history: string;
  by: AssignmentSender;
  /** The payload text the history shows with the sentence, if any. */
  reason: boolean;
}

/** The catalogue keys of who may send an event (locales/<language>/rules.json, section `assignmentEvents`). */
const SENDER_KEYS: Record<AssignmentSender, string> = {
  assignedReviewer: "assignmentEvents.sender.assignedReviewer",
  administrator: "assignmentEvents.sender.administrator",
};

/** "the assigned reviewer", "administrators": who may send an event, in the reader's language. */
export function assignmentSenderIn(by: AssignmentSender, t: Translate): string {
  return t(SENDER_KEYS[by]);
}

export const ASSIGNMENT_SENDER_WORDS: Record<AssignmentSender, string> = {
  assignedReviewer: assignmentSenderIn("assignedReviewer", inEnglish),
  administrator: assignmentSenderIn("administrator", inEnglish),
};

/** Each event's words as catalogue keys, and the facts about it that are not words. */
const ASSIGNMENT_EVENT_KEYS: Record<AssignmentEventType, AssignmentEventWords> = {
  DECLARE_NO_CONFLICT: { action: "assignmentEvents.declareNoConflict.action", history: "assignmentEvents.declareNoConflict.history", by: "assignedReviewer", reason: false },
  DECLARE_CONFLICT: { action: "assignmentEvents.declareConflict.action", history: "assignmentEvents.declareConflict.history", by: "assignedReviewer", reason: true },
  DECLINE: { action: "assignmentEvents.decline.action", history: "assignmentEvents.decline.history", by: "assignedReviewer", reason: true },
  SUBMIT_REVIEW: { action: "assignmentEvents.submitReview.action", history: "assignmentEvents.submitReview.history", by: "assignedReviewer", reason: false },
  REOPEN_REVIEW: { action: "assignmentEvents.reopenReview.action", history: "assignmentEvents.reopenReview.history", by: "assignedReviewer", reason: false },
  WITHDRAW_ASSIGNMENT: { action: "assignmentEvents.withdraw.action", history: "assignmentEvents.withdraw.history", by: "administrator", reason: true },
};

/** An event's words in the reader's language. */
export function assignmentEventWordsIn(type: AssignmentEventType, t: Translate): AssignmentEventWords {
  const { action, history, ...facts } = ASSIGNMENT_EVENT_KEYS[type];
  return { ...facts, action: t(action), history: t(history) };
}

/** Every event's words in English, the language of record (the machine's refusals read them). */
export const ASSIGNMENT_EVENTS = Object.fromEntries(
  Object.keys(ASSIGNMENT_EVENT_KEYS).map((type) => [type, assignmentEventWordsIn(type as AssignmentEventType, inEnglish)]),
) as Record<AssignmentEventType, AssignmentEventWords>;

export function isAssignmentEventType(type: string): type is AssignmentEventType {
  return Object.hasOwn(ASSIGNMENT_EVENTS, type);
}
