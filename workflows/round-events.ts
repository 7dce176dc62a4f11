/**
 * The round's events and what each means: the facts it carries, who may send it and its words.
 * A `Record` over every event type, so a new event fails to compile until its words exist.
 */
import type { Actor } from "./actors";
import type { Instant } from "./eligibility";
import { inEnglish } from "./in-english";
import type { Translate } from "./words";

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

/** The catalogue keys of each event's words (locales/<language>/rules.json, section `roundEvents`). */
const ROUND_EVENT_KEYS: Record<RoundEventType, RoundEventWords> = {
  OPEN: { action: "roundEvents.open.action", history: "roundEvents.open.history", scheduled: "roundEvents.open.scheduled" },
  CLOSE: { action: "roundEvents.close.action", history: "roundEvents.close.history", scheduled: "roundEvents.close.scheduled" },
  REOPEN: { action: "roundEvents.reopen.action", history: "roundEvents.reopen.history", scheduled: null },
  ARCHIVE: { action: "roundEvents.archive.action", history: "roundEvents.archive.history", scheduled: null },
  CANCEL: { action: "roundEvents.cancel.action", history: "roundEvents.cancel.history", scheduled: null },
};

/** The catalogue key of an event's button words. */
export function roundActionKeyOf(type: RoundEventType): string {
  return ROUND_EVENT_KEYS[type].action;
}

/** An event's words in the reader's language. */
export function roundEventWordsIn(type: RoundEventType, t: Translate): RoundEventWords {
  const keys = ROUND_EVENT_KEYS[type];
  return { action: t(keys.action), history: t(keys.history), scheduled: keys.scheduled === null ? null : t(keys.scheduled) };
}

/** Every event's words in English, the language of record (the machine's refusals read them). */
export const ROUND_EVENTS = Object.fromEntries(
  Object.keys(ROUND_EVENT_KEYS).map((type) => [type, roundEventWordsIn(type as RoundEventType, inEnglish)]),
) as Record<RoundEventType, RoundEventWords>;

export function isRoundEventType(type: string): type is RoundEventType {
  return Object.hasOwn(ROUND_EVENTS, type);
}
