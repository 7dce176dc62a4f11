import { and, count, eq, isNotNull, max, min } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "../../db/client";
import { proposals, roundEvents, rounds } from "../../db/schema";
import type { CriterionId, CriterionWording, RoundEligibility } from "../../workflows/eligibility";
import { defaultWording, ELIGIBILITY_CRITERIA, graceEndsAt, publishedCriteria } from "../../workflows/eligibility";
import type { RoundFacts } from "../../workflows/proposal-events";
import type { PageLanguage } from "../../workflows/languages";
import type { Translate } from "../../workflows/words";
import { inEnglish } from "../../workflows/in-english";
import { formatBrusselsIn } from "../../workflows/time";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import type { EligibilityFormInput } from "./eligibility-schema";
import { roundSettings, roundSettingsSchema } from "./workflow.server";

// A round's eligibility rules as the TAF team sets them: which of the Guide's five criteria
// apply, in whose words, how many countries make a proposal joint, and a grace period after the
// deadline. Stored in the round's settings, guarded by the round's version. Once a proposal is
// submitted the rules it was judged by stay (only their wording may be clarified), and once the
// deadline has passed the grace period stays, since changing it then would take or refuse
// submissions after the fact.

type RoundRow = typeof rounds.$inferSelect;

/** The round's eligibility rules, read from its settings (an unreadable setting is an error naming the round). */
export function roundEligibility(round: { code: string; settings: unknown }): RoundEligibility {
  const settings = roundSettings(round);
  return { criteria: settings.criteria, wording: settings.criterionWording, minimumCountries: settings.minimumCountries, graceHours: settings.graceHours };
}

/** The criteria a round applies, in its words (the Guide's in the reader's language): what the applicants read before they submit. */
export function roundCriteria(round: { code: string; settings: unknown }, t: Translate) {
  return publishedCriteria(roundEligibility(round), t);
}

/** When a closed round was last closed (by the scheduler or by hand); null while it is not closed. */
export function closedAtOf(round: Pick<RoundRow, "id" | "state">, tx: Tx = db()): string | null {
  if (round.state !== "closed") return null;
  const closed = tx
    .select({ at: max(roundEvents.at) })
    .from(roundEvents)
    .where(and(eq(roundEvents.roundId, round.id), eq(roundEvents.type, "CLOSE")))
    .get();
  return closed?.at ? new Date(closed.at).toISOString() : null;
}

/** What the SUBMIT rule knows of the round: its state, window, when it closed, eligibility rules and most partners. */
export function submissionRoundFacts(round: RoundRow, tx: Tx = db()): RoundFacts {
  const rules = roundEligibility(round);
  return {
    maxPartners: roundSettings(round).limits.maxPartners,
    mode: round.mode,
    state: round.state,
    opensAt: round.opensAt.toISOString(),
    closesAt: round.closesAt?.toISOString() ?? null,
    closedAt: closedAtOf(round, tx),
    criteria: [...rules.criteria],
    minimumCountries: rules.minimumCountries,
    // A rolling round has no deadline to be late for.
    graceHours: round.mode === "rolling" ? 0 : rules.graceHours,
  };
}

/** The page's translator and language, for the locks' reasons and the refusals. */
export type EligibilityWords = { t: TFunction; language: PageLanguage };

const ELIGIBILITY_CONFLICT_MESSAGE = "roundEligibility.error.conflict";

type Locks = { rules: string | null; grace: string | null };

/** Which settings can no longer change, each with why, for the page and the server's refusal alike. */
function locksOf(tx: Tx, round: RoundRow, now: Date, { t, language }: EligibilityWords): Locks {
  const submitted = tx
    .select({ n: count(), first: min(proposals.submittedAt) })
    .from(proposals)
    .where(and(eq(proposals.roundId, round.id), isNotNull(proposals.submittedAt)))
    .get();
  const n = submitted?.n ?? 0;
  const rules =
    n === 0
      ? null
      : submitted?.first
        ? t("roundEligibility.lock.rulesSince", { count: n, first: formatBrusselsIn(language, submitted.first) })
        : t("roundEligibility.lock.rules", { count: n });
  let grace: string | null = null;
  if (round.mode === "rolling" || round.closesAt === null) grace = t("roundEligibility.lock.rolling");
  else if (round.closesAt.getTime() <= now.getTime()) {
    grace = t("roundEligibility.lock.deadlinePassed", { deadline: formatBrusselsIn(language, round.closesAt) });
  }
  return { rules, grace };
}

export function roundExists(roundId: number) {
  return db().select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)).get() !== undefined;
}

/** The eligibility page of a round: each criterion as it applies and reads, the other settings, and what is locked and why. Null: no such round. */
export function eligibilitySettingsPage(roundId: number, words: EligibilityWords, now = new Date()) {
  const { t, language } = words;
  const round = db().select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  const rules = roundEligibility(round);
  const window = { opensAt: round.opensAt.toISOString(), closesAt: round.closesAt?.toISOString() ?? null, graceHours: rules.graceHours, closedAt: closedAtOf(round) };
  const graceEnd = round.mode === "rolling" ? null : graceEndsAt(window);
  return {
    round: {
      id: round.id,
      code: round.code,
      title: round.title,
      mode: round.mode,
      version: round.version,
      deadline: round.closesAt ? formatBrusselsIn(language, round.closesAt) : null,
    },
    criteria: ELIGIBILITY_CRITERIA.map((criterion) => {
      const guide = defaultWording(criterion.id, rules.minimumCountries, t);
      return { id: criterion.id, applies: rules.criteria.includes(criterion.id), ...(rules.wording[criterion.id] ?? guide), guide };
    }),
    minimumCountries: rules.minimumCountries,
    graceHours: rules.graceHours,
    graceEnds: graceEnd ? formatBrusselsIn(language, new Date(graceEnd)) : null,
    locks: locksOf(db(), round, now, words),
  };
}

export type EligibilitySettingsPage = NonNullable<ReturnType<typeof eligibilitySettingsPage>>;

export type EligibilitySaveOutcome = { ok: true; version: number } | { ok: false; problem: "notFound" | "conflict" | "locked" | "invalid"; messages: string[] };

function sameSet(a: readonly CriterionId[], b: readonly CriterionId[]) {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/**
 * Stores a round's eligibility rules as the form gives them, in one immediate transaction:
 * refuses a stale form, a change the locks forbid (each with its reason), a grace period for a
 * rolling round, and settings the stored schema would not read back. A criterion worded as the
 * Guide words it stores no wording, so it follows the Guide (and the number of countries).
 */
export function saveEligibilitySettings(input: { roundId: number; form: EligibilityFormInput; admin: ActingPerson; words: EligibilityWords; now?: Date }): EligibilitySaveOutcome {
  const now = input.now ?? new Date();
  return db().transaction(
    (tx): EligibilitySaveOutcome => {
      const round = tx.select().from(rounds).where(eq(rounds.id, input.roundId)).get();
      if (!round) return { ok: false, problem: "notFound", messages: ["roundEdit.error.noSuchRound"] };
      if (round.version !== input.form.version) return { ok: false, problem: "conflict", messages: [ELIGIBILITY_CONFLICT_MESSAGE] };
      const before = roundEligibility(round);
      const locks = locksOf(tx, round, now, input.words);
      const { form } = input;
      const applying = ELIGIBILITY_CRITERIA.map((criterion) => criterion.id).filter((id) => form.criteria.some((c) => c.id === id && c.applies));

      const refusals: string[] = [];
      if (locks.rules && (!sameSet(applying, before.criteria) || form.minimumCountries !== before.minimumCountries)) refusals.push(locks.rules);
      if (form.graceHours !== before.graceHours && locks.grace) refusals.push(locks.grace);
      if (refusals.length > 0) return { ok: false, problem: "locked", messages: refusals };

      // The form showed the Guide's words, in the administrator's language, for the number of
      // countries stored so far: left as they were (or in English, the language of record), they
      // follow the Guide and the new number rather than become the round's own wording.
      const wording: Partial<Record<CriterionId, CriterionWording>> = {};
      for (const criterion of form.criteria) {
        const guides = [inEnglish, input.words.t].flatMap((t) => [defaultWording(criterion.id, form.minimumCountries, t), defaultWording(criterion.id, before.minimumCountries, t)]);
        const asTheGuide = guides.some((guide) => criterion.name === guide.name && criterion.guidance === guide.guidance);
        if (!asTheGuide) wording[criterion.id] = { name: criterion.name, guidance: criterion.guidance };
      }
      const next = { ...round.settings, criteria: applying, criterionWording: wording, minimumCountries: form.minimumCountries, graceHours: form.graceHours };
      // Validated as it will be read back, so what is stored can always be read.
      const checked = roundSettingsSchema.safeParse(next);
      if (!checked.success) {
        return { ok: false, problem: "invalid", messages: checked.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`) };
      }

      const version = round.version + 1;
      const written = tx
        .update(rounds)
        .set({ settings: next, version })
        .where(and(eq(rounds.id, round.id), eq(rounds.version, round.version)))
        .run();
      if (written.changes !== 1) return { ok: false, problem: "conflict", messages: [ELIGIBILITY_CONFLICT_MESSAGE] };
      audit(
        {
          actorUserId: input.admin.id,
          action: "round.eligibilityChanged",
          subjectType: "round",
          subjectId: round.id,
          detail: {
            before: { criteria: before.criteria, wording: before.wording, minimumCountries: before.minimumCountries, graceHours: before.graceHours },
            after: { criteria: applying, wording, minimumCountries: form.minimumCountries, graceHours: form.graceHours },
          },
        },
        tx,
      );
      return { ok: true, version };
    },
    { behavior: "immediate" },
  );
}
