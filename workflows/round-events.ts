/**
 * The round's events and what each means: the facts it carries, who may send it and its words.
 * A `Record` over every event type, so a new event fails to compile until its words exist.
 */
import type { Actor } from "./actors";
import type { Instant } from "./eligibility";

export type RoundEvent =
  /** `opensAt` is the round's stored opening time: the scheduler may open it from then on. */
  | { type: "OPEN"; actor: Actor; now: Instant; opensAt: Instant }
  /** `closesAt` is the round's stored closing time, null for a rolling round. */
  | { type: "CLOSE"; actor: Actor; now: Instant; closesAt: Instant | null }
  /** `closesAt` is the new closing time: later than now for a deadline round, null for a rolling one. */
  | { type: "REOPEN"; actor: Actor; now: Instant; closesAt: Instant | null; reason: string }
  | { type: "ARCHIVE"; actor: Actor }
  /** Only a planned round: no one has applied to it yet. */
  | { type: "CANCEL"; actor: Actor; reason: string };

export type RoundEventType = RoundEvent["type"];

export interface RoundEventWords {
  /** The button, and the verb of a refusal: "Only administrators may archive the round." */
  action: string;
  /** The history's sentence after the administrator's name. */
  history: string;
  /**
   * The history's sentence when the portal's scheduler sent it, at the round's stored time;
   * null when only administrators send it. Everything else is by hand.
   */
  scheduled: string | null;
}

export const ROUND_EVENTS: Record<RoundEventType, RoundEventWords> = {
  OPEN: { action: "open the round", history: "opened the round", scheduled: "opened the round at its opening time" },
  CLOSE: { action: "close the round", history: "closed the round", scheduled: "closed the round at its closing time" },
  REOPEN: { action: "reopen the round", history: "reopened the round", scheduled: null },
  ARCHIVE: { action: "archive the round", history: "archived the round", scheduled: null },
  CANCEL: { action: "cancel the round", history: "cancelled the round", scheduled: null },
};

export function isRoundEventType(type: string): type is RoundEventType {
  return Object.hasOwn(ROUND_EVENTS, type);
}
