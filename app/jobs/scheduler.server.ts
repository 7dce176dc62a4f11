import { SYSTEM_ACTOR } from "../../workflows/actors";
import { statesAccepting } from "../../workflows/proposal-stages";
import { roundStatesAccepting } from "../../workflows/round-stages";
import { and, eq, inArray, isNull, lte } from "drizzle-orm";
import { proposals, reviewAssignments, rounds, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { reviewReminderEmail } from "../../emails/templates/review-reminder";
import { db } from "../db.server";
import { env } from "../env.server";
import { applyProposalCommand } from "../proposals/workflow.server";
import { applyRoundCommand } from "../rounds/workflow.server";

// Turns stored times into events: rounds open and close, clarification requests expire,
// reviewers are reminded before their due date. It keeps no state of its own: each run looks
// at what is due now, so a run after downtime catches up on every tick it missed, and running
// twice does nothing twice (the statechart refuses a second CLOSE; reminders are marked).

export const REVIEW_REMINDER_BEFORE_MS = 2 * 24 * 60 * 60 * 1000;

export type SchedulerRun = { roundsOpened: number; roundsClosed: number; clarificationsExpired: number; remindersSent: number };

export function runScheduledEvents(now = new Date()): SchedulerRun {
  const run: SchedulerRun = { roundsOpened: 0, roundsClosed: 0, clarificationsExpired: 0, remindersSent: 0 };

  const opening = db().select().from(rounds).where(and(inArray(rounds.state, roundStatesAccepting("OPEN")), lte(rounds.opensAt, now))).all();
  run.roundsOpened = forEachDue(opening, (round) => `open round ${round.code}`, (round) =>
    applyRoundCommand({ roundId: round.id, expectedVersion: round.version, actor: SYSTEM_ACTOR, command: { type: "OPEN" }, now }).ok,
  );
  const closing = db()
    .select()
    .from(rounds)
    .where(and(inArray(rounds.state, roundStatesAccepting("CLOSE")), eq(rounds.mode, "deadline"), lte(rounds.closesAt, now)))
    .all();
  run.roundsClosed = forEachDue(closing, (round) => `close round ${round.code}`, (round) =>
    applyRoundCommand({ roundId: round.id, expectedVersion: round.version, actor: SYSTEM_ACTOR, command: { type: "CLOSE" }, now }).ok,
  );

  const expired = db()
    .select({ id: proposals.id, version: proposals.version })
    .from(proposals)
    .where(and(inArray(proposals.state, statesAccepting("CLARIFICATION_EXPIRED")), lte(proposals.clarificationDueAt, now)))
    .all();
  run.clarificationsExpired = forEachDue(expired, (proposal) => `expire the clarification request of proposal ${proposal.id}`, (proposal) =>
    applyProposalCommand({ proposalId: proposal.id, expectedVersion: proposal.version, actor: SYSTEM_ACTOR, command: { type: "CLARIFICATION_EXPIRED" }, now }).ok,
  );

  const due = db()
    .select({
      assignmentId: reviewAssignments.id,
      dueAt: reviewAssignments.dueAt,
      proposalId: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      name: users.name,
      email: users.email,
    })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerUserId))
    .where(
      and(
        isNull(reviewAssignments.submittedAt),
        isNull(reviewAssignments.remindedAt),
        lte(reviewAssignments.dueAt, new Date(now.getTime() + REVIEW_REMINDER_BEFORE_MS)),
        // Only while reviewers can score: not before the review starts, nor once it is closed.
        inArray(proposals.state, statesAccepting("CLOSE_REVIEW")),
        eq(users.active, true),
      ),
    )
    .all();
  run.remindersSent = forEachDue(due, (assignment) => `remind reviewer assignment ${assignment.assignmentId}`, (assignment) =>
    db().transaction((tx) => {
      const marked = tx
        .update(reviewAssignments)
        .set({ remindedAt: now })
        .where(and(eq(reviewAssignments.id, assignment.assignmentId), isNull(reviewAssignments.remindedAt)))
        .run();
      if (marked.changes !== 1) return false;
      enqueueEmail(tx, {
        idempotencyKey: `review-reminder:${assignment.assignmentId}`,
        to: assignment.email,
        template: "review-reminder",
        ...reviewReminderEmail({
          appUrl: env().APP_URL,
          recipientName: assignment.name,
          reference: assignment.reference,
          title: assignment.title,
          dueAt: assignment.dueAt,
          reviewUrl: `${env().APP_URL}/proposals/${assignment.proposalId}`,
        }),
      });
      return true;
    }),
  );
  return run;
}

/** One item's failure (a snapshot of an unknown version, say) is logged and does not stop the rest. */
function forEachDue<T>(items: T[], describe: (item: T) => string, act: (item: T) => boolean) {
  let done = 0;
  for (const item of items) {
    try {
      if (act(item)) done++;
    } catch (error) {
      console.error(`The scheduler could not ${describe(item)}; it tries again at the next tick.`, error);
    }
  }
  return done;
}

/** Runs at once (catching up on anything missed while the server was down), then every minute. */
export function startScheduler(intervalMs = 60_000) {
  const tick = () => {
    try {
      runScheduledEvents();
    } catch (error) {
      console.error("The scheduler failed; it tries again at the next tick.", error);
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
