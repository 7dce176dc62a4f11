import { randomUUID } from "node:crypto";
import { and, count, eq, isNotNull, min } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "../../db/client";
import { proposals, reviewAssignments, reviews, rounds } from "../../db/schema";
import type { ReviewCriterion } from "../../workflows/review-criteria";
import { DEFAULT_REVIEW_CRITERIA } from "../../workflows/in-english";
import { checkReviewCriteria, reviewCriterionIn } from "../../workflows/review-criteria";
import { formatBrusselsIn } from "../../workflows/time";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { roundSettings } from "../rounds/workflow.server";
import type { ReviewCriteriaFormInput } from "./criteria-schema";
import type { PageWords } from "./reviews.server";

// A round's review criteria as the TAF team sets them: stored in the round's settings, guarded
// by the round's version, and locked from the first submitted review on, since stored scores
// refer to the criteria by id and a mean over changed criteria would mean nothing.

export const CRITERIA_CONFLICT_MESSAGE = "criteriaPage.changedMeanwhile";

/** The submitted reviews of a round: once there is one, its criteria no longer change. */
function submittedReviewsOf(tx: Tx, roundId: number) {
  const row = tx
    .select({ n: count(), first: min(reviews.submittedAt) })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId))
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(eq(proposals.roundId, roundId), isNotNull(reviews.submittedAt)))
    .get();
  return { count: row?.n ?? 0, first: row?.first ?? null };
}

export type CriteriaLock = { reviews: number; since: Date | null } | null;

function lockOf(tx: Tx, roundId: number): CriteriaLock {
  const submitted = submittedReviewsOf(tx, roundId);
  return submitted.count === 0 ? null : { reviews: submitted.count, since: submitted.first };
}

/** Why the criteria cannot change, in the reader's words, for the page and the server's refusal alike. */
export function lockReason(lock: NonNullable<CriteriaLock>, { t, language }: PageWords) {
  return t("criteriaPage.locked", { count: lock.reviews, since: lock.since ? formatBrusselsIn(language, lock.since) : "" });
}

/** The criteria page of a round: its criteria, and whether (and why) they are locked. Null: no such round. */
export function reviewCriteriaPage(roundId: number, t: TFunction) {
  const round = db().select({ id: rounds.id, code: rounds.code, title: rounds.title, version: rounds.version, settings: rounds.settings }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  const lock = lockOf(db(), round.id);
  const criteria = roundSettings(round).reviewCriteria;
  return {
    round: { id: round.id, code: round.code, title: round.title, version: round.version },
    // Locked, they are read: the Guide's criteria in the reader's language. The form edits them as stored.
    criteria: lock ? criteria.map((criterion) => reviewCriterionIn(criterion, t, DEFAULT_REVIEW_CRITERIA)) : criteria,
    lock,
  };
}

export type CriteriaOutcome = { ok: true; version: number } | { ok: false; problem: "notFound" | "conflict" | "locked" | "invalid"; messages: string[] };

/**
 * Stores a round's criteria as the form gives them, in one immediate transaction: refuses a
 * stale form, criteria of a round with a submitted review, and what `checkReviewCriteria`
 * finds wrong. A criterion keeps its id; one added in the form (or naming an id the round does
 * not have) gets a new one, so no stored score can ever point at it by accident.
 */
export function saveReviewCriteria(input: { roundId: number; form: ReviewCriteriaFormInput; admin: ActingPerson; words: PageWords; now?: Date }): CriteriaOutcome {
  return db().transaction(
    (tx) => {
      const round = tx.select({ id: rounds.id, code: rounds.code, version: rounds.version, settings: rounds.settings }).from(rounds).where(eq(rounds.id, input.roundId)).get();
      if (!round) return { ok: false, problem: "notFound", messages: ["There is no such round."] };
      if (round.version !== input.form.version) return { ok: false, problem: "conflict", messages: [CRITERIA_CONFLICT_MESSAGE] };
      const lock = lockOf(tx, round.id);
      if (lock) return { ok: false, problem: "locked", messages: [lockReason(lock, input.words)] };

      const settings = roundSettings(round);
      const known = new Set(settings.reviewCriteria.map((criterion) => criterion.id));
      const kept = new Set<string>();
      const drafts = input.form.criteria.map((criterion) => {
        const id = known.has(criterion.id) && !kept.has(criterion.id) ? criterion.id : `criterion-${randomUUID()}`;
        kept.add(id);
        return { ...criterion, id };
      });
      const checked = checkReviewCriteria(drafts, input.words.t);
      if (!checked.ok) return { ok: false, problem: "invalid", messages: checked.problems };

      const version = round.version + 1;
      const written = tx
        .update(rounds)
        .set({ settings: { ...round.settings, reviewCriteria: checked.criteria }, version })
        .where(and(eq(rounds.id, round.id), eq(rounds.version, round.version)))
        .run();
      if (written.changes !== 1) return { ok: false, problem: "conflict", messages: [CRITERIA_CONFLICT_MESSAGE] };
      audit(
        {
          actorUserId: input.admin.id,
          action: "round.reviewCriteriaChanged",
          subjectType: "round",
          subjectId: round.id,
          detail: { before: settings.reviewCriteria.map(summary), after: checked.criteria.map(summary) },
        },
        tx,
      );
      return { ok: true, version };
    },
    { behavior: "immediate" },
  );
}

// What the audit row keeps of each criterion: enough to see what changed, without every label.
function summary(criterion: ReviewCriterion) {
  return { id: criterion.id, name: criterion.name, weight: criterion.weight };
}
