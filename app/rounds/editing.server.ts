import { and, count, eq, isNotNull, min, ne, sql } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "../../db/client";
import { proposalPartners, proposals, reviewAssignments, reviews, rounds } from "../../db/schema";
import { restoreRound, roundStateLabel } from "../../workflows/round.machine";
import type { PageLanguage } from "../../workflows/languages";
import { intlLocale } from "../../workflows/languages";
import { formatBrusselsIn, formatEurosIn, formatNumberIn } from "../../workflows/time";
import { inEnglish } from "../../workflows/in-english";
import { supportKindLabel, themeLabel } from "../../workflows/vocabulary";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { proposalDocuments } from "../proposals/documents.server";
import type { RoundLimits, WordLimitedPart } from "../proposals/content-schema";
import { countWords, partLabelKey } from "../proposals/draft-parts";
import type { EditRoundInput } from "./round-schema";
import { roundSettings, roundSettingsSchema } from "./workflow.server";

// Editing a round after it was added. Applicants plan against what a round published, and a
// submitted proposal was judged against it, so what may change narrows as the round goes on:
// the code once references begin with it, the opening time once the round opened, the closing
// time once it closed (reopening is the statechart's REOPEN) and never earlier once anyone
// submitted, no limit or offer below what a submitted proposal holds, and the review settings
// once a reviewer has submitted a review (as the review criteria). The page shows each
// reason beside its field; `editRound` checks them again in the transaction that writes. The
// reasons are sentences in the page's language (`words`).

type RoundRow = typeof rounds.$inferSelect;

/** The page's translator and language, for the reasons and refusals. */
export type EditWords = { t: TFunction; language: PageLanguage };

/** A limit's lowest allowed value, and why. */
export type Floor = { value: number; why: string };

export type EditBounds = {
  /** Why the round cannot be edited at all (a final state), or null. */
  closed: string | null;
  /** Why each field is fixed now, or null when it may change. */
  fixed: { code: string | null; opensAt: string | null; closesAt: string | null; review: string | null };
  /** The closing time may only move later than this, once anyone submitted. */
  earliestClose: { at: Date; why: string } | null;
  floors: { maxBudgetEur: Floor | null; maxDurationMonths: Floor | null; maxPartners: Floor | null; words: Partial<Record<WordLimitedPart, Floor>> };
  /** Themes and kinds of support a submitted proposal chose, with why they stay offered. */
  inUse: { themes: Record<string, string>; supportKinds: Record<string, string> };
};

const WORD_PARTS: WordLimitedPart[] = ["summary", "problem", "objectives", "activities", "expectedResults"];

/** What may change in this round now, read from the round and its submitted proposals in one query. */
export function editBounds(tx: Tx, round: RoundRow, { t, language }: EditWords): EditBounds {
  const snapshot = restoreRound(round.snapshot, round.machineVersion);
  const submitted = tx
    .select({ reference: proposals.reference, content: proposals.content, partners: count(proposalPartners.id) })
    .from(proposals)
    .leftJoin(proposalPartners, and(eq(proposalPartners.proposalId, proposals.id), ne(proposalPartners.status, "declined")))
    .where(and(eq(proposals.roundId, round.id), isNotNull(proposals.reference)))
    .groupBy(proposals.id)
    .orderBy(proposals.reference)
    .all();
  const first = submitted[0]?.reference ?? null;
  const floors: EditBounds["floors"] = { maxBudgetEur: null, maxDurationMonths: null, maxPartners: null, words: {} };
  const inUse: EditBounds["inUse"] = { themes: {}, supportKinds: {} };
  function raise(current: Floor | null | undefined, value: number | undefined, why: (value: number, reference: string) => string, reference: string): Floor | null {
    if (value === undefined || value === 0 || (current && current.value >= value)) return current ?? null;
    return { value, why: why(value, reference) };
  }
  for (const proposal of submitted) {
    const reference = proposal.reference ?? "";
    const { answers } = proposalDocuments(proposal.content);
    floors.maxBudgetEur = raise(floors.maxBudgetEur, answers.budgetEur, (v, r) => t("roundEdit.floor.budget", { reference: r, amount: formatEurosIn(language, v) }), reference);
    floors.maxDurationMonths = raise(floors.maxDurationMonths, answers.durationMonths, (v, r) => t("roundEdit.floor.duration", { reference: r, count: v }), reference);
    floors.maxPartners = raise(floors.maxPartners, proposal.partners, (v, r) => t("roundEdit.floor.partners", { reference: r, count: v }), reference);
    for (const part of WORD_PARTS) {
      const floor = raise(floors.words[part], countWords(answers[part]), (v, r) => t("roundEdit.floor.words", { reference: r, part: t(partLabelKey(part)), count: v }), reference);
      if (floor) floors.words[part] = floor;
    }
    for (const theme of answers.themes ?? []) inUse.themes[theme] ??= t("roundEdit.chosen", { reference });
    for (const kind of answers.supportKinds ?? []) inUse.supportKinds[kind] ??= t("roundEdit.chosen", { reference });
  }
  const state = round.state;
  const label = roundStateLabel(snapshot, t).toLocaleLowerCase(intlLocale(language));
  const reviewed = tx
    .select({ n: count(), first: min(reviews.submittedAt) })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId))
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(eq(proposals.roundId, round.id), isNotNull(reviews.submittedAt)))
    .get();
  return {
    closed: snapshot.status === "done" ? t("roundEdit.closed", { state: label }) : null,
    fixed: {
      code: first ? t("roundEdit.fixed.code", { reference: first }) : null,
      opensAt: state === "planned" ? null : t("roundEdit.fixed.opensAt"),
      closesAt: round.mode === "rolling" || state === "planned" || state === "open" ? null : t("roundEdit.fixed.closesAt"),
      // Reviewers were given their time, and decisions wait for the number of reviews, from the first review on.
      review: reviewed?.n
        ? reviewed.first
          ? t("roundEdit.fixed.reviewSince", { count: reviewed.n, first: formatBrusselsIn(language, reviewed.first) })
          : t("roundEdit.fixed.review", { count: reviewed.n })
        : null,
    },
    earliestClose:
      first && round.closesAt
        ? { at: round.closesAt, why: t("roundEdit.earliestClose", { closes: formatBrusselsIn(language, round.closesAt) }) }
        : null,
    floors,
    inUse,
  };
}

/** The edit form's starting values and what may change, for the edit page. */
export function roundForEditing(roundId: number, words: EditWords) {
  const round = db().select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  return { round, settings: roundSettings(round), bounds: editBounds(db(), round, words) };
}

type EditOutcome = { ok: true; changed: string[] } | { ok: false; fieldErrors?: Record<string, string[]>; formErrors?: string[] };

const CONFLICT: EditOutcome = { ok: false, formErrors: ["roundEdit.error.conflict"] };

/**
 * Stores an edited round if every change is still allowed, and records what changed. A field
 * the page showed as fixed may arrive unchanged (or not at all); changed, it is refused with
 * the page's reason.
 */
export function editRound(actor: ActingPerson, roundId: number, input: EditRoundInput, words: EditWords, ip?: string): EditOutcome {
  const { t, language } = words;
  return db().transaction<EditOutcome>(
    (tx) => {
      const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
      if (!round) return { ok: false, formErrors: ["roundEdit.error.noSuchRound"] };
      if (input.version !== round.version) return CONFLICT;
      const bounds = editBounds(tx, round, words);
      if (bounds.closed) return { ok: false, formErrors: [bounds.closed] };
      const errors: Record<string, string[]> = {};
      const refuse = (field: string, message: string) => (errors[field] ??= []).push(message);

      const code = input.code ?? round.code;
      if (code !== round.code) {
        if (bounds.fixed.code) refuse("code", t("roundEdit.error.code", { why: bounds.fixed.code }));
        const taken = tx
          .select({ title: rounds.title })
          .from(rounds)
          .where(and(sql`upper(${rounds.code}) = ${code}`, ne(rounds.id, round.id)))
          .get();
        if (taken) refuse("code", t("roundForm.error.codeTaken", { code, title: taken.title }));
      }
      const opensAt = input.opensAt ?? round.opensAt;
      if (opensAt.getTime() !== round.opensAt.getTime() && bounds.fixed.opensAt) refuse("opensAt", t("roundEdit.error.opensAt", { why: bounds.fixed.opensAt }));
      const closesAt = round.mode === "rolling" ? null : (input.closesAt ?? (bounds.fixed.closesAt ? round.closesAt : null));
      if (round.mode === "deadline") {
        if (closesAt === null) refuse("closesAt", t("roundForm.error.deadlineNeedsClose"));
        else if (closesAt.getTime() !== round.closesAt?.getTime()) {
          if (bounds.fixed.closesAt) refuse("closesAt", t("roundEdit.error.closesAt", { why: bounds.fixed.closesAt }));
          else if (bounds.earliestClose && closesAt < bounds.earliestClose.at) refuse("closesAt", t("roundEdit.error.closesEarlier", { why: bounds.earliestClose.why }));
          else if (closesAt <= opensAt) refuse("closesAt", t("roundForm.error.closeAfterOpen"));
        }
      }
      const before = roundSettings(round);
      if (bounds.fixed.review) {
        if (input.minimumReviews !== before.minimumReviews) refuse("minimumReviews", t("roundEdit.error.minimumReviews", { why: bounds.fixed.review }));
        if (input.reviewDays !== before.reviewDays) refuse("reviewDays", t("roundEdit.error.reviewDays", { why: bounds.fixed.review }));
      }
      const limits = input.limits;
      const below = (field: string, value: number, floor: Floor | null | undefined) => {
        if (floor && value < floor.value) refuse(field, t("roundEdit.error.atLeast", { value: formatNumberIn(language, floor.value), why: floor.why }));
      };
      below("limits.maxBudgetEur", limits.maxBudgetEur, bounds.floors.maxBudgetEur);
      below("limits.maxDurationMonths", limits.maxDurationMonths, bounds.floors.maxDurationMonths);
      below("limits.maxPartners", limits.maxPartners, bounds.floors.maxPartners);
      for (const part of WORD_PARTS) below(`limits.words.${part}`, limits.words[part], bounds.floors.words[part]);
      for (const [theme, why] of Object.entries(bounds.inUse.themes)) {
        if (!input.themes.includes(theme)) refuse("themes", t("roundEdit.error.withdrawn", { offer: themeLabel(theme, inEnglish), why }));
      }
      for (const [kind, why] of Object.entries(bounds.inUse.supportKinds)) {
        if (!input.supportKinds.includes(kind)) refuse("supportKinds", t("roundEdit.error.withdrawn", { offer: supportKindLabel(kind, inEnglish), why }));
      }
      if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };

      const settings = roundSettingsSchema.parse({
        ...before,
        minimumReviews: input.minimumReviews,
        reviewDays: input.reviewDays,
        limits: input.limits satisfies RoundLimits,
        guidance: input.guidance ?? "",
        themes: input.themes,
        supportKinds: input.supportKinds,
      });
      const next = { code, title: input.title, description: input.description ?? "", opensAt, closesAt };
      const changes = changesBetween({ ...roundFacts(round), ...flatSettings(before) }, { ...roundFacts(next), ...flatSettings(settings) });
      const changed = Object.keys(changes);
      if (changed.length === 0) return { ok: true, changed };
      const written = tx
        .update(rounds)
        .set({ ...next, settings, version: round.version + 1 })
        .where(and(eq(rounds.id, round.id), eq(rounds.version, round.version)))
        .run();
      if (written.changes !== 1) return CONFLICT;
      audit({ actorUserId: actor.id, action: "roundEdited", subjectType: "round", subjectId: round.id, detail: { code, changes }, ip }, tx);
      return { ok: true, changed };
    },
    { behavior: "immediate" },
  );
}

function roundFacts(round: Pick<RoundRow, "code" | "title" | "description" | "opensAt" | "closesAt">) {
  return { code: round.code, title: round.title, description: round.description, opensAt: round.opensAt.toISOString(), closesAt: round.closesAt?.toISOString() ?? null };
}

function flatSettings(settings: ReturnType<typeof roundSettings>) {
  const { words, ...limits } = settings.limits;
  return {
    guidance: settings.guidance,
    minimumReviews: settings.minimumReviews,
    reviewDays: settings.reviewDays,
    ...Object.fromEntries(Object.entries(limits).map(([key, value]) => [`limits.${key}`, value])),
    ...Object.fromEntries(Object.entries(words).map(([key, value]) => [`limits.words.${key}`, value])),
    themes: [...settings.themes].sort().join(","),
    supportKinds: [...settings.supportKinds].sort().join(","),
  };
}

/** Each field whose value differs, with its old and new value, for the audit log. */
function changesBetween(before: Record<string, unknown>, after: Record<string, unknown>) {
  return Object.fromEntries(Object.keys(after).flatMap((key) => (before[key] === after[key] ? [] : [[key, { from: before[key], to: after[key] }]])));
}
