import { SYSTEM_ACTOR } from "../../workflows/actors";
import { eq, gt } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "../../app/db.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { applyRoundCommand } from "../../app/rounds/workflow.server";
import { REVIEW_REMINDER_BEFORE_MS, runScheduledEvents } from "../../app/jobs/scheduler.server";
import { outbox, reviewAssignments, roundEvents, rounds } from "../../db/schema";
import {
  addPerson,
  admin,
  assignReviewers,
  at,
  DAY,
  driveTo,
  eventsOf,
  expectRecorded,
  HOUR,
  makeRound,
  markReviewSubmitted,
  proposalRow,
  T0,
} from "./builders";
import { useDatabase } from "../support/database";
import { signInAs, submit } from "../support/http";
import * as desk from "../../app/routes/admin.rounds.$roundId_.review";
import { formatBrussels, fromBrusselsTime, toBrusselsTime } from "../../workflows/time";

// The scheduler turns stored times into events. Every run is given `now`, so each test sets
// the clock where it needs it; each starts from the demo, whose own due items may count too.

useDatabase("demo");

const roundRow = (id: number) => db().select().from(rounds).where(eq(rounds.id, id)).get()!;
const roundHistory = (id: number) => db().select().from(roundEvents).where(eq(roundEvents.roundId, id)).orderBy(roundEvents.id).all();
const lastOutboxId = () => db().select({ id: outbox.id }).from(outbox).orderBy(outbox.id).all().at(-1)?.id ?? 0;
const outboxSince = (id: number) => db().select().from(outbox).where(gt(outbox.id, id)).orderBy(outbox.id).all();
const assignment = (id: number) => db().select().from(reviewAssignments).where(eq(reviewAssignments.id, id)).get()!;

describe("rounds open and close at their stored times", () => {
  it("a planned round opens at its opening time, not a millisecond before, and the scheduler is recorded as the actor", () => {
    const round = makeRound({ open: false, opensAt: at(10 * DAY), closesAt: at(20 * DAY) });
    runScheduledEvents(at(10 * DAY - 1));
    expect(roundRow(round.id)).toMatchObject({ state: "planned", version: 1 });

    const run = runScheduledEvents(at(10 * DAY));
    expect(run.roundsOpened).toBeGreaterThanOrEqual(1);
    expect(roundRow(round.id)).toMatchObject({ state: "open", version: 2, opensAt: at(10 * DAY) });
    expect(roundHistory(round.id)).toMatchObject([{ type: "OPEN", actorRole: "system", actorUserId: null, fromState: "planned", toState: "open", version: 2, at: at(10 * DAY) }]);
  });

  it("a deadline round closes at its closing time, not before", () => {
    const round = makeRound({ opensAt: at(-DAY), closesAt: at(5 * DAY) });
    runScheduledEvents(at(5 * DAY - 1));
    expect(roundRow(round.id).state).toBe("open");
    runScheduledEvents(at(5 * DAY));
    expect(roundRow(round.id).state).toBe("closed");
    expect(roundHistory(round.id).at(-1)).toMatchObject({ type: "CLOSE", actorRole: "system", fromState: "open", toState: "closed", at: at(5 * DAY) });
  });

  it("a rolling round is never closed by the scheduler, only by an administrator", () => {
    const round = makeRound({ mode: "rolling", opensAt: at(-DAY), closesAt: null });
    expect(round.closesAt).toBeNull();
    runScheduledEvents(at(3650 * DAY));
    expect(roundRow(round.id)).toMatchObject({ state: "open", version: 2 });
    expect(applyRoundCommand({ roundId: round.id, actor: SYSTEM_ACTOR, command: { type: "CLOSE" }, now: at(3650 * DAY) })).toEqual({
      ok: false,
      problem: "refused",
      message: "A rolling round has no closing time: only an administrator closes it.",
    });
    expect(applyRoundCommand({ roundId: round.id, actor: admin(), command: { type: "CLOSE" }, now: at(DAY) })).toMatchObject({ ok: true, state: "closed" });
  });
});

describe("clarification requests expire", () => {
  it("at the due date the proposal goes back to an administrator's decision, who is told by mail", () => {
    const id = driveTo("awaitingDecision");
    const dueAt = at(3 * DAY);
    const asked = applyProposalCommand({ proposalId: id, actor: admin(), command: { type: "REQUEST_CLARIFICATION", question: "Which unit?", dueAt }, now: T0 });
    expect(asked.ok).toBe(true);

    runScheduledEvents(at(3 * DAY - 1));
    expect(proposalRow(id).state).toBe("eligibility.clarificationRequested");

    const before = proposalRow(id);
    const eventsBefore = eventsOf(id).length;
    const mailFrom = lastOutboxId();
    const run = runScheduledEvents(at(3 * DAY));
    expect(run.clarificationsExpired).toBeGreaterThanOrEqual(1);
    const after = proposalRow(id);
    expectRecorded(before, after, eventsBefore, SYSTEM_ACTOR, { type: "CLARIFICATION_EXPIRED" }, { now: at(3 * DAY), to: "eligibility.awaitingDecision" });
    expect(after.clarificationDueAt).toBeNull();
    expect(eventsOf(id).at(-1)!.payload).toEqual({ now: at(3 * DAY).toISOString(), dueAt: dueAt.toISOString() });

    const expiry = eventsOf(id).at(-1)!;
    const mail = outboxSince(mailFrom).filter((m) => m.idempotencyKey.startsWith(`proposal-event:${expiry.id}:`));
    expect(mail.map((m) => `${m.template} → ${m.recipient}`)).toEqual(["proposal-to-decide → admin@taf.example"]);
    expect(mail[0]!.text).toMatch(/clarification/i);

    // The administrator decides, as after any check.
    expect(applyProposalCommand({ proposalId: id, actor: admin(), command: { type: "CONFIRM_ELIGIBLE", reason: "" }, now: at(4 * DAY) })).toMatchObject({
      ok: true,
      state: "euReview.awaitingReviewers",
    });
  });

  it("an answered request does not expire", () => {
    const id = driveTo("awaitingDecision");
    applyProposalCommand({ proposalId: id, actor: admin(), command: { type: "REQUEST_CLARIFICATION", question: "Which unit?", dueAt: at(DAY) }, now: T0 });
    const answered = applyProposalCommand({
      proposalId: id,
      actor: { userId: proposalRow(id).createdByUserId, role: "applicant", institutionId: proposalRow(id).leadInstitutionId },
      command: { type: "RESPOND", message: "The Anti-Drug Unit." },
      now: at(HOUR),
    });
    expect(answered.ok).toBe(true);
    const before = proposalRow(id);
    runScheduledEvents(at(2 * DAY));
    expect(proposalRow(id)).toEqual(before);
  });
});

describe("reviewers are reminded before their due date and on it", () => {
  it("once, only for unsubmitted reviews due within 48 hours, only while the proposal takes reviews", () => {
    const now = at(100 * DAY);
    const soon = new Date(now.getTime() + REVIEW_REMINDER_BEFORE_MS);
    expect(REVIEW_REMINDER_BEFORE_MS).toBe(48 * HOUR);
    addPerson({ email: "reviewer.third@taf.example", name: "Third Reviewer", role: "reviewer" });
    addPerson({ email: "reviewer.gone@taf.example", name: "Former Reviewer", role: "reviewer", active: false });

    const reviewing = driveTo("reviewing");
    const [dueAtEdge, dueLater] = [soon, new Date(soon.getTime() + HOUR)];
    const [eu, expert] = db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, reviewing)).orderBy(reviewAssignments.id).all();
    db().update(reviewAssignments).set({ dueAt: dueAtEdge }).where(eq(reviewAssignments.id, eu!.id)).run();
    db().update(reviewAssignments).set({ dueAt: dueLater }).where(eq(reviewAssignments.id, expert!.id)).run();
    const [third, gone] = assignReviewers(reviewing, ["reviewer.third@taf.example", "reviewer.gone@taf.example"], at(100 * DAY + HOUR));
    markReviewSubmitted(third!, at(99 * DAY));

    // The review is closed (deciding): nobody is asked to score. Awaiting reviewers, the
    // proposal already takes reviews: its reviewer, due within the hour, is reminded on the day.
    const deciding = driveTo("deciding");
    const [late] = assignReviewers(deciding, ["reviewer.third@taf.example"], at(100 * DAY + HOUR));
    const awaiting = driveTo("awaitingReviewers");
    const [early] = assignReviewers(awaiting, ["reviewer.eu@taf.example"], at(100 * DAY + HOUR));

    const mailFrom = lastOutboxId();
    runScheduledEvents(now);
    // Only this test's assignments count: the demo's proposals have reviews of their own.
    const mine = new Set(
      [eu!.id, expert!.id, third!, gone!, late!, early!].flatMap((id) => [`review-reminder:${id}:${assignment(id).dueAt.getTime()}`, `review-due:${id}:${assignment(id).dueAt.getTime()}`]),
    );
    const reminders = () => outboxSince(mailFrom).filter((m) => mine.has(m.idempotencyKey));
    const mail = reminders();
    expect(mail.map((m) => [m.template, m.recipient, m.idempotencyKey])).toEqual([
      ["review-reminder", "reviewer.eu@taf.example", `review-due:${early}:${assignment(early!).dueAt.getTime()}`],
      ["review-reminder", "reviewer.eu@taf.example", `review-reminder:${eu!.id}:${dueAtEdge.getTime()}`],
    ]);
    expect(mail[0]!.subject).toBe(`Review due today for ${proposalRow(awaiting).reference}: ${proposalRow(awaiting).title}`);
    expect(mail[1]!.subject).toBe(`Review reminder for ${proposalRow(reviewing).reference}: ${proposalRow(reviewing).title}`);
    expect(mail[1]!.text).toContain(`/reviews/${eu!.id}`);
    expect(assignment(eu!.id).remindedAt).toEqual(now);
    expect(assignment(eu!.id).dueRemindedAt).toBeNull();
    // The reminder of the day stands for the one before: it is not sent after it.
    expect(assignment(early!)).toMatchObject({ remindedAt: now, dueRemindedAt: now });
    for (const untouched of [expert!.id, third!, gone!, late!]) expect(assignment(untouched).remindedAt).toBeNull();

    // The next tick sends nothing again for the same review; an hour later the second one is due.
    expect(runScheduledEvents(now).remindersSent).toBe(0);
    expect(reminders()).toHaveLength(2);
    runScheduledEvents(new Date(now.getTime() + HOUR));
    expect(reminders().map((m) => m.recipient)).toEqual(["reviewer.eu@taf.example", "reviewer.eu@taf.example", "reviewer.expert@taf.example"]);
    for (const untouched of [third!, gone!, late!]) expect(assignment(untouched).remindedAt).toBeNull();
  });

  it("on the due day, once, with the button to the review; not for a review already submitted", () => {
    const reviewing = driveTo("reviewing");
    const [eu, expert] = db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, reviewing)).orderBy(reviewAssignments.id).all();
    const dueAt = at(300 * DAY);
    for (const a of [eu!, expert!]) db().update(reviewAssignments).set({ dueAt, remindedAt: at(298 * DAY) }).where(eq(reviewAssignments.id, a.id)).run();
    markReviewSubmitted(expert!.id, at(299 * DAY));
    const mailFrom = lastOutboxId();
    const mine = (m: { idempotencyKey: string }) => [eu!.id, expert!.id].some((id) => m.idempotencyKey === `review-due:${id}:${dueAt.getTime()}`);

    // The day before: nothing. The due day, an hour before the due time: the reminder of the day.
    runScheduledEvents(new Date(dueAt.getTime() - DAY));
    expect(outboxSince(mailFrom).filter(mine)).toEqual([]);
    runScheduledEvents(new Date(dueAt.getTime() - HOUR));
    const mail = outboxSince(mailFrom).filter(mine);
    expect(mail.map((m) => [m.recipient, m.idempotencyKey])).toEqual([["reviewer.eu@taf.example", `review-due:${eu!.id}:${dueAt.getTime()}`]]);
    expect(mail[0]!.subject).toBe(`Review due today for ${proposalRow(reviewing).reference}: ${proposalRow(reviewing).title}`);
    expect(mail[0]!.text).toContain("is due today");
    expect(mail[0]!.text).toContain(`Open your review:\nhttp://localhost:3000/reviews/${eu!.id}`);
    runScheduledEvents(dueAt);
    expect(outboxSince(mailFrom).filter(mine)).toHaveLength(1);
  });

  it("on the due day after its hour, says the review was due rather than is due", () => {
    const reviewing = driveTo("reviewing");
    const [eu] = db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, reviewing)).orderBy(reviewAssignments.id).all();
    const brussels = (wallClock: string) => {
      const time = fromBrusselsTime(wallClock);
      if (!time.ok) throw new Error(`${wallClock} is no Brussels time`);
      return time.instant;
    };
    const dueAt = brussels("2027-03-10T10:00");
    db().update(reviewAssignments).set({ dueAt, remindedAt: brussels("2027-03-08T10:00") }).where(eq(reviewAssignments.id, eu!.id)).run();
    const mailFrom = lastOutboxId();

    runScheduledEvents(brussels("2027-03-10T15:00"));
    const mail = outboxSince(mailFrom).filter((m) => m.idempotencyKey === `review-due:${eu!.id}:${dueAt.getTime()}`);
    expect(mail.map((m) => m.subject)).toEqual([`Review was due today for ${proposalRow(reviewing).reference}: ${proposalRow(reviewing).title}`]);
    expect(mail[0]!.text).toContain(`was due today, ${formatBrussels(dueAt)}.`);
    expect(mail[0]!.text).toContain("as soon as you can");
    expect(mail[0]!.text).not.toContain("is due today");
  });

  it("again, once, for a due date moved on the review desk after the reminders went", async () => {
    const reviewing = driveTo("reviewing");
    const [eu] = db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, reviewing)).orderBy(reviewAssignments.id).all();
    const firstDue = new Date(Date.now() + DAY);
    db().update(reviewAssignments).set({ dueAt: firstDue }).where(eq(reviewAssignments.id, eu!.id)).run();
    const mailFrom = lastOutboxId();
    const remindersOf = () => outboxSince(mailFrom).filter((m) => m.idempotencyKey.startsWith(`review-reminder:${eu!.id}:`) || m.idempotencyKey.startsWith(`review-due:${eu!.id}:`));
    runScheduledEvents(new Date());
    expect(remindersOf().map((m) => m.idempotencyKey)).toEqual([`review-reminder:${eu!.id}:${firstDue.getTime()}`]);

    const roundId = String(proposalRow(reviewing).roundId);
    const cookie = await signInAs("admin@taf.example");
    const { version } = assignment(eu!.id);
    const moved = await submit(desk, `/admin/rounds/${roundId}/review`, { intent: "due", assignmentId: String(eu!.id), version: String(version), dueAt: toBrusselsTime(new Date(Date.now() + 10 * DAY)) }, { cookie, params: { roundId } });
    expect(moved).toMatchObject({ ok: true });
    const newDue = assignment(eu!.id).dueAt;
    expect(assignment(eu!.id)).toMatchObject({ remindedAt: null, dueRemindedAt: null });

    // Two days before the new date the reviewer is reminded of it, once however often the scheduler runs.
    const beforeNewDue = new Date(newDue.getTime() - REVIEW_REMINDER_BEFORE_MS + HOUR);
    runScheduledEvents(beforeNewDue);
    runScheduledEvents(beforeNewDue);
    const mail = remindersOf();
    expect(mail.map((m) => m.idempotencyKey)).toEqual([`review-reminder:${eu!.id}:${firstDue.getTime()}`, `review-reminder:${eu!.id}:${newDue.getTime()}`]);
    expect(mail[1]!.text).toContain(`due on ${formatBrussels(newDue)}`);
  });
});

describe("a missed tick", () => {
  it("is caught up in one run: the round opens and closes, the clarification expires, the reminder goes out; a second run does nothing", () => {
    const base = 200 * DAY;
    const round = makeRound({ open: false, opensAt: at(base + DAY), closesAt: at(base + 5 * DAY) });

    const waiting = driveTo("awaitingDecision");
    applyProposalCommand({ proposalId: waiting, actor: admin(), command: { type: "REQUEST_CLARIFICATION", question: "Which unit?", dueAt: at(base + 3 * DAY) }, now: T0 });
    const reviewing = driveTo("reviewing");
    const assignments = db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, reviewing)).all();
    for (const a of assignments) db().update(reviewAssignments).set({ dueAt: at(base + 31 * DAY) }).where(eq(reviewAssignments.id, a.id)).run();

    // The server was down from day 0 to day 30 of this test.
    const now = at(base + 30 * DAY);
    const first = runScheduledEvents(now);
    expect(first.roundsOpened).toBeGreaterThanOrEqual(1);
    expect(first.roundsClosed).toBeGreaterThanOrEqual(1);
    expect(first.clarificationsExpired).toBeGreaterThanOrEqual(1);
    expect(first.remindersSent).toBeGreaterThanOrEqual(2);
    expect(roundRow(round.id)).toMatchObject({ state: "closed", version: 3 });
    expect(roundHistory(round.id).map((e) => `${e.type} ${e.fromState}→${e.toState}`)).toEqual(["OPEN planned→open", "CLOSE open→closed"]);
    expect(proposalRow(waiting).state).toBe("eligibility.awaitingDecision");
    expect(assignments.map((a) => assignment(a.id).remindedAt)).toEqual([now, now]);

    const mailFrom = lastOutboxId();
    const historyFrom = db().select({ id: roundEvents.id }).from(roundEvents).all().length;
    expect(runScheduledEvents(now)).toEqual({ roundsOpened: 0, roundsClosed: 0, clarificationsExpired: 0, remindersSent: 0, clarificationRemindersSent: 0, deadlineRemindersSent: 0 });
    expect(outboxSince(mailFrom)).toEqual([]);
    expect(db().select({ id: roundEvents.id }).from(roundEvents).all().length).toBe(historyFrom);
  });
});

describe("one broken item does not stop the scheduler", () => {
  it("logs a round it cannot restore and still opens the others", () => {
    const broken = makeRound({ open: false, opensAt: at(-2 * HOUR) });
    const healthy = makeRound({ open: false, opensAt: at(-2 * HOUR) });
    // A round stored by a workflow version this server does not know.
    db().update(rounds).set({ machineVersion: 99 }).where(eq(rounds.id, broken.id)).run();
    const run = runScheduledEvents(T0);
    expect(roundRow(healthy.id).state).toBe("open");
    expect(roundRow(broken.id).state).toBe("planned");
    expect(run.roundsOpened).toBeGreaterThanOrEqual(1);
    const logged = vi.mocked(console.error).mock.calls.map((call) => String(call[0]));
    expect(logged.some((line) => line.includes(`open round ${broken.code}`))).toBe(true);
    vi.mocked(console.error).mockClear();
  });
});
