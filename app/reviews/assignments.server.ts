import { and, count, eq, inArray } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "../../db/client";
import { assignmentEvents, memberships, proposals, reviewAssignments, reviews, rounds, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { reviewAssignedEmail } from "../../emails/templates/review-assigned";
import { reviewDeclinedEmail } from "../../emails/templates/review-declined";
import { reviewsCompleteEmail } from "../../emails/templates/reviews-complete";
import type { Actor } from "../../workflows/actors";
import type { AssignmentEvent } from "../../workflows/assignment.machine";
import {
  ASSIGNMENT_MACHINE_VERSION,
  ASSIGNMENT_STATES_HOLDING_A_PLACE,
  initialAssignmentSnapshot,
  persistAssignment,
  restoreAssignment,
  stepAssignment,
} from "../../workflows/assignment.machine";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { statesAccepting } from "../../workflows/proposal-stages";
import type { ReviewCriterion } from "../../workflows/review-criteria";
import { DEFAULT_REVIEW_CRITERIA } from "../../workflows/in-english";
import { reviewCriterionIn } from "../../workflows/review-criteria";
import { messageIn } from "../../workflows/machine-kit";
import { languageOf } from "../../workflows/words";
import type { ActingPerson } from "../audit.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { administratorsOf } from "../proposals/notifications.server";
import { recipientLanguage } from "../../emails/words";
import type { Language } from "../../workflows/languages";
import { translatorFor } from "../../workflows/messages";
import { roundSettings } from "../rounds/workflow.server";
import { conflictsOf, recordDeclaredConflict } from "./conflicts.server";

// Review assignments: the one way an assignment is made or moves. Like applyProposalCommand,
// each change is one immediate transaction: the row (state, snapshot, version), a history row,
// and the mail it owes. The assignment's statechart (workflows/assignment.machine.ts) decides.

/** What a reviewer (or an administrator) asks for; the facts the statechart needs are added here. */
export type AssignmentCommand =
  | { type: "DECLARE_NO_CONFLICT" }
  | { type: "DECLARE_CONFLICT"; reason: string }
  | { type: "DECLINE"; reason: string }
  | { type: "SUBMIT_REVIEW" }
  | { type: "REOPEN_REVIEW" }
  | { type: "WITHDRAW_ASSIGNMENT"; reason: string };

export type AssignmentOutcome =
  | { ok: true; state: string; version: number }
  | { ok: false; problem: "notFound" | "conflict" | "refused"; message: string };

/** The refusal of a form that saw another version of the assignment, as a catalogue key. */
export const ASSIGNMENT_CONFLICT_MESSAGE = "reviewDesk.refusal.assignmentChanged";

/**
 * Where reviewers are assigned and review: the states of the proposal that lead to CLOSE_REVIEW.
 * Read from the machine once: every reviewer's request asks it (visibility, the review page).
 */
const STATES_TAKING_REVIEWS: readonly ProposalStatePath[] = [...statesAccepting("START_REVIEW"), ...statesAccepting("CLOSE_REVIEW")];

export function proposalStatesTakingReviews(): ProposalStatePath[] {
  return [...STATES_TAKING_REVIEWS];
}

/** The round's review criteria, as its settings hold them. */
export function criteriaOfProposal(tx: Tx, proposalId: number): ReviewCriterion[] {
  const round = tx
    .select({ code: rounds.code, settings: rounds.settings })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .where(eq(proposals.id, proposalId))
    .get();
  return round ? roundSettings(round).reviewCriteria : [];
}

/**
 * Assigns a reviewer to a proposal, with a due date, in the caller's transaction. Refuses a
 * proposal not taking reviews, a person who is not an active reviewer, a conflicted reviewer,
 * and a second assignment of the same pair (a reviewer who declined is not asked again).
 */
export function assignReviewer(
  tx: Tx,
  input: { proposalId: number; reviewerUserId: number; dueAt: Date; assignedBy: ActingPerson; now?: Date },
  t: TFunction = translatorFor("en"),
): { ok: true; assignmentId: number } | { ok: false; message: string } {
  const now = input.now ?? new Date();
  const proposal = tx.select({ id: proposals.id, state: proposals.state, reference: proposals.reference, title: proposals.title }).from(proposals).where(eq(proposals.id, input.proposalId)).get();
  if (!proposal) return { ok: false, message: t("reviewDesk.refusal.noSuchProposal") };
  if (!proposalStatesTakingReviews().includes(proposal.state as never)) return { ok: false, message: t("reviewDesk.refusal.notTakingReviews") };
  const reviewer = tx
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, active: users.active })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, "reviewer")))
    .where(eq(users.id, input.reviewerUserId))
    .get();
  if (!reviewer || !reviewer.active) return { ok: false, message: t("reviewDesk.refusal.notAnActiveReviewer") };
  const conflicts = conflictsOf(input.proposalId, tx, [reviewer.id], t).get(reviewer.id);
  if (conflicts?.length) return { ok: false, message: t("reviewDesk.refusal.conflicted", { reviewer: reviewer.name, reasons: conflicts.map((c) => c.reason).join(" ") }) };
  const existing = tx
    .select({ state: reviewAssignments.state })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, input.proposalId), eq(reviewAssignments.reviewerUserId, reviewer.id)))
    .get();
  if (existing) return { ok: false, message: t("reviewDesk.refusal.alreadyAssigned", { reviewer: reviewer.name }) };
  if (input.dueAt <= now) return { ok: false, message: t("reviewDesk.refusal.dueInThePast") };

  const snapshot = initialAssignmentSnapshot({ reviewerUserId: reviewer.id });
  const assignment = tx
    .insert(reviewAssignments)
    .values({
      proposalId: input.proposalId,
      reviewerUserId: reviewer.id,
      dueAt: input.dueAt,
      assignedByUserId: input.assignedBy.id,
      state: snapshot.value,
      snapshot: persistAssignment(snapshot),
      machineVersion: ASSIGNMENT_MACHINE_VERSION,
      createdAt: now,
    })
    .returning({ id: reviewAssignments.id })
    .get();
  tx.insert(assignmentEvents)
    .values({
      assignmentId: assignment.id,
      at: now,
      actorUserId: input.assignedBy.id,
      actorRole: "administrator",
      type: "ASSIGN",
      payload: { dueAt: input.dueAt.toISOString() },
      fromState: "",
      toState: snapshot.value,
      version: 1,
      machineVersion: ASSIGNMENT_MACHINE_VERSION,
    })
    .run();
  enqueueEmail(tx, {
    idempotencyKey: `review-assigned:${assignment.id}`,
    to: reviewer.email,
    template: "review-assigned",
    ...reviewAssignedEmail({
      appUrl: env().APP_URL,
      recipientName: reviewer.name,
      reference: proposal.reference,
      title: proposal.title,
      dueAt: input.dueAt,
      reviewUrl: `${env().APP_URL}/reviews/${assignment.id}`,
      language: recipientLanguage(reviewer.locale),
    }),
  });
  return { ok: true, assignmentId: assignment.id };
}

/** The reviewers holding a place on a proposal (not declined, conflicted or withdrawn). */
export function placesTaken(tx: Tx, proposalId: number) {
  return tx
    .select({ n: count() })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalId), inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_HOLDING_A_PLACE])))
    .get()!.n;
}

/**
 * Moves one assignment by one command, in one immediate transaction (or the caller's): refuses
 * it with the statechart's reason, or a conflict when `expectedVersion` is stale; otherwise
 * writes the state, snapshot and version, a history row, and what the event implies (a declared
 * conflict is recorded; submitting stamps the review; administrators hear of a decline, a
 * declared conflict, and the last review of a proposal coming in).
 */
export function applyAssignmentCommand(
  input: { assignmentId: number; expectedVersion?: number; actor: Actor; command: AssignmentCommand; now?: Date; t?: TFunction },
  outer?: Tx,
): AssignmentOutcome {
  return outer ? outer.transaction((tx) => applyIn(tx, input)) : db().transaction((tx) => applyIn(tx, input), { behavior: "immediate" });
}

function applyIn(tx: Tx, input: Parameters<typeof applyAssignmentCommand>[0]): AssignmentOutcome {
  const now = input.now ?? new Date();
  // The refusals are in the words of the page that asked (the review desk gives its own); English otherwise.
  const t = input.t ?? translatorFor("en");
  const assignment = tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, input.assignmentId)).get();
  if (!assignment) return { ok: false, problem: "notFound", message: t("reviewDesk.refusal.noSuchAssignment") };
  if (input.expectedVersion !== undefined && input.expectedVersion !== assignment.version) {
    return { ok: false, problem: "conflict", message: t(ASSIGNMENT_CONFLICT_MESSAGE) };
  }
  const event = assignmentEvent(tx, assignment, input.command, input.actor, t);
  const step = stepAssignment(restoreAssignment(assignment.snapshot, assignment.machineVersion), event);
  if (!step.accepted) return { ok: false, problem: "refused", message: messageIn(step.refusal, t, languageOf(t)) };
  const state = step.snapshot.value;
  const version = assignment.version + 1;
  const written = tx
    .update(reviewAssignments)
    .set({
      state,
      snapshot: persistAssignment(step.snapshot),
      version,
      ...(event.type === "SUBMIT_REVIEW" ? { submittedAt: now } : {}),
      ...(event.type === "REOPEN_REVIEW" ? { submittedAt: null } : {}),
    })
    .where(and(eq(reviewAssignments.id, assignment.id), eq(reviewAssignments.version, assignment.version)))
    .run();
  if (written.changes !== 1) return { ok: false, problem: "conflict", message: t(ASSIGNMENT_CONFLICT_MESSAGE) };
  if (event.type === "SUBMIT_REVIEW") tx.update(reviews).set({ submittedAt: now }).where(eq(reviews.assignmentId, assignment.id)).run();
  if (event.type === "REOPEN_REVIEW") tx.update(reviews).set({ submittedAt: null }).where(eq(reviews.assignmentId, assignment.id)).run();
  if (event.type === "DECLARE_CONFLICT") recordDeclaredConflict(tx, { proposalId: assignment.proposalId, reviewerUserId: assignment.reviewerUserId, reason: event.reason, now });
  const { actor, ...payload } = event;
  tx.insert(assignmentEvents)
    .values({
      assignmentId: assignment.id,
      at: now,
      actorUserId: actor.role === "system" ? null : actor.userId,
      actorRole: actor.role,
      type: event.type,
      payload: payload as Record<string, unknown>,
      fromState: assignment.state,
      toState: state,
      version,
      machineVersion: ASSIGNMENT_MACHINE_VERSION,
    })
    .run();
  if (event.type === "DECLINE" || event.type === "DECLARE_CONFLICT") {
    tellAdministrators(tx, assignment, "review-declined", `review-declined:${assignment.id}`, (about, recipientName) =>
      reviewDeclinedEmail({ ...about, recipientName, reviewerName: reviewerName(tx, assignment.reviewerUserId), how: event.type === "DECLINE" ? "declined" : "conflict", reason: event.reason }),
    );
  }
  if (event.type === "SUBMIT_REVIEW") {
    const places = tx
      .select({ state: reviewAssignments.state })
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.proposalId, assignment.proposalId), inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_HOLDING_A_PLACE])))
      .all();
    // Keyed by how many are in: a review reopened and submitted again tells no one twice, a
    // reviewer added later and submitting tells them again.
    if (places.every((place) => place.state === "submitted")) {
      tellAdministrators(tx, assignment, "reviews-complete", `reviews-complete:${assignment.proposalId}:${places.length}`, (about, recipientName) =>
        reviewsCompleteEmail({ ...about, recipientName, submittedReviews: places.length }),
      );
    }
  }
  return { ok: true, state, version };
}

type AboutProposal = { appUrl: string; reference: string | null; title: string; deskUrl: string; language: Language };

/** One mail to each active administrator about the assignment's proposal, linking to its round's review desk. */
function tellAdministrators(tx: Tx, assignment: { proposalId: number }, template: string, key: string, render: (about: AboutProposal, recipientName: string) => ReturnType<typeof reviewsCompleteEmail>) {
  const proposal = tx.select({ reference: proposals.reference, title: proposals.title, roundId: proposals.roundId }).from(proposals).where(eq(proposals.id, assignment.proposalId)).get()!;
  const about = { appUrl: env().APP_URL, reference: proposal.reference, title: proposal.title, deskUrl: `${env().APP_URL}/admin/rounds/${proposal.roundId}/review` };
  for (const administrator of administratorsOf(tx)) {
    const language = recipientLanguage(administrator.locale);
    enqueueEmail(tx, { idempotencyKey: `${key}:${administrator.userId}`, to: administrator.email, template, ...render({ ...about, language }, administrator.name) });
  }
}

function reviewerName(tx: Tx, userId: number) {
  return tx.select({ name: users.name }).from(users).where(eq(users.id, userId)).get()?.name ?? "A reviewer";
}

/** The statechart's event: the command, its actor, and the facts its guards read. */
function assignmentEvent(tx: Tx, assignment: typeof reviewAssignments.$inferSelect, command: AssignmentCommand, actor: Actor, t: TFunction): AssignmentEvent {
  switch (command.type) {
    case "SUBMIT_REVIEW":
      return { type: "SUBMIT_REVIEW", actor, reviewOpen: reviewOpen(tx, assignment.proposalId), missingParts: missingReviewParts(tx, assignment, t) };
    case "REOPEN_REVIEW":
      return { type: "REOPEN_REVIEW", actor, reviewOpen: reviewOpen(tx, assignment.proposalId) };
    default:
      return { ...command, actor };
  }
}

function reviewOpen(tx: Tx, proposalId: number) {
  const proposal = tx.select({ state: proposals.state }).from(proposals).where(eq(proposals.id, proposalId)).get();
  return proposal !== undefined && proposalStatesTakingReviews().includes(proposal.state as never);
}

/** What a review still lacks before it can be submitted: each part with the form field it points to, and its words in a sentence. */
export function reviewGaps(
  criteria: readonly { id: string; name: string }[],
  review: { scores: Record<string, number | undefined>; recommendation: string | null; confidence: string | null } | undefined,
  t: TFunction = translatorFor("en"),
) {
  const scores = review?.scores ?? {};
  return [
    ...criteria
      .filter((criterion) => !scores[criterion.id])
      .map((criterion) => ({ label: t("reviewGaps.scoreLabel", { criterion: criterion.name }), field: `score-${criterion.id}`, inSentence: t("reviewGaps.score", { criterion: criterion.name }) })),
    ...(review?.recommendation ? [] : [{ label: t("reviewGaps.recommendationLabel"), field: "recommendation", inSentence: t("reviewGaps.recommendation") }]),
    ...(review?.confidence ? [] : [{ label: t("reviewGaps.confidenceLabel"), field: "confidence", inSentence: t("reviewGaps.confidence") }]),
  ];
}

/** The parts of a review still blank, in the words of `t`: every criterion's score, the recommendation and the confidence. */
export function missingReviewParts(tx: Tx, assignment: { id: number; proposalId: number }, t: TFunction): string[] {
  const review = tx.select().from(reviews).where(eq(reviews.assignmentId, assignment.id)).get();
  return reviewGaps(criteriaOfProposal(tx, assignment.proposalId).map((criterion) => reviewCriterionIn(criterion, t, DEFAULT_REVIEW_CRITERIA)), review, t).map((gap) => gap.inSentence);
}
