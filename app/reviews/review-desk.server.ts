import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { TFunction } from "i18next";
import { assignmentEvents, institutions, memberships, proposals, reviewAssignments, reviewerConflictRules, rounds, users } from "../../db/schema";
import { ASSIGNMENT_STATES_HOLDING_A_PLACE, allowedAssignmentEvents, assignmentStateLabelOf, restoreAssignment } from "../../workflows/assignment.machine";
import { assignReviewers } from "../../workflows/reviewer-assignment";
import type { ReviewerProposalPair } from "../../workflows/reviewer-assignment";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn, toBrusselsTime } from "../../workflows/time";
import { audit } from "../audit.server";
import { administratorActor } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";
import { roundSettings } from "../rounds/workflow.server";
import { ASSIGNMENT_CONFLICT_MESSAGE, applyAssignmentCommand, assignReviewer, proposalStatesTakingReviews } from "./assignments.server";
import { conflictsOf, conflictsOfProposals, dismissDetectedConflict } from "./conflicts.server";
import type { ReviewDeskInput } from "./review-desk-schema";
import { stageLabelFor } from "../../workflows/proposal-stages";

// A round's review desk: the TAF team sees every proposal of the round in the EU review with
// its reviewers and conflicts, assigns by hand or for the whole round at once, moves due dates,
// withdraws assignments, dismisses false detections and adds conflict rules. Its words are the
// page's language: the route gives its translator and language.

const DAY = 24 * 60 * 60 * 1000;
const PLACES = [...ASSIGNMENT_STATES_HOLDING_A_PLACE];

/** The words and formats of the page being rendered, given by its route. */
export type DeskWords = { t: TFunction; language: PageLanguage };

function roundOf(roundId: number) {
  const round = db().select({ id: rounds.id, code: rounds.code, title: rounds.title, settings: rounds.settings }).from(rounds).where(eq(rounds.id, roundId)).get();
  return round ? { ...round, settings: roundSettings(round) } : undefined;
}

export function reviewDeskRoundExists(roundId: number) {
  return roundOf(roundId) !== undefined;
}

/** Every active reviewer, with the assignments holding a place they have now, in every round. */
function activeReviewers() {
  const loads = new Map(
    db()
      .select({ reviewerUserId: reviewAssignments.reviewerUserId, n: count() })
      .from(reviewAssignments)
      .where(inArray(reviewAssignments.state, PLACES))
      .groupBy(reviewAssignments.reviewerUserId)
      .all()
      .map((row) => [row.reviewerUserId, row.n]),
  );
  return db()
    .selectDistinct({ id: users.id, name: users.name, affiliation: memberships.affiliation })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, "reviewer")))
    .where(eq(users.active, true))
    .orderBy(asc(users.name))
    .all()
    .map((reviewer) => ({ ...reviewer, load: loads.get(reviewer.id) ?? 0 }));
}

/** The round's desk for an administrator, one page of its proposals in the EU review. */
export function reviewDesk(admin: SessionUser, roundId: number, page: PageRequest, { t, language }: DeskWords, now = new Date()) {
  const round = roundOf(roundId);
  if (!round) return undefined;
  const actor = administratorActor(admin);
  const reviewers = activeReviewers();
  const names = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.name]));
  const list = readPage(page, (offset, limit) => {
    const rows = db()
      .select({ id: proposals.id, reference: proposals.reference, title: proposals.title, state: proposals.state, total: totalRows() })
      .from(proposals)
      .where(and(eq(proposals.roundId, roundId), inArray(proposals.state, proposalStatesTakingReviews())))
      .orderBy(asc(proposals.reference), asc(proposals.id))
      .limit(limit)
      .offset(offset)
      .all();
    return { rows, total: rows[0]?.total ?? 0 };
  });
  const ids = list.rows.map((proposal) => proposal.id);
  const assignments = ids.length
    ? db()
        .select({ assignment: reviewAssignments, reviewerName: users.name })
        .from(reviewAssignments)
        .innerJoin(users, eq(users.id, reviewAssignments.reviewerUserId))
        .where(inArray(reviewAssignments.proposalId, ids))
        .orderBy(asc(reviewAssignments.id))
        .all()
    : [];
  // Why an assignment ended, in the words of the one who ended it.
  const endings = assignments.length
    ? new Map(
        db()
          .select({ assignmentId: assignmentEvents.assignmentId, payload: assignmentEvents.payload })
          .from(assignmentEvents)
          .where(and(inArray(assignmentEvents.assignmentId, assignments.map((row) => row.assignment.id)), inArray(assignmentEvents.type, ["DECLINE", "DECLARE_CONFLICT", "WITHDRAW_ASSIGNMENT"])))
          .all()
          .map((row) => [row.assignmentId, typeof row.payload.reason === "string" ? row.payload.reason : ""]),
      )
    : new Map<number, string>();
  const conflictsByProposal = conflictsOfProposals(ids, db(), undefined, t);
  const directory = db().select({ id: institutions.id, name: institutions.name }).from(institutions).orderBy(asc(institutions.name)).all();
  return {
    round: { id: round.id, code: round.code, title: round.title, minimumReviews: round.settings.minimumReviews, reviewDays: round.settings.reviewDays },
    defaultDueAt: toBrusselsTime(new Date(now.getTime() + round.settings.reviewDays * DAY)),
    reviewers,
    institutions: directory,
    proposals: {
      pages: list.pages,
      rows: list.rows.map((proposal) => {
        const conflicts = conflictsByProposal.get(proposal.id)!;
        const mine = assignments.filter((row) => row.assignment.proposalId === proposal.id);
        const assigned = new Set(mine.map((row) => row.assignment.reviewerUserId));
        return {
          id: proposal.id,
          reference: proposal.reference,
          title: proposal.title,
          stateLabel: stageLabelFor(proposal.state, "tafTeam", t),
          placesTaken: mine.filter((row) => PLACES.includes(row.assignment.state)).length,
          assignments: mine.map(({ assignment, reviewerName }) => ({
            id: assignment.id,
            reviewerName,
            state: assignment.state,
            stateLabel: assignmentStateLabelOf(assignment.state, t),
            due: formatBrusselsIn(language, assignment.dueAt),
            dueInput: toBrusselsTime(assignment.dueAt),
            version: assignment.version,
            holdsAPlace: PLACES.includes(assignment.state),
            reason: endings.get(assignment.id) ?? null,
            mayWithdraw: allowedAssignmentEvents(restoreAssignment(assignment.snapshot, assignment.machineVersion), actor).includes("WITHDRAW_ASSIGNMENT"),
          })),
          conflicts: [...conflicts].flatMap(([reviewerUserId, found]) =>
            found.map((conflict) => ({ ...conflict, reviewerName: names.get(reviewerUserId) ?? t("reviewDesk.formerReviewer") })),
          ),
          // Reviewers not yet asked: the conflicted shown with why, and not offered.
          candidates: reviewers
            .filter((reviewer) => !assigned.has(reviewer.id))
            .map((reviewer) => ({ ...reviewer, conflict: (conflicts.get(reviewer.id) ?? []).map((conflict) => conflict.reason).join(" ") || null })),
        };
      }),
    },
  };
}

export type ReviewDeskOutcome = { ok: true; notice: string } | { ok: false; message: string };

/** What one form of the desk asks, done (each in one transaction), or refused in words. */
export function actOnReviewDesk(admin: SessionUser, roundId: number, input: ReviewDeskInput, { t, language }: DeskWords, now = new Date()): ReviewDeskOutcome {
  const acting = { id: admin.id, name: admin.name };
  switch (input.intent) {
    case "assign": {
      if (!proposalOfRound(input.proposalId, roundId)) return { ok: false, message: t("reviewDesk.refusal.notInRound") };
      const outcome = db().transaction((tx) => assignReviewer(tx, { proposalId: input.proposalId, reviewerUserId: input.reviewerUserId, dueAt: input.dueAt, assignedBy: acting, now }, t), { behavior: "immediate" });
      return outcome.ok ? { ok: true, notice: t("reviewDesk.notice.assigned") } : outcome;
    }
    case "due": {
      const assignment = assignmentOfRound(input.assignmentId, roundId);
      if (!assignment) return { ok: false, message: t("reviewDesk.refusal.noAssignmentInRound") };
      if (!PLACES.includes(assignment.state)) return { ok: false, message: t("reviewDesk.refusal.assignmentEnded", { state: assignmentStateLabelOf(assignment.state, t) }) };
      if (input.dueAt <= now) return { ok: false, message: t("reviewDesk.refusal.dueInThePast") };
      return db().transaction(
        (tx) => {
          // The reminders sent were of the old date: the reviewer is reminded of the new one, both times.
          const written = tx
            .update(reviewAssignments)
            .set({ dueAt: input.dueAt, remindedAt: null, dueRemindedAt: null, version: assignment.version + 1 })
            .where(and(eq(reviewAssignments.id, assignment.id), eq(reviewAssignments.version, input.version)))
            .run();
          if (written.changes !== 1) return { ok: false as const, message: t(ASSIGNMENT_CONFLICT_MESSAGE) };
          audit({ actorUserId: admin.id, action: "review.due_changed", subjectType: "review_assignment", subjectId: assignment.id, detail: { from: assignment.dueAt.toISOString(), to: input.dueAt.toISOString() } }, tx);
          return { ok: true as const, notice: t("reviewDesk.notice.dueChanged", { at: formatBrusselsIn(language, input.dueAt) }) };
        },
        { behavior: "immediate" },
      );
    }
    case "withdraw": {
      if (!assignmentOfRound(input.assignmentId, roundId)) return { ok: false, message: t("reviewDesk.refusal.noAssignmentInRound") };
      const outcome = applyAssignmentCommand({ assignmentId: input.assignmentId, expectedVersion: input.version, actor: administratorActor(admin), command: { type: "WITHDRAW_ASSIGNMENT", reason: input.reason }, now, t });
      return outcome.ok ? { ok: true, notice: t("reviewDesk.notice.withdrawn") } : { ok: false, message: outcome.message };
    }
    case "autoAssign":
      return autoAssign(roundId, input, acting, { t, language }, now);
    case "dismissConflict": {
      if (!proposalOfRound(input.proposalId, roundId)) return { ok: false, message: t("reviewDesk.refusal.notInRound") };
      const open = conflictsOf(input.proposalId, db(), [input.reviewerUserId]).get(input.reviewerUserId) ?? [];
      if (!open.some((conflict) => conflict.source !== "declared")) return { ok: false, message: t("reviewDesk.refusal.nothingToDismiss") };
      return db().transaction(
        (tx) => {
          const outcome = dismissDetectedConflict({ ...input, by: admin, now }, tx, t);
          if (!outcome.ok) return outcome;
          audit({ actorUserId: admin.id, action: "review.conflict_dismissed", subjectType: "proposal", subjectId: input.proposalId, detail: { reviewerUserId: input.reviewerUserId, reason: input.reason } }, tx);
          return { ok: true as const, notice: t("reviewDesk.notice.dismissed") };
        },
        { behavior: "immediate" },
      );
    }
    case "addRule": {
      const reviewer = activeReviewers().find((person) => person.id === input.reviewerUserId);
      if (!reviewer) return { ok: false, message: t("reviewDesk.refusal.ruleNeedsActiveReviewer") };
      const institution = db().select({ name: institutions.name }).from(institutions).where(eq(institutions.id, input.institutionId)).get();
      if (!institution) return { ok: false, message: t("reviewDesk.refusal.noSuchInstitution") };
      return db().transaction(
        (tx) => {
          const added = tx
            .insert(reviewerConflictRules)
            .values({ reviewerUserId: reviewer.id, institutionId: input.institutionId, reason: input.reason, createdAt: now, createdByUserId: admin.id })
            .onConflictDoNothing()
            .run();
          if (added.changes !== 1) return { ok: false as const, message: t("reviewDesk.refusal.ruleExists", { reviewer: reviewer.name, institution: institution.name }) };
          audit({ actorUserId: admin.id, action: "review.conflict_rule_added", subjectType: "user", subjectId: reviewer.id, detail: { institutionId: input.institutionId, reason: input.reason } }, tx);
          return { ok: true as const, notice: t("reviewDesk.notice.ruleAdded", { reviewer: reviewer.name, institution: institution.name }) };
        },
        { behavior: "immediate" },
      );
    }
  }
}

function proposalOfRound(proposalId: number, roundId: number) {
  return db().select({ id: proposals.id }).from(proposals).where(and(eq(proposals.id, proposalId), eq(proposals.roundId, roundId))).get() !== undefined;
}

function assignmentOfRound(assignmentId: number, roundId: number) {
  return db()
    .select({ id: reviewAssignments.id, state: reviewAssignments.state, version: reviewAssignments.version, dueAt: reviewAssignments.dueAt })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(eq(reviewAssignments.id, assignmentId), eq(proposals.roundId, roundId)))
    .get();
}

/**
 * Gives every proposal of the round in the EU review `reviewersPerProposal` reviewers, keeping
 * those it has: the plan is the min-cost flow of workflows/reviewer-assignment.ts, over the
 * conflicts and the pairs that may not be asked again (an assignment declined, conflicted or
 * withdrawn), with each reviewer's load as the desk shows it. All of it is one transaction.
 */
function autoAssign(roundId: number, input: Extract<ReviewDeskInput, { intent: "autoAssign" }>, acting: { id: number; name: string }, { t, language }: DeskWords, now: Date): ReviewDeskOutcome {
  const round = roundOf(roundId)!;
  const dueAt = new Date(now.getTime() + round.settings.reviewDays * DAY);
  return db().transaction(
    (tx) => {
      const inReview = tx
        .select({ id: proposals.id, reference: proposals.reference, title: proposals.title })
        .from(proposals)
        .where(and(eq(proposals.roundId, roundId), inArray(proposals.state, proposalStatesTakingReviews())))
        .orderBy(asc(proposals.id))
        .all();
      if (!inReview.length) return { ok: false as const, message: t("reviewDesk.refusal.nothingToAssign") };
      const reviewers = activeReviewers();
      const existing = tx
        .select({ proposalId: reviewAssignments.proposalId, reviewerId: reviewAssignments.reviewerUserId, state: reviewAssignments.state })
        .from(reviewAssignments)
        .where(inArray(reviewAssignments.proposalId, inReview.map((proposal) => proposal.id)))
        .all();
      const conflicts: ReviewerProposalPair[] = [...conflictsOfProposals(inReview.map((proposal) => proposal.id), tx)].flatMap(([proposalId, byReviewer]) =>
        [...byReviewer.keys()].map((reviewerId) => ({ reviewerId, proposalId })),
      );
      const plan = assignReviewers({
        proposals: inReview.map((proposal) => ({
          proposalId: proposal.id,
          reviewersNeeded: input.reviewersPerProposal,
          assignedReviewerIds: existing.filter((row) => row.proposalId === proposal.id && PLACES.includes(row.state)).map((row) => row.reviewerId),
        })),
        reviewers: reviewers.map((reviewer) => ({ reviewerId: reviewer.id, load: reviewer.load, cap: input.cap })),
        conflicts,
        declined: existing.filter((row) => !PLACES.includes(row.state)).map(({ proposalId, reviewerId }) => ({ proposalId, reviewerId })),
      }, t);
      for (const pair of plan.assignments) {
        const outcome = assignReviewer(tx, { proposalId: pair.proposalId, reviewerUserId: pair.reviewerId, dueAt, assignedBy: acting, now }, t);
        // The plan was made from this transaction's own reading: a refusal here is a bug, and nothing is kept.
        if (!outcome.ok) throw new Error(`Auto-assignment planned a pair assignReviewer refuses: ${outcome.message}`);
      }
      const named = new Map(inReview.map((proposal) => [proposal.id, proposal.reference ?? proposal.title]));
      const done =
        plan.assignments.length === 0
          ? t("reviewDesk.notice.noneNeeded")
          : t("reviewDesk.notice.autoAssigned", { count: plan.assignments.length, at: formatBrusselsIn(language, dueAt) });
      const short = plan.shortfalls.map((shortfall) => t("reviewerShortfall.ofProposal", { proposal: named.get(shortfall.proposalId), reason: shortfall.reason }));
      return { ok: true as const, notice: [done, ...short].join(" ") };
    },
    { behavior: "immediate" },
  );
}
