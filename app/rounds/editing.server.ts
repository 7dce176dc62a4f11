import { and, count, eq, isNotNull, min, ne, sql } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { proposalPartners, proposals, reviewAssignments, reviews, rounds } from "../../db/schema";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { restoreRound, roundStateLabel } from "../../workflows/round.machine";
import { formatBrussels } from "../../workflows/time";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { proposalDocuments } from "../proposals/documents.server";
import type { RoundLimits, WordLimitedPart } from "../proposals/content-schema";
import { countWords, euros } from "../proposals/content-schema";
import type { EditRoundInput } from "./round-schema";
import { roundSettingsSchema } from "./round-schema";
import { roundSettings } from "./workflow.server";

// Editing a round after it was added. Applicants plan against what a round published, and a
// submitted proposal was judged against it, so what may change narrows as the round goes on:
// the code once references begin with it, the opening time once the round opened, the closing
// time once it closed (reopening is the statechart's REOPEN) and never earlier once anyone
// submitted, no limit or offer below what a submitted proposal holds, and the review settings
// once a reviewer has submitted a review (as the review criteria). The page shows each
// reason beside its field; `editRound` checks them again in the transaction that writes.

type RoundRow = typeof rounds.$inferSelect;

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
const partLabel = (part: string) => PROPOSAL_PARTS.find((p) => p.key === part)?.label ?? part;

/** What may change in this round now, read from the round and its submitted proposals in one query. */
export function editBounds(tx: Tx, round: RoundRow): EditBounds {
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
    floors.maxBudgetEur = raise(floors.maxBudgetEur, answers.budgetEur, (v, r) => `${r} asks for ${euros(v)}, so the largest budget cannot be lower.`, reference);
    floors.maxDurationMonths = raise(floors.maxDurationMonths, answers.durationMonths, (v, r) => `${r} runs for ${v} months, so the longest duration cannot be shorter.`, reference);
    floors.maxPartners = raise(floors.maxPartners, proposal.partners, (v, r) => `${r} has ${v} ${v === 1 ? "partner" : "partners"}, so the limit cannot be lower.`, reference);
    for (const part of WORD_PARTS) {
      const floor = raise(floors.words[part], countWords(answers[part]), (v, r) => `${r}'s “${partLabel(part)}” has ${v} words, so the limit cannot be lower.`, reference);
      if (floor) floors.words[part] = floor;
    }
    for (const theme of answers.themes ?? []) inUse.themes[theme] ??= `${reference} chose it, so it stays offered.`;
    for (const kind of answers.supportKinds ?? []) inUse.supportKinds[kind] ??= `${reference} chose it, so it stays offered.`;
  }
  const state = round.state;
  const label = roundStateLabel(snapshot).toLowerCase();
  const reviewed = tx
    .select({ n: count(), first: min(reviews.submittedAt) })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId))
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(eq(proposals.roundId, round.id), isNotNull(reviews.submittedAt)))
    .get();
  return {
    closed: snapshot.status === "done" ? `The round is ${label}: it can no longer be changed.` : null,
    fixed: {
      code: first ? `Fixed: it begins the references already given, such as ${first}.` : null,
      opensAt: state === "planned" ? null : "Fixed: the round has opened, so its opening time is part of its history.",
      closesAt: round.mode === "rolling" || state === "planned" || state === "open" ? null : "Fixed: the round is closed. To take proposals again, reopen it from its page with a new closing time.",
      // Reviewers were given their time, and decisions wait for the number of reviews, from the first review on.
      review: reviewed?.n
        ? `Fixed: ${reviewed.n === 1 ? "1 review of this round is" : `${reviewed.n} reviews of this round are`} submitted${reviewed.first ? `, the first on ${formatBrussels(reviewed.first)}` : ""}. Reviewers were given their time to score and proposals are decided on this number of reviews, so changing them now would treat the round's proposals differently.`
        : null,
    },
    earliestClose:
      first && round.closesAt
        ? { at: round.closesAt, why: `Proposals were submitted against ${formatBrussels(round.closesAt)}, so the round may close later, never earlier.` }
        : null,
    floors,
    inUse,
  };
}

/** The edit form's starting values and what may change, for the edit page. */
export function roundForEditing(roundId: number) {
  const round = db().select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  return { round, settings: roundSettings(round), bounds: editBounds(db(), round) };
}

type EditOutcome = { ok: true; changed: string[] } | { ok: false; fieldErrors?: Record<string, string[]>; formErrors?: string[] };

const CONFLICT: EditOutcome = { ok: false, formErrors: ["Someone else changed this round meanwhile. Reload the page and try again."] };

/**
 * Stores an edited round if every change is still allowed, and records what changed. A field
 * the page showed as fixed may arrive unchanged (or not at all); changed, it is refused with
 * the page's reason.
 */
export function editRound(actor: ActingPerson, roundId: number, input: EditRoundInput, ip?: string): EditOutcome {
  return db().transaction<EditOutcome>(
    (tx) => {
      const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
      if (!round) return { ok: false, formErrors: ["There is no such round."] };
      if (input.version !== round.version) return CONFLICT;
      const bounds = editBounds(tx, round);
      if (bounds.closed) return { ok: false, formErrors: [bounds.closed] };
      const errors: Record<string, string[]> = {};
      const refuse = (field: string, message: string) => (errors[field] ??= []).push(message);

      const code = input.code ?? round.code;
      if (code !== round.code) {
        if (bounds.fixed.code) refuse("code", `The code cannot change. ${bounds.fixed.code}`);
        const taken = tx
          .select({ title: rounds.title })
          .from(rounds)
          .where(and(sql`upper(${rounds.code}) = ${code}`, ne(rounds.id, round.id)))
          .get();
        if (taken) refuse("code", `The code ${code} is already used by “${taken.title}”. Choose another code.`);
      }
      const opensAt = input.opensAt ?? round.opensAt;
      if (opensAt.getTime() !== round.opensAt.getTime() && bounds.fixed.opensAt) refuse("opensAt", `The opening time cannot change. ${bounds.fixed.opensAt}`);
      const closesAt = round.mode === "rolling" ? null : (input.closesAt ?? (bounds.fixed.closesAt ? round.closesAt : null));
      if (round.mode === "deadline") {
        if (closesAt === null) refuse("closesAt", "A deadline round needs a closing date and time.");
        else if (closesAt.getTime() !== round.closesAt?.getTime()) {
          if (bounds.fixed.closesAt) refuse("closesAt", `The closing time cannot change. ${bounds.fixed.closesAt}`);
          else if (bounds.earliestClose && closesAt < bounds.earliestClose.at) refuse("closesAt", `The closing time cannot be earlier. ${bounds.earliestClose.why}`);
          else if (closesAt <= opensAt) refuse("closesAt", "The round must close after it opens.");
        }
      }
      const before = roundSettings(round);
      if (bounds.fixed.review) {
        if (input.minimumReviews !== before.minimumReviews) refuse("minimumReviews", `The reviews needed cannot change. ${bounds.fixed.review}`);
        if (input.reviewDays !== before.reviewDays) refuse("reviewDays", `The days to score cannot change. ${bounds.fixed.review}`);
      }
      const limits = input.limits;
      const below = (field: string, value: number, floor: Floor | null | undefined) => {
        if (floor && value < floor.value) refuse(field, `Enter at least ${floor.value.toLocaleString("en-GB")}. ${floor.why}`);
      };
      below("limits.maxBudgetEur", limits.maxBudgetEur, bounds.floors.maxBudgetEur);
      below("limits.maxDurationMonths", limits.maxDurationMonths, bounds.floors.maxDurationMonths);
      below("limits.maxPartners", limits.maxPartners, bounds.floors.maxPartners);
      for (const part of WORD_PARTS) below(`limits.words.${part}`, limits.words[part], bounds.floors.words[part]);
      for (const [theme, why] of Object.entries(bounds.inUse.themes)) {
        if (!input.themes.includes(theme)) refuse("themes", `“${THEMES.find((t) => t.id === theme)?.label ?? theme}” cannot be withdrawn: ${why}`);
      }
      for (const [kind, why] of Object.entries(bounds.inUse.supportKinds)) {
        if (!input.supportKinds.includes(kind)) refuse("supportKinds", `“${SUPPORT_KINDS.find((k) => k.id === kind)?.label ?? kind}” cannot be withdrawn: ${why}`);
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
