import { and, eq, gt } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { runScheduledEvents } from "../../app/jobs/scheduler.server";
import { DEADLINE_REMINDER_BEFORE_MS, deadlinesOf, extendDeadline } from "../../app/proposals/deadlines.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { auditLog, outbox, proposalDeadlines } from "../../db/schema";
import type { DeadlineKind } from "../../db/schema";
import type { ProposalCommand } from "../../workflows/proposal-events";
import { formatBrussels } from "../../workflows/time";
import { admin, at, completionReport, conceptNote, DAY, driveTo, HOUR, leadApplicant, proposalRow, setContent, T0, userId } from "./builders";
import { useDatabase } from "../support/database";

// The applicants' deadlines: set when the stage begins, met when the work is in, reminded of
// before and on the day, once each, and moved for one proposal by an administrator with a reason.

useDatabase("demo");

const deadline = (id: number, kind: DeadlineKind) =>
  db().select().from(proposalDeadlines).where(and(eq(proposalDeadlines.proposalId, id), eq(proposalDeadlines.kind, kind))).get();
const lastOutboxId = () => db().select({ id: outbox.id }).from(outbox).orderBy(outbox.id).all().at(-1)?.id ?? 0;
const remindersSince = (from: number, id: number) =>
  db()
    .select()
    .from(outbox)
    .where(gt(outbox.id, from))
    .all()
    .filter((mail) => mail.template === "deadline-reminder" && mail.text.includes(`/proposals/${id}/`));
// T0 is 2 March 2026, 09:00 UTC. Deadlines fall at the end of their Brussels day: 30 days on is
// 1 April, 23:59 in Brussels (summer time by then).
const CONCEPT_DUE = new Date("2026-04-01T21:59:00.000Z");
const ADMIN_ID = () => ({ id: userId("admin@taf.example") });

function go(id: number, actor: ReturnType<typeof admin>, command: ProposalCommand, now: Date) {
  const outcome = applyProposalCommand({ proposalId: id, actor, command, now });
  if (!outcome.ok) throw new Error(`${command.type}: ${outcome.message}`);
}

describe("deadlines are set when the applicants' work begins", () => {
  it("conceptual work: the concept note is due 30 days after the decision, met on submission, owed again after a revision request", () => {
    const id = driveTo("drafting");
    expect(deadline(id, "conceptNote")).toMatchObject({ dueAt: CONCEPT_DUE, metAt: null });
    expect(deadlinesOf(id, proposalRow(id).state, at(18 * DAY))).toMatchObject([
      { kind: "conceptNote", label: "Concept note due", dueAt: "1 April 2026, 23:59 (Brussels time)", timeLeft: "12 days left", open: true, overdue: false },
    ]);
    expect(deadlinesOf(id, proposalRow(id).state, at(31 * DAY))[0]).toMatchObject({ timeLeft: "1 day overdue", overdue: true });

    setContent(id, { conceptNote });
    go(id, leadApplicant(), { type: "SUBMIT_CONCEPT" }, at(10 * DAY));
    expect(deadline(id, "conceptNote")!.metAt).toEqual(at(10 * DAY));
    expect(deadlinesOf(id, proposalRow(id).state, at(11 * DAY))[0]).toMatchObject({ met: true, open: false, timeLeft: "" });

    // Sent back with twenty days left: the date already set is kept, and the note is owed again.
    go(id, admin(), { type: "REQUEST_REVISION", reason: "Split the budget." }, at(10 * DAY + HOUR));
    expect(deadline(id, "conceptNote")).toMatchObject({ dueAt: CONCEPT_DUE, metAt: null });
    go(id, leadApplicant(), { type: "SUBMIT_CONCEPT", answer: "Split into travel and experts." }, at(25 * DAY));
    // Sent back after the date (11 April): 14 more days from the request, to the end of 25 April.
    go(id, admin(), { type: "REQUEST_REVISION", reason: "Add the risks." }, at(40 * DAY));
    expect(deadline(id, "conceptNote")).toMatchObject({ dueAt: new Date("2026-04-25T21:59:00.000Z"), metAt: null });
  });

  it("implementation: activity reports are due two weeks after the last planned activity, the completion report 30 days later; both met by the report", () => {
    const id = driveTo("ongoing");
    // The exercise is on 10 November 2026: reports by the end of 24 November, the completion report by the end of 24 December (winter time).
    expect(conceptNote.activities[0]!.date).toBe("2026-11-10");
    const completionDue = new Date("2026-12-24T22:59:00.000Z");
    expect(deadline(id, "activityReports")).toMatchObject({ dueAt: new Date("2026-11-24T22:59:00.000Z"), metAt: null });
    expect(deadline(id, "completionReport")).toMatchObject({ dueAt: completionDue, metAt: null });
    expect(deadlinesOf(id, proposalRow(id).state, T0).map((d) => d.label)).toEqual(["Concept note due", "Activity reports due", "Completion report due"]);

    setContent(id, { completionReport });
    go(id, leadApplicant(), { type: "SUBMIT_REPORT" }, at(DAY));
    expect(deadline(id, "activityReports")!.metAt).toEqual(at(DAY));
    expect(deadline(id, "completionReport")!.metAt).toEqual(at(DAY));
    go(id, admin(), { type: "REQUEST_REVISION", reason: "Add the number of people trained." }, at(2 * DAY));
    expect(deadline(id, "completionReport")).toMatchObject({ metAt: null, dueAt: completionDue });
    expect(deadline(id, "activityReports")!.metAt).toEqual(at(DAY));
  });
});

describe("the applicants are reminded before a deadline and on the day, once each", () => {
  it("three days before, then on the day, to the applicants of the lead and the confirmed partner, never twice", () => {
    const id = driveTo("drafting");
    const due = CONCEPT_DUE;
    const from = lastOutboxId();
    runScheduledEvents(new Date(due.getTime() - DEADLINE_REMINDER_BEFORE_MS - 1));
    expect(remindersSince(from, id)).toEqual([]);

    const run = runScheduledEvents(new Date(due.getTime() - DEADLINE_REMINDER_BEFORE_MS));
    expect(run.deadlineRemindersSent).toBeGreaterThanOrEqual(1);
    const before = remindersSince(from, id);
    expect(before.map((mail) => mail.recipient).sort()).toEqual(["applicant.al@taf.example", "applicant.xk@taf.example"]);
    expect(before[0]!.subject).toContain("Reminder: the concept note due");
    expect(before[0]!.text).toContain(formatBrussels(due));

    runScheduledEvents(new Date(due.getTime() - 2 * DAY));
    expect(remindersSince(from, id)).toHaveLength(2);

    const dayFrom = lastOutboxId();
    runScheduledEvents(new Date(due.getTime() - 2 * HOUR));
    const onTheDay = remindersSince(dayFrom, id);
    expect(onTheDay).toHaveLength(2);
    expect(onTheDay[0]!.subject).toContain("The concept note due today");
    runScheduledEvents(new Date(due.getTime() - HOUR));
    expect(remindersSince(dayFrom, id)).toHaveLength(2);
  });

  it("no reminder once the work is in, nor while implementation is on hold", () => {
    const submitted = driveTo("drafting");
    setContent(submitted, { conceptNote });
    go(submitted, leadApplicant(), { type: "SUBMIT_CONCEPT" }, at(DAY));
    const held = driveTo("ongoing");
    go(held, admin(), { type: "HOLD", reason: "Elections." }, at(DAY));
    const from = lastOutboxId();
    runScheduledEvents(at(400 * DAY));
    expect(remindersSince(from, submitted)).toEqual([]);
    expect(remindersSince(from, held)).toEqual([]);
  });
});

describe("an administrator moves one proposal's deadline", () => {
  it("to a later date with a reason: recorded in the audit log, shown to the applicants, and reminded of again", () => {
    const id = driveTo("drafting");
    runScheduledEvents(at(29 * DAY));
    expect(deadline(id, "conceptNote")!.remindedAt).not.toBeNull();

    const outcome = extendDeadline(ADMIN_ID(), { proposalId: id, kind: "conceptNote", dueAt: at(45 * DAY), reason: "The partner's minister changed." }, at(29 * DAY));
    expect(outcome).toEqual({ ok: true, dueAt: formatBrussels(at(45 * DAY)) });
    expect(deadline(id, "conceptNote")).toMatchObject({ dueAt: at(45 * DAY), remindedAt: null, dueRemindedAt: null, extensionReason: "The partner's minister changed." });
    const entry = db().select().from(auditLog).where(eq(auditLog.action, "proposal.deadlineExtended")).all().at(-1);
    expect(entry).toMatchObject({
      actorUserId: userId("admin@taf.example"),
      subjectType: "proposal",
      subjectId: String(id),
      detail: { kind: "conceptNote", from: CONCEPT_DUE.toISOString(), to: at(45 * DAY).toISOString(), reason: "The partner's minister changed." },
    });
    expect(deadlinesOf(id, proposalRow(id).state, at(29 * DAY))[0]).toMatchObject({ timeLeft: "16 days left", extension: { reason: "The partner's minister changed." } });

    const from = lastOutboxId();
    runScheduledEvents(at(42 * DAY));
    expect(remindersSince(from, id)).toHaveLength(2);
  });

  it("refuses, changing nothing: no reason, not later, in the past, work not owed, no such deadline", () => {
    const id = driveTo("drafting");
    const attempt = (kind: DeadlineKind, dueAt: Date, reason = "Needs more time.", proposalId = id) => extendDeadline(ADMIN_ID(), { proposalId, kind, dueAt, reason }, at(10 * DAY));
    expect(attempt("conceptNote", at(40 * DAY), "  ")).toEqual({ ok: false, message: "A reason for moving the deadline is required." });
    expect(attempt("conceptNote", CONCEPT_DUE)).toEqual({ ok: false, message: `The new deadline must be later than the current one, ${formatBrussels(CONCEPT_DUE)}.` });
    expect(attempt("completionReport", at(40 * DAY))).toEqual({ ok: false, message: "This proposal has no deadline for the completion report." });
    expect(extendDeadline(ADMIN_ID(), { proposalId: id, kind: "conceptNote", dueAt: at(35 * DAY), reason: "Late." }, at(36 * DAY))).toEqual({
      ok: false,
      message: "The new deadline must be in the future.",
    });
    setContent(id, { conceptNote });
    go(id, leadApplicant(), { type: "SUBMIT_CONCEPT" }, at(DAY));
    expect(attempt("conceptNote", at(40 * DAY))).toEqual({ ok: false, message: "The concept note is not owed now, so its deadline cannot be moved." });
    expect(deadline(id, "conceptNote")).toMatchObject({ dueAt: CONCEPT_DUE, extendedAt: null });
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.deadlineExtended")).all()).toEqual([]);
  });
});
