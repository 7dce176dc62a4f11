import type { PageLanguage } from "../../workflows/languages";
import { messageIn } from "../../workflows/machine-kit";
import type { Translate } from "../../workflows/words";
import { DEFAULT_REVIEW_CRITERIA, inEnglish } from "../../workflows/in-english";
import type { Tx } from "../../db/client";
import { and, eq } from "drizzle-orm";
import type { RoundMode } from "../../db/schema";
import { roundEvents, rounds } from "../../db/schema";
import type { Actor } from "../../workflows/actors";
import type { DraftRules } from "../proposals/content-schema";
import type { RoundSettings } from "./round-schema";
import { roundSettingsBaseSchema } from "./round-schema";
import type { RoundEvent } from "../../workflows/round.machine";
import {
  initialRoundSnapshot,
  persistRound,
  restoreRound,
  ROUND_MACHINE_VERSION,
  roundStatePath,
  stepRound,
} from "../../workflows/round.machine";
import { db } from "../db.server";
import { tellLeadsOfOpenDrafts } from "./closing.server";

/** A round's settings as stored, a round without review criteria of its own scoring the Guide's, in English as rounds store them. */
export const roundSettingsSchema = roundSettingsBaseSchema.extend({
  reviewCriteria: roundSettingsBaseSchema.shape.reviewCriteria.default(() =>
    DEFAULT_REVIEW_CRITERIA.map((criterion) => ({ ...criterion, scaleLabels: [...criterion.scaleLabels] as [string, string, string, string, string] })),
  ),
});

/**
 * A round's stored settings, with the defaults for anything missing. A setting that is there
 * but cannot be read is an error naming the round: the settings feed the statechart's guards
 * (how many reviews a decision needs) and the proposals' limits, and a silent default would
 * change a round's rules without anyone deciding it.
 */
export function roundSettings(round: { code: string; settings: unknown }): RoundSettings {
  const parsed = roundSettingsSchema.safeParse(round.settings);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => [issue.path.join("."), issue.message].filter(Boolean).join(" "));
  throw new Error(`Round ${round.code}: settings cannot be read: ${problems.join("; ")}`);
}

/**
 * What a round asks of a draft beyond its limits: its offer of themes and kinds of support, and
 * an intended start from the day of `now` on (in UTC: at most a few hours behind the region's day).
 */
export function draftRulesOfRound(round: { code: string; settings: unknown }, now = new Date()): Required<DraftRules> {
  const settings = roundSettings(round);
  return { offer: { themes: settings.themes, supportKinds: settings.supportKinds }, earliestStart: now.toISOString().slice(0, 10) };
}

export type NewRound = { code: string; title: string; description?: string; mode: RoundMode; opensAt: Date; closesAt: Date | null; settings?: Partial<RoundSettings> };

/** Adds a planned round; the scheduler opens it at `opensAt`. */
export function createRound(tx: Tx, round: NewRound) {
  const snapshot = initialRoundSnapshot({ mode: round.mode });
  return tx
    .insert(rounds)
    .values({
      code: round.code,
      title: round.title,
      description: round.description ?? "",
      mode: round.mode,
      opensAt: round.opensAt,
      closesAt: round.mode === "rolling" ? null : round.closesAt,
      settings: roundSettingsSchema.parse(round.settings ?? {}),
      state: roundStatePath(snapshot),
      snapshot: persistRound(snapshot),
      machineVersion: ROUND_MACHINE_VERSION,
    })
    .returning()
    .get();
}

export type RoundCommand =
  | { type: "OPEN" }
  | { type: "CLOSE" }
  | { type: "REOPEN"; closesAt: Date | null; reason: string }
  | { type: "ARCHIVE" }
  | { type: "CANCEL"; reason: string };

export type RoundOutcome = { ok: true; state: string; version: number } | { ok: false; problem: "notFound" | "conflict" | "refused"; message: string };

/**
 * Moves a round by one event, in the caller's transaction when given: the round's row, its
 * history row, and nothing else. `expectedVersion` guards against a lost update.
 */
export function applyRoundCommand(
  input: {
    roundId: number;
    expectedVersion?: number;
    actor: Actor;
    command: RoundCommand;
    now?: Date;
    /** The page's translator and language, for the statechart's refusal; English without. */
    words?: { t: Translate; language: PageLanguage };
  },
  outer?: Tx,
): RoundOutcome {
  return outer ? applyIn(outer, input) : db().transaction((tx) => applyIn(tx, input), { behavior: "immediate" });
}

/** A refusal that is not the statechart's, in the page's words (English without). */
function outcome(problem: "notFound" | "conflict", key: string, words: { t: Translate } | undefined): RoundOutcome {
  return { ok: false, problem, message: (words?.t ?? inEnglish)(key) };
}

function applyIn(tx: Tx, input: Parameters<typeof applyRoundCommand>[0]): RoundOutcome {
  const now = input.now ?? new Date();
  const round = tx.select().from(rounds).where(eq(rounds.id, input.roundId)).get();
  if (!round) return outcome("notFound", "roundCommands.notFound", input.words);
  if (input.expectedVersion !== undefined && input.expectedVersion !== round.version) return outcome("conflict", "roundCommands.conflict", input.words);
  const event = roundEvent(round, input.command, input.actor, now);
  const step = stepRound(restoreRound(round.snapshot, round.machineVersion), event);
  if (!step.accepted) return { ok: false, problem: "refused", message: input.words ? messageIn(step.refusal, input.words.t, input.words.language) : step.reason };
  const state = roundStatePath(step.snapshot);
  const version = round.version + 1;
  const { actor, ...payload } = event;
  const written = tx
    .update(rounds)
    .set({
      state,
      snapshot: persistRound(step.snapshot),
      version,
      // Opening early or reopening moves the window, so submissions are judged against it.
      ...(event.type === "OPEN" && now < round.opensAt ? { opensAt: now } : {}),
      ...(event.type === "REOPEN" ? { closesAt: input.command.type === "REOPEN" ? input.command.closesAt : null } : {}),
    })
    .where(and(eq(rounds.id, round.id), eq(rounds.version, round.version)))
    .run();
  // In its own immediate transaction no one can write in between; in a caller's transaction
  // someone may have. Nothing is written before this point, so there is nothing to undo.
  if (written.changes !== 1) return outcome("conflict", "roundCommands.conflict", input.words);
  if (event.type === "CLOSE") tellLeadsOfOpenDrafts(tx, round, { version, at: now });
  tx.insert(roundEvents)
    .values({
      roundId: round.id,
      at: now,
      actorUserId: actor.role === "system" ? null : actor.userId,
      actorRole: actor.role,
      type: event.type,
      payload: payload as Record<string, unknown>,
      fromState: round.state,
      toState: state,
      version,
      machineVersion: ROUND_MACHINE_VERSION,
    })
    .run();
  return { ok: true, state, version };
}

function roundEvent(round: typeof rounds.$inferSelect, command: RoundCommand, actor: Actor, now: Date): RoundEvent {
  const iso = now.toISOString();
  switch (command.type) {
    case "OPEN":
      return { type: "OPEN", actor, now: iso, opensAt: round.opensAt.toISOString() };
    case "CLOSE":
      return { type: "CLOSE", actor, now: iso, closesAt: round.closesAt?.toISOString() ?? null };
    case "REOPEN":
      return { type: "REOPEN", actor, now: iso, closesAt: command.closesAt?.toISOString() ?? null, reason: command.reason };
    case "ARCHIVE":
      return { type: "ARCHIVE", actor };
    case "CANCEL":
      return { type: "CANCEL", actor, reason: command.reason };
  }
}
