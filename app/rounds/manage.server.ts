import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import { auditLog, roundEvents, rounds, users } from "../../db/schema";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { statesWithin } from "../../workflows/proposal-stages";
import { inEnglish } from "../../workflows/in-english";
import { supportKindLabel, themeLabel } from "../../workflows/vocabulary";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn, formatNumberIn } from "../../workflows/time";
import { isRoundEventType, roundEventWordsIn } from "../../workflows/round-events";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { proposalTalliesByRound } from "../tallies.server";
import { createRound, roundSettings } from "./workflow.server";
import { partLabelKey } from "../proposals/draft-parts";
import type { NewRoundInput } from "./round-schema";

// Rounds as the TAF team manages them: the list, one round with its history, and adding a
// round. Moving a round (open, close, reopen, archive) is a statechart event, applied by
// applyRoundCommand (app/rounds/workflow.server.ts), whose round_events are its record.

type Outcome<T = object> = ({ ok: true } & T) | { ok: false; fieldErrors?: Record<string, string[]>; formErrors?: string[] };

/**
 * A round's proposals counted, from the figures kept by writes (app/tallies.server.ts):
 * submitted ones have a reference, drafts do not yet.
 */
function countsOf(byRound: ReturnType<typeof proposalTalliesByRound>, roundId: number) {
  const round = byRound.get(roundId);
  const drafts = statesWithin("draft").reduce((n, state) => n + (round?.byState.get(state) ?? 0), 0);
  return { submitted: round?.submitted ?? 0, drafts };
}

/** Every round, newest opening first, with how many proposals it holds. */
export function listRounds() {
  const byRound = proposalTalliesByRound();
  return db()
    .select({ id: rounds.id, code: rounds.code, title: rounds.title, mode: rounds.mode, state: rounds.state, opensAt: rounds.opensAt, closesAt: rounds.closesAt })
    .from(rounds)
    .orderBy(desc(rounds.opensAt), desc(rounds.id))
    .all()
    .map((round) => ({ ...round, ...countsOf(byRound, round.id) }));
}

/** Whether there is such a round: a cheap check before acting on it. */
export function roundExists(roundId: number) {
  return db().select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)).get() !== undefined;
}

export function findRound(roundId: number) {
  const round = db()
    .select({
      id: rounds.id,
      code: rounds.code,
      title: rounds.title,
      description: rounds.description,
      mode: rounds.mode,
      state: rounds.state,
      snapshot: rounds.snapshot,
      machineVersion: rounds.machineVersion,
      version: rounds.version,
      opensAt: rounds.opensAt,
      closesAt: rounds.closesAt,
      settings: rounds.settings,
      createdAt: rounds.createdAt,
    })
    .from(rounds)
    .where(eq(rounds.id, roundId))
    .get();
  return round ? { ...round, ...countsOf(proposalTalliesByRound(), round.id), settings: roundSettings(round) } : null;
}

// The audited changes of a round's settings that its own history tells, as catalogue keys.
const EDIT_WORDS: Record<string, string> = {
  roundEdited: "roundHistory.edited",
  "round.eligibilityChanged": "roundHistory.eligibilityChanged",
  "round.reviewCriteriaChanged": "roundHistory.reviewCriteriaChanged",
};

// The edited fields as the edit page names them.
const FIELD_LABELS: Record<string, string> = {
  code: "roundForm.code",
  title: "roundForm.title",
  description: "roundHistory.field.description",
  guidance: "roundHistory.field.guidance",
  opensAt: "roundForm.opens",
  closesAt: "roundForm.closes",
  minimumReviews: "roundForm.minimumReviews",
  reviewDays: "roundForm.reviewDays",
  "limits.maxBudgetEur": "roundForm.maxBudget",
  "limits.maxDurationMonths": "roundForm.maxDuration",
  "limits.maxPartners": "roundForm.maxPartners",
  themes: "roundForm.themes",
  supportKinds: "roundForm.supportKinds",
};

type Words = { t: TFunction; language: PageLanguage };

function fieldLabel(field: string, { t }: Words) {
  const part = field.startsWith("limits.words.") ? PROPOSAL_PARTS.find((p) => `limits.words.${p.key}` === field) : undefined;
  if (part) return t("roundHistory.mostWordsOf", { part: t(partLabelKey(part.key)) });
  const key = FIELD_LABELS[field];
  return key ? t(key) : field;
}

function valueInWords(field: string, value: unknown, { t, language }: Words): string {
  if (value === null || value === undefined || value === "") return t("roundHistory.nothing");
  if ((field === "opensAt" || field === "closesAt") && typeof value === "string") return formatBrusselsIn(language, new Date(value));
  const labelOf = field === "themes" ? themeLabel : field === "supportKinds" ? supportKindLabel : null;
  if (labelOf && typeof value === "string") return value.split(",").map((id) => labelOf(id, inEnglish)).join(", ");
  return typeof value === "number" ? formatNumberIn(language, value) : t("roundHistory.quoted", { text: String(value) });
}

/** What an edit changed, one line per field, from the audit row's `changes`. */
function changedFields(detail: Record<string, unknown> | null, words: Words): string[] {
  const changes = (detail?.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
  return Object.entries(changes).map(([field, change]) => `${fieldLabel(field, words)}: ${valueInWords(field, change.from, words)} → ${valueInWords(field, change.to, words)}`);
}

/**
 * The round's history as sentences in the page's language, oldest first: its statechart events
 * (who did what, and why) and the edits of its settings from the audit log, so the round's page
 * tells all that changed.
 */
export function roundHistory(roundId: number, words: Words) {
  const { t, language } = words;
  const edits = db()
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, detail: auditLog.detail, actorName: users.name })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(eq(auditLog.subjectType, "round"), eq(auditLog.subjectId, String(roundId)), inArray(auditLog.action, Object.keys(EDIT_WORDS))))
    .all()
    .map((edit) => ({
      id: `edit-${edit.id}`,
      time: edit.at.getTime(),
      toState: null,
      at: formatBrusselsIn(language, edit.at),
      who: teamMember(edit.actorName, t),
      what: t(EDIT_WORDS[edit.action]!),
      reason: null,
      changes: edit.action === "roundEdited" ? changedFields(edit.detail, words) : [],
    }));
  return [...statechartHistory(roundId, words), ...edits].sort((a, b) => a.time - b.time).map(({ time: _time, ...entry }) => entry);
}

function teamMember(name: string | null, t: TFunction) {
  return t("roundHistory.teamMember", { name: name ?? t("roundHistory.someone") });
}

function statechartHistory(roundId: number, { t, language }: Words) {
  const entries = db()
    .select({
      id: roundEvents.id,
      at: roundEvents.at,
      type: roundEvents.type,
      payload: roundEvents.payload,
      actorRole: roundEvents.actorRole,
      actorName: users.name,
      toState: roundEvents.toState,
    })
    .from(roundEvents)
    .leftJoin(users, eq(users.id, roundEvents.actorUserId))
    .where(eq(roundEvents.roundId, roundId))
    .orderBy(roundEvents.id)
    .all();
  return entries.map((entry) => {
    const { reason, closesAt } = entry.payload as { reason?: string; closesAt?: string | null };
    const scheduled = entry.actorRole === "system";
    const what = historyWords(entry.type, scheduled, t);
    return {
      id: `event-${entry.id}`,
      time: entry.at.getTime(),
      toState: entry.toState as string | null,
      at: formatBrusselsIn(language, entry.at),
      who: scheduled ? t("roundHistory.portal") : teamMember(entry.actorName, t),
      what: entry.type === "REOPEN" && closesAt ? t("roundHistory.until", { what, time: formatBrusselsIn(language, new Date(closesAt)) }) : what,
      reason: entry.type === "REOPEN" || entry.type === "CANCEL" ? (reason ?? null) : null,
      changes: [] as string[],
    };
  });
}

/** What the round's history says was done; the scheduler acts only at the round's stored times. */
function historyWords(type: string, scheduled: boolean, t: TFunction) {
  if (!isRoundEventType(type)) return type;
  const words = roundEventWordsIn(type, t);
  return (scheduled ? words.scheduled : null) ?? words.history;
}

/** Adds a planned round and records who did it; a code already in use is a field error. */
export function addRound(actor: ActingPerson, input: NewRoundInput, t: TFunction, ip?: string): Outcome<{ roundId: number }> {
  return db().transaction<Outcome<{ roundId: number }>>(
    (tx) => {
      // Checked inside an immediate transaction, so no one can take the code before the insert;
      // and whatever its case, since the code is read in proposal references.
      const taken = tx.select({ title: rounds.title }).from(rounds).where(sql`upper(${rounds.code}) = ${input.code}`).get();
      if (taken) {
        return { ok: false, fieldErrors: { code: [t("roundForm.error.codeTaken", { code: input.code, title: taken.title })] } };
      }
      const { minimumReviews, reviewDays, limits, criteria, guidance, themes, supportKinds, ...round } = input;
      const settings = { minimumReviews, reviewDays, limits, criteria, guidance: guidance ?? "", themes, supportKinds };
      const created = createRound(tx, { ...round, closesAt: round.closesAt ?? null, settings });
      audit(
        {
          actorUserId: actor.id,
          action: "roundCreated",
          subjectType: "round",
          subjectId: created.id,
          detail: { code: created.code, mode: created.mode, opensAt: created.opensAt.toISOString(), closesAt: created.closesAt?.toISOString() ?? null, settings },
          ip,
        },
        tx,
      );
      return { ok: true, roundId: created.id };
    },
    { behavior: "immediate" },
  );
}
