import type { Tx } from "../../db/client";
import { and, desc, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { DeadlineKind } from "../../db/schema";
import { deadlineKinds, proposalDeadlines, proposals, proposalVersions } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { recipientLanguage } from "../../emails/words";
import { deadlineReminderEmail } from "../../emails/templates/deadline-reminder";
import type { ProposalEvent } from "../../workflows/proposal-events";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { statesAccepting } from "../../workflows/proposal-stages";
import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { translatorFor } from "../../workflows/messages";
import { formatBrusselsIn, fromBrusselsTime, toBrusselsTime } from "../../workflows/time";
import { audit } from "../audit.server";
import type { SessionUser } from "../auth/session.server";
import { db, preparedStatement } from "../db.server";
import { env } from "../env.server";
import { readConceptNote } from "./documents.server";
import { applicantsOf } from "./notifications.server";

// The applicants' work with a due date: the concept note, the reports on the activities held,
// and the completion report. Each is set from the defaults below when its stage begins (in the
// transition's transaction), met when the work is submitted, and re-opened by a revision
// request. The scheduler reminds the applicants before the date and on the day; an
// administrator may move a date for one proposal, with a reason kept in the audit log.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The defaults, in days: the TAF team's usual rhythm, moved per proposal when it needs more time. */
export const DEADLINE_DAYS = {
  /** From the decision that the proposal is promising to its concept note. */
  conceptNote: 30,
  /** From a revision request to the revised concept note or completion report (never earlier than the date already set). */
  revision: 14,
  /** From the last activity planned in the approved concept note to its report. */
  activityReports: 14,
  /** Where the concept note plans no dated activity: from the start of implementation to the activity reports. */
  implementation: 180,
  /** From the activity reports to the completion report, with its lessons learnt. */
  completionReport: 30,
} as const;

export const DEADLINE_REMINDER_BEFORE_MS = 3 * DAY_MS;

// Catalogue keys of each deadline's words; the reminder names the work in its own words (emails/templates/deadline-reminder.ts).
export const DEADLINE_WORDS: Record<DeadlineKind, { label: string; page: string; noDeadline: string; notOwed: string }> = {
  conceptNote: { label: "deadlinesPage.kind.conceptNote", page: "concept", noDeadline: "deadlinesPage.noDeadline.conceptNote", notOwed: "deadlinesPage.notOwed.conceptNote" },
  activityReports: {
    label: "deadlinesPage.kind.activityReports",
    page: "implementation",
    noDeadline: "deadlinesPage.noDeadline.activityReports",
    notOwed: "deadlinesPage.notOwed.activityReports",
  },
  completionReport: {
    label: "deadlinesPage.kind.completionReport",
    page: "implementation",
    noDeadline: "deadlinesPage.noDeadline.completionReport",
    notOwed: "deadlinesPage.notOwed.completionReport",
  },
};

/** How a page writes deadlines: its translator and language (English where a page does not say). */
export type DeadlineWords = { t: TFunction; language: PageLanguage };
const ENGLISH: DeadlineWords = { t: translatorFor("en"), language: "en" };

/** The states in which the applicants owe each piece of work: asked of the machine, so a renamed state cannot drift. */
function owingStates(kind: DeadlineKind): ProposalStatePath[] {
  return statesAccepting(kind === "conceptNote" ? "SUBMIT_CONCEPT" : "SUBMIT_REPORT");
}

type Transition = { proposalId: number; event: ProposalEvent; fromState: string; toState: string; now: Date };

/** What a transition does to the proposal's deadlines; called by applyProposalCommand in its transaction. */
export function updateDeadlines(tx: Tx, transition: Transition) {
  const { proposalId, event, fromState, toState, now } = transition;
  const enters = (kind: DeadlineKind) => owingStates(kind).includes(toState as ProposalStatePath) && !owingStates(kind).includes(fromState as ProposalStatePath);
  switch (event.type) {
    case "SUBMIT_CONCEPT":
      return meet(tx, proposalId, ["conceptNote"], now);
    case "SUBMIT_REPORT":
      return meet(tx, proposalId, ["activityReports", "completionReport"], now);
    case "REQUEST_REVISION":
      return reopen(tx, proposalId, enters("conceptNote") ? "conceptNote" : "completionReport", new Date(now.getTime() + DEADLINE_DAYS.revision * DAY_MS));
    case "START": {
      const activities = lastPlannedActivity(tx, proposalId);
      const reportsDue =
        activities === null
          ? new Date(now.getTime() + DEADLINE_DAYS.implementation * DAY_MS)
          : new Date(Math.max(now.getTime(), activities.getTime()) + DEADLINE_DAYS.activityReports * DAY_MS);
      set(tx, proposalId, "activityReports", reportsDue);
      return set(tx, proposalId, "completionReport", new Date(reportsDue.getTime() + DEADLINE_DAYS.completionReport * DAY_MS));
    }
    default:
      // Conceptual work begins with the decision that the proposal is promising.
      if (enters("conceptNote")) set(tx, proposalId, "conceptNote", new Date(now.getTime() + DEADLINE_DAYS.conceptNote * DAY_MS));
  }
}

/** A deadline falls at the end of its day in Brussels, 23:59, so that "due on 1 April" means the whole of 1 April. */
function endOfBrusselsDay(instant: Date): Date {
  const end = fromBrusselsTime(`${brusselsDay(instant)}T23:59`);
  // 23:59 exists on every Brussels day: the clocks change at 02:00 and 03:00.
  if (!end.ok) throw new Error(`No 23:59 in Brussels on ${brusselsDay(instant)}.`);
  return end.instant;
}

function set(tx: Tx, proposalId: number, kind: DeadlineKind, day: Date) {
  const fresh = { dueAt: endOfBrusselsDay(day), metAt: null, remindedAt: null, dueRemindedAt: null, extendedAt: null, extensionReason: null };
  tx.insert(proposalDeadlines)
    .values({ proposalId, kind, ...fresh })
    .onConflictDoUpdate({ target: [proposalDeadlines.proposalId, proposalDeadlines.kind], set: fresh })
    .run();
}

function meet(tx: Tx, proposalId: number, kinds: DeadlineKind[], now: Date) {
  tx.update(proposalDeadlines)
    .set({ metAt: now })
    .where(and(eq(proposalDeadlines.proposalId, proposalId), inArray(proposalDeadlines.kind, kinds), isNull(proposalDeadlines.metAt)))
    .run();
}

/** Work sent back is owed again, by the revision's date unless the one already set is later. */
function reopen(tx: Tx, proposalId: number, kind: DeadlineKind, revisionDay: Date) {
  const revisionDue = endOfBrusselsDay(revisionDay);
  const current = tx.select().from(proposalDeadlines).where(and(eq(proposalDeadlines.proposalId, proposalId), eq(proposalDeadlines.kind, kind))).get();
  if (!current) return set(tx, proposalId, kind, revisionDue);
  const moved = revisionDue > current.dueAt;
  tx.update(proposalDeadlines)
    .set(moved ? { metAt: null, dueAt: revisionDue, remindedAt: null, dueRemindedAt: null } : { metAt: null })
    .where(eq(proposalDeadlines.id, current.id))
    .run();
}

/** The latest activity day the submitted concept note plans (its noon, UTC: the same calendar day in Brussels); null when none is dated. */
function lastPlannedActivity(tx: Tx, proposalId: number): Date | null {
  const approved = tx
    .select({ content: proposalVersions.content })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.kind, "conceptNote")))
    .orderBy(desc(proposalVersions.number))
    .get();
  const dates = readConceptNote(approved?.content)
    .activities.map((activity) => Date.parse(`${activity.date}T12:00:00Z`))
    .filter((time) => !Number.isNaN(time));
  return dates.length > 0 ? new Date(Math.max(...dates)) : null;
}

export type DeadlineView = {
  kind: DeadlineKind;
  label: string;
  dueAt: string;
  /** "12 days left", "due today", "3 days overdue"; "" once the work is in. */
  timeLeft: string;
  overdue: boolean;
  met: boolean;
  /** Still owed now: the applicants are reminded of it and an administrator may move it. */
  open: boolean;
  extension: { at: string; reason: string } | null;
};

// Read by every visit of a proposal's page: built and prepared once per connection.
const deadlinesStatement = preparedStatement((database) =>
  database.select().from(proposalDeadlines).where(eq(proposalDeadlines.proposalId, sql.placeholder("proposalId"))).prepare(),
);

/** The proposal's deadlines, as its pages show them, in the order the work comes. */
export function deadlinesOf(proposalId: number, state: string, now = new Date(), { t, language }: DeadlineWords = ENGLISH): DeadlineView[] {
  const rows = deadlinesStatement().all({ proposalId });
  return [...rows]
    .sort((a, b) => deadlineKinds.indexOf(a.kind) - deadlineKinds.indexOf(b.kind))
    .map((row) => {
      const open = row.metAt === null && owingStates(row.kind).includes(state as ProposalStatePath);
      return {
        kind: row.kind,
        label: t(DEADLINE_WORDS[row.kind].label),
        dueAt: formatBrusselsIn(language, row.dueAt),
        timeLeft: open ? timeLeft(row.dueAt, now, t) : "",
        overdue: open && row.dueAt < now,
        met: row.metAt !== null,
        open,
        extension: row.extendedAt ? { at: formatBrusselsIn(language, row.extendedAt), reason: row.extensionReason ?? "" } : null,
      };
    });
}

/** Whole days between the Brussels calendar days of now and the due date. */
function timeLeft(dueAt: Date, now: Date, t: TFunction) {
  const days = Math.round((Date.parse(brusselsDay(dueAt)) - Date.parse(brusselsDay(now))) / DAY_MS);
  if (days === 0) return t(dueAt < now ? "deadlinesPage.wasDueToday" : "deadlinesPage.dueToday");
  return days > 0 ? t("deadlinesPage.daysLeft", { count: days }) : t("deadlinesPage.daysOverdue", { count: -days });
}

function brusselsDay(instant: Date) {
  return toBrusselsTime(instant).slice(0, 10);
}

export type ExtensionOutcome = { ok: true; dueAt: string } | { ok: false; message: string };

/** An administrator moves one proposal's open deadline to a later time, saying why; the audit log keeps the old and new dates. */
export function extendDeadline(
  user: Pick<SessionUser, "id">,
  input: { proposalId: number; kind: DeadlineKind; dueAt: Date; reason: string },
  now = new Date(),
  { t, language }: DeadlineWords = ENGLISH,
): ExtensionOutcome {
  return db().transaction(
    (tx) => {
      const proposal = tx.select({ state: proposals.state }).from(proposals).where(eq(proposals.id, input.proposalId)).get();
      const current = tx
        .select()
        .from(proposalDeadlines)
        .where(and(eq(proposalDeadlines.proposalId, input.proposalId), eq(proposalDeadlines.kind, input.kind)))
        .get();
      if (!proposal || !current) return { ok: false, message: t(DEADLINE_WORDS[input.kind].noDeadline) };
      if (current.metAt !== null || !owingStates(input.kind).includes(proposal.state as ProposalStatePath)) {
        return { ok: false, message: t(DEADLINE_WORDS[input.kind].notOwed) };
      }
      if (input.reason.trim() === "") return { ok: false, message: t("deadlinesPage.reasonRequired") };
      if (input.dueAt <= current.dueAt) return { ok: false, message: t("deadlinesPage.notLater", { at: formatBrusselsIn(language, current.dueAt) }) };
      if (input.dueAt <= now) return { ok: false, message: t("deadlinesPage.notFuture") };
      tx.update(proposalDeadlines)
        .set({ dueAt: input.dueAt, remindedAt: null, dueRemindedAt: null, extendedAt: now, extensionReason: input.reason.trim() })
        .where(eq(proposalDeadlines.id, current.id))
        .run();
      audit(
        {
          actorUserId: user.id,
          action: "proposal.deadlineExtended",
          subjectType: "proposal",
          subjectId: input.proposalId,
          detail: { kind: input.kind, from: current.dueAt.toISOString(), to: input.dueAt.toISOString(), reason: input.reason.trim() },
        },
        tx,
      );
      return { ok: true, dueAt: formatBrusselsIn(language, input.dueAt) };
    },
    { behavior: "immediate" },
  );
}


type Owed = { deadlineId: number; proposalId: number; leadInstitutionId: number; kind: DeadlineKind; dueAt: Date; reference: string | null; title: string };

/**
 * The scheduler's part: each open deadline is reminded of twice, from three days before it and
 * on its day (Brussels time), even once its hour has passed. A run that finds both due (after
 * downtime) sends only the one of the day and marks both. Returns the reminders queued.
 */
export function remindDeadlines(now: Date): number {
  const owed = (condition: SQL) =>
    deadlineKinds.flatMap((kind) =>
      db()
        .select({
          deadlineId: proposalDeadlines.id,
          proposalId: proposals.id,
          leadInstitutionId: proposals.leadInstitutionId,
          kind: proposalDeadlines.kind,
          dueAt: proposalDeadlines.dueAt,
          reference: proposals.reference,
          title: proposals.title,
        })
        .from(proposalDeadlines)
        .innerJoin(proposals, eq(proposals.id, proposalDeadlines.proposalId))
        .where(and(condition, eq(proposalDeadlines.kind, kind), isNull(proposalDeadlines.metAt), inArray(proposals.state, owingStates(kind))))
        .all(),
    );
  const today = brusselsDay(now);
  const onTheDay = owed(
    and(isNull(proposalDeadlines.dueRemindedAt), gte(proposalDeadlines.dueAt, new Date(now.getTime() - DAY_MS)), lte(proposalDeadlines.dueAt, new Date(now.getTime() + DAY_MS)))!,
  ).filter((deadline) => brusselsDay(deadline.dueAt) === today);
  let sent = 0;
  for (const deadline of onTheDay) if (remind(deadline, "due", now)) sent++;
  const before = owed(and(isNull(proposalDeadlines.remindedAt), lte(proposalDeadlines.dueAt, new Date(now.getTime() + DEADLINE_REMINDER_BEFORE_MS)))!);
  for (const deadline of before) if (remind(deadline, "before", now)) sent++;
  return sent;
}

/** One reminder to every applicant of the proposal, marked in the same transaction that queues it, so that it goes once. */
function remind(deadline: Owed, when: "before" | "due", now: Date) {
  return db().transaction((tx) => {
    const marked = tx
      .update(proposalDeadlines)
      .set(when === "due" ? { dueRemindedAt: now, remindedAt: now } : { remindedAt: now })
      .where(and(eq(proposalDeadlines.id, deadline.deadlineId), isNull(when === "due" ? proposalDeadlines.dueRemindedAt : proposalDeadlines.remindedAt)))
      .run();
    if (marked.changes !== 1) return false;
    const words = DEADLINE_WORDS[deadline.kind];
    for (const recipient of applicantsOf(tx, { id: deadline.proposalId, leadInstitutionId: deadline.leadInstitutionId })) {
      enqueueEmail(tx, {
        // The key names the due date: a moved deadline is reminded of again, once.
        idempotencyKey: `deadline-${when}:${deadline.deadlineId}:${deadline.dueAt.getTime()}:${recipient.userId}`,
        to: recipient.email,
        template: "deadline-reminder",
        ...deadlineReminderEmail({
          appUrl: env().APP_URL,
          recipientName: recipient.name,
          reference: deadline.reference,
          title: deadline.title,
          work: deadline.kind,
          dueAt: deadline.dueAt,
          dueToday: when === "due",
          duePassed: when === "due" && deadline.dueAt <= now,
          workUrl: `${env().APP_URL}/proposals/${deadline.proposalId}/${words.page}`,
          language: recipientLanguage(recipient.locale),
        }),
      });
    }
    return true;
  });
}

/** The deadlines page: every deadline with its time left; for an administrator, the open ones to move, each with its date as the form shows it. */
export function deadlinesPage(proposalId: number, mayExtend: boolean, words: DeadlineWords, now = new Date()) {
  const proposal = db().select({ id: proposals.id, title: proposals.title, reference: proposals.reference, state: proposals.state }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  const deadlines = deadlinesOf(proposalId, proposal.state, now, words);
  const dueInputs = new Map(
    db()
      .select({ kind: proposalDeadlines.kind, dueAt: proposalDeadlines.dueAt })
      .from(proposalDeadlines)
      .where(eq(proposalDeadlines.proposalId, proposalId))
      .all()
      .map((row) => [row.kind, toBrusselsTime(row.dueAt)]),
  );
  return {
    proposal: { id: proposal.id, title: proposal.title || words.t("attachmentsPage.untitledProposal"), reference: proposal.reference },
    deadlines,
    movable: mayExtend ? deadlines.filter((d) => d.open).map((d) => ({ kind: d.kind, label: d.label, dueInput: dueInputs.get(d.kind) ?? "" })) : [],
  };
}
