import { SYSTEM_ACTOR } from "../../workflows/actors";
import { statesAccepting } from "../../workflows/proposal-stages";
import { roundStatesAccepting } from "../../workflows/round-stages";
import { and, desc, eq, gt, gte, inArray, isNull, lte } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { ASSIGNMENT_STATES_HOLDING_A_PLACE } from "../../workflows/assignment.machine";
import { toBrusselsTime } from "../../workflows/time";
import { memberships, proposalEvents, proposals, reviewAssignments, rounds, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { recipientLanguage } from "../../emails/words";
import { clarificationReminderEmail } from "../../emails/templates/clarification-reminder";
import { reviewReminderEmail } from "../../emails/templates/review-reminder";
import { yieldingToPeople } from "../../db/client";
import { db } from "../db.server";
import { env } from "../env.server";
import { remindDeadlines } from "../proposals/deadlines.server";
import { applyProposalCommand } from "../proposals/workflow.server";
import { proposalStatesTakingReviews } from "../reviews/assignments.server";
import { applyRoundCommand } from "../rounds/workflow.server";

// Turns stored times into events: rounds open and close, clarification requests expire (and
// their leads are reminded two days before), reviewers are reminded two days before their due
// date and on the day, applicants of their deadlines (app/proposals/deadlines.server.ts). It keeps no state of its own: each run looks
// at what is due now, so a run after downtime catches up on every tick it missed, and running
// twice does nothing twice (the statechart refuses a second CLOSE; reminders are marked).

export const REVIEW_REMINDER_BEFORE_MS = 2 * 24 * 60 * 60 * 1000;

export const CLARIFICATION_REMINDER_BEFORE_MS = 2 * 24 * 60 * 60 * 1000;

export type SchedulerRun = {
  roundsOpened: number;
  roundsClosed: number;
  clarificationsExpired: number;
  remindersSent: number;
  clarificationRemindersSent: number;
  deadlineRemindersSent: number;
};

export function runScheduledEvents(now = new Date()): SchedulerRun {
  const run: SchedulerRun = { roundsOpened: 0, roundsClosed: 0, clarificationsExpired: 0, remindersSent: 0, clarificationRemindersSent: 0, deadlineRemindersSent: 0 };

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

  run.remindersSent = remindReviewers(now);
  run.clarificationRemindersSent = remindLeadsOfClarifications(now);
  run.deadlineRemindersSent = remindDeadlines(now);
  return run;
}

/**
 * The lead's applicants are reminded once, from two days before an open clarification request
 * is due; a request already past its due time is expired above instead.
 */
function remindLeadsOfClarifications(now: Date) {
  const due = db()
    .select({ id: proposals.id, dueAt: proposals.clarificationDueAt, remindedFor: proposals.clarificationRemindedFor })
    .from(proposals)
    .where(
      and(
        inArray(proposals.state, statesAccepting("RESPOND")),
        gt(proposals.clarificationDueAt, now),
        lte(proposals.clarificationDueAt, new Date(now.getTime() + CLARIFICATION_REMINDER_BEFORE_MS)),
      ),
    )
    .all()
    .filter((proposal) => proposal.remindedFor?.getTime() !== proposal.dueAt!.getTime());
  return forEachDue(due, (proposal) => `remind the lead of proposal ${proposal.id} of its clarification request`, (proposal) => remindLead(proposal.id, proposal.dueAt!, now));
}

/** One reminder to each active applicant of the lead, marked in the transaction that queues it, so that it goes once. */
function remindLead(proposalId: number, dueAt: Date, now: Date) {
  return db().transaction((tx) => {
    const marked = tx
      .update(proposals)
      .set({ clarificationRemindedFor: dueAt })
      .where(and(eq(proposals.id, proposalId), eq(proposals.clarificationDueAt, dueAt)))
      .run();
    if (marked.changes !== 1) return false;
    const proposal = tx.select().from(proposals).where(eq(proposals.id, proposalId)).get()!;
    const request = tx
      .select({ payload: proposalEvents.payload })
      .from(proposalEvents)
      .where(and(eq(proposalEvents.proposalId, proposalId), eq(proposalEvents.type, "REQUEST_CLARIFICATION")))
      .orderBy(desc(proposalEvents.id))
      .get();
    const leads = tx
      .select({ userId: users.id, name: users.name, email: users.email, locale: users.locale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.role, "applicant"), eq(memberships.institutionId, proposal.leadInstitutionId), eq(users.active, true)))
      .all();
    for (const lead of leads) {
      enqueueEmail(
        tx,
        {
          // The key names the due date reminded of: a later request is reminded of again, once.
          idempotencyKey: `clarification-reminder:${proposalId}:${dueAt.getTime()}:${lead.userId}`,
          to: lead.email,
          template: "clarification-reminder",
          ...clarificationReminderEmail({
            appUrl: env().APP_URL,
            recipientName: lead.name,
            reference: proposal.reference,
            title: proposal.title,
            question: typeof request?.payload.question === "string" ? request.payload.question : "",
            dueAt,
            proposalUrl: `${env().APP_URL}/proposals/${proposalId}`,
            language: recipientLanguage(lead.locale),
          }),
        },
        now,
      );
    }
    return true;
  });
}

/** Reviews still owed: the assignment invited or reviewing, not yet submitted. */
const OWING_A_REVIEW = ASSIGNMENT_STATES_HOLDING_A_PLACE.filter((state) => state !== "submitted");

/**
 * The reviewers owing a review on a proposal still taking reviews are reminded twice: from two
 * days before the due time, and on the due day (Brussels time), even once its hour has passed
 * (then the mail says it was due).
 * A run that finds both due (after downtime) sends only the one of the day, and marks both.
 */
function remindReviewers(now: Date) {
  const owing = (condition: SQL) =>
    db()
      .select({ assignmentId: reviewAssignments.id, dueAt: reviewAssignments.dueAt, reference: proposals.reference, title: proposals.title, name: users.name, email: users.email, locale: users.locale })
      .from(reviewAssignments)
      .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
      .innerJoin(users, eq(users.id, reviewAssignments.reviewerUserId))
      .where(and(condition, inArray(reviewAssignments.state, OWING_A_REVIEW), inArray(proposals.state, proposalStatesTakingReviews()), eq(users.active, true)))
      .all();
  const today = brusselsDay(now);
  const onTheDay = owing(
    and(isNull(reviewAssignments.dueRemindedAt), gte(reviewAssignments.dueAt, new Date(now.getTime() - DAY_MS)), lte(reviewAssignments.dueAt, new Date(now.getTime() + DAY_MS)))!,
  ).filter((assignment) => brusselsDay(assignment.dueAt) === today);
  const sentOnTheDay = forEachDue(onTheDay, (assignment) => `remind reviewer assignment ${assignment.assignmentId} on its due day`, (assignment) =>
    remind(assignment, "due", now),
  );
  const before = owing(and(isNull(reviewAssignments.remindedAt), lte(reviewAssignments.dueAt, new Date(now.getTime() + REVIEW_REMINDER_BEFORE_MS)))!);
  return sentOnTheDay + forEachDue(before, (assignment) => `remind reviewer assignment ${assignment.assignmentId}`, (assignment) => remind(assignment, "before", now));
}

const DAY_MS = 24 * 60 * 60 * 1000;

function brusselsDay(instant: Date) {
  return toBrusselsTime(instant).slice(0, 10);
}

type Owing = { assignmentId: number; dueAt: Date; reference: string | null; title: string; name: string; email: string; locale: string | null };

/** One reminder, marked in the same transaction that queues it, so that it goes once. */
function remind(assignment: Owing, when: "before" | "due", now: Date) {
  return db().transaction((tx) => {
    const marked = tx
      .update(reviewAssignments)
      .set(when === "due" ? { dueRemindedAt: now, remindedAt: now } : { remindedAt: now })
      .where(and(eq(reviewAssignments.id, assignment.assignmentId), isNull(when === "due" ? reviewAssignments.dueRemindedAt : reviewAssignments.remindedAt)))
      .run();
    if (marked.changes !== 1) return false;
    enqueueEmail(tx, {
      // The key names the due date reminded of: a date moved on the desk is reminded of again, once.
      idempotencyKey: `${when === "due" ? "review-due" : "review-reminder"}:${assignment.assignmentId}:${assignment.dueAt.getTime()}`,
      to: assignment.email,
      template: "review-reminder",
      ...reviewReminderEmail({
        appUrl: env().APP_URL,
        recipientName: assignment.name,
        reference: assignment.reference,
        title: assignment.title,
        dueAt: assignment.dueAt,
        dueToday: when === "due",
        duePassed: when === "due" && assignment.dueAt <= now,
        reviewUrl: `${env().APP_URL}/reviews/${assignment.assignmentId}`,
        language: recipientLanguage(assignment.locale),
      }),
    });
    return true;
  });
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
      // What a lock keeps from being done now is done at the next tick.
      yieldingToPeople(db(), () => runScheduledEvents());
    } catch (error) {
      console.error("The scheduler failed; it tries again at the next tick.", error);
    }
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
