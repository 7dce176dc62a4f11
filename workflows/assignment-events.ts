/**
 * A review assignment's events and what each means: the facts it carries, who may send it, and
 * its words. A `Record` over every event type, so a new event fails to compile until its words
 * exist (as for proposals: proposal-events.ts).
 */
import type { Actor } from "./actors";

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

export const ASSIGNMENT_SENDER_WORDS: Record<AssignmentSender, string> = {
  assignedReviewer: "the assigned reviewer",
  administrator: "administrators",
};

export const ASSIGNMENT_EVENTS: Record<AssignmentEventType, AssignmentEventWords> = {
  DECLARE_NO_CONFLICT: { action: "declare no conflict of interest", history: "declared no conflict of interest", by: "assignedReviewer", reason: false },
  DECLARE_CONFLICT: { action: "declare a conflict of interest", history: "declared a conflict of interest", by: "assignedReviewer", reason: true },
  DECLINE: { action: "decline the assignment", history: "declined the assignment", by: "assignedReviewer", reason: true },
  SUBMIT_REVIEW: { action: "submit the review", history: "submitted the review", by: "assignedReviewer", reason: false },
  REOPEN_REVIEW: { action: "reopen the review to edit it", history: "reopened the review to edit it", by: "assignedReviewer", reason: false },
  WITHDRAW_ASSIGNMENT: { action: "withdraw the assignment", history: "withdrew the assignment", by: "administrator", reason: true },
};

export function isAssignmentEventType(type: string): type is AssignmentEventType {
  return Object.hasOwn(ASSIGNMENT_EVENTS, type);
}
