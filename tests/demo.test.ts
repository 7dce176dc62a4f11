import { and, asc, count, eq, inArray, isNull, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../app/db.server";
import { replayHistory } from "../app/proposals/workflow.server";
import { runScheduledEvents } from "../app/jobs/scheduler.server";
import { openDatabase } from "../db/client";
import { demoPeople, hasDemoPeople, loadDemoData } from "../app/demo/demo.server";
import {
  activities,
  activityReports,
  assignmentEvents,
  eligibilityChecks,
  feedbackAnswers,
  feedbackInvitations,
  feedbackSurveys,
  institutions,
  outbox,
  proposalDecisions,
  proposalEvents,
  proposalPartners,
  proposals,
  proposalVersions,
  reviewAssignments,
  reviewConflicts,
  reviews,
  roundEvents,
  rounds,
  users,
} from "../db/schema";
import { persistProposal } from "../workflows/proposal.machine";
import { DEMO_NOW } from "./support/clock";
import { useDatabase } from "./support/database";

// The demo data: rounds and proposals in the states the demo promises, reached only through the
// workflow's events, dated in the past, without mail for the invented history, loaded once.
// Each test reads the demo as the test run loaded it, dated from DEMO_NOW.

useDatabase("demo");

const tables = { users, institutions, rounds, roundEvents, proposals, proposalEvents, proposalPartners, proposalVersions, eligibilityChecks, reviewAssignments, reviews, proposalDecisions, outbox };
const counts = () => Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, db().select({ n: count() }).from(table).get()!.n]));

const byTitle = (title: string) => {
  const row = db().select().from(proposals).where(eq(proposals.title, title)).get();
  if (!row) throw new Error(`No demo proposal "${title}"`);
  return row;
};
const institutionName = (id: number) => db().select({ name: institutions.name }).from(institutions).where(eq(institutions.id, id)).get()!.name;
const userIdOf = (email: string) => db().select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
const roundCode = (id: number) => db().select({ code: rounds.code }).from(rounds).where(eq(rounds.id, id)).get()!.code;

const expected: [title: string, round: string, lead: string, state: string][] = [
  ["Joint investigations of complex drug-trafficking networks", "2026-R1", "Kosovo* Police", "implementation.active.ongoing"],
  ["Prosecuting returning foreign terrorist fighters: a regional practice exchange", "2026-R1", "Public Prosecutor's Office of North Macedonia", "implementation.onHold"],
  ["Following the money: financial investigations of migrant-smuggling networks", "2026-R1", "Prosecutor's Office for Organised Crime of Serbia", "conceptualWork.drafting"],
  ["Firearms trafficking from the Western Balkans: a regional awareness programme", "2026-R1", "State Investigation and Protection Agency (SIPA)", "notSelected"],
  ["Faster mutual legal assistance in organised crime and asset recovery cases", "2026-R1", "Ministry of Justice of Montenegro", "completed"],
  ["Joint operational analysis of cocaine routes through the port of Durrës", "2026-R2", "Albanian State Police", "eligibility.awaitingDecision"],
  ["Early identification of victims of trafficking in human beings in cross-border cases", "2026-R2", "Ministry of Justice of Montenegro", "eligibility.clarificationRequested"],
  ["Cybercrime: cross-border electronic evidence", "2026-R2", "Kosovo* Police", "draft"],
  ["A shared alert channel for stolen vehicles", "ROLLING", "Albanian State Police", "draft"],
  ["Tracing and confiscating criminal assets across borders", "2026-R2", "Prosecutor's Office for Organised Crime of Serbia", "euReview.reviewing"],
  ["Migrant smuggling on the Balkan route: joint analysis of border crossings", "2026-R2", "Public Prosecutor's Office of North Macedonia", "euReview.reviewing"],
  ["Preventing radicalisation in prisons: a practice exchange", "2026-R2", "State Investigation and Protection Agency (SIPA)", "euReview.reviewing"],
  ["Tracing seized firearms across borders: joint firearms focal points", "2026-R2", "State Investigation and Protection Agency (SIPA)", "euReview.deciding"],
  ["Witness protection in cross-border organised crime trials", "2026-R2", "Public Prosecutor's Office of North Macedonia", "eligibility.awaitingDecision"],
];

describe("demo data", () => {
  // How long it takes is measured by `npm run bench`, never asserted here.
  it("loads into an empty database", async () => {
    const other = openDatabase(":memory:");
    try {
      expect(await loadDemoData(other.db, DEMO_NOW)).toBe(true);
      expect(hasDemoPeople(other.db)).toBe(true);
      expect(other.db.select({ n: count() }).from(users).get()!.n).toBe(demoPeople.length);
    } finally {
      other.sqlite.close();
    }
  });

  it("has the three rounds, opened and closed by the scheduler in the past", () => {
    const all = db().select().from(rounds).orderBy(asc(rounds.code)).all();
    expect(all.map((r) => [r.code, r.title, r.mode, r.state])).toEqual([
      ["2026-R1", "First call for proposals 2026", "deadline", "closed"],
      ["2026-R2", "Second call for proposals 2026", "deadline", "open"],
      ["ROLLING", "Rolling intake", "rolling", "open"],
    ]);
    const [r1, r2, rolling] = all;
    const now = DEMO_NOW.getTime();
    const daysFromNow = (d: Date | null) => (d!.getTime() - now) / 86_400_000;
    expect(daysFromNow(r1!.opensAt)).toBeCloseTo(-200, -1);
    expect(daysFromNow(r1!.closesAt)).toBeCloseTo(-120, -1);
    expect(daysFromNow(r2!.opensAt)).toBeCloseTo(-30, -1);
    expect(daysFromNow(r2!.closesAt)).toBeCloseTo(45, -1);
    expect(rolling!.closesAt).toBeNull();
    // Deadlines at 17:00 in Brussels.
    const brussels = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    expect(brussels.format(r1!.closesAt!)).toBe("17:00");
    expect(brussels.format(r2!.closesAt!)).toBe("17:00");

    const history = db().select().from(roundEvents).orderBy(asc(roundEvents.id)).all();
    expect(history.map((e) => [roundCode(e.roundId), e.type, e.actorRole, e.actorUserId])).toEqual([
      ["2026-R1", "OPEN", "system", null],
      ["2026-R1", "CLOSE", "system", null],
      ["ROLLING", "OPEN", "system", null],
      ["2026-R2", "OPEN", "system", null],
    ]);
    expect(history.find((e) => e.type === "CLOSE")!.at).toEqual(r1!.closesAt);
  });

  it("has each demo proposal in its round, led by its institution, in its intended state", () => {
    expect(db().select({ n: count() }).from(proposals).get()!.n).toBe(expected.length);
    for (const [title, round, lead, state] of expected) {
      const p = byTitle(title);
      expect([title, roundCode(p.roundId), institutionName(p.leadInstitutionId), p.state]).toEqual([title, round, lead, state]);
    }
  });

  it("reaches every state only through the workflow: each history replays to the stored snapshot", () => {
    for (const proposal of db().select().from(proposals).all()) {
      const replayed = replayHistory(proposal.id);
      expect(replayed, proposal.title).not.toBeNull();
      expect(JSON.stringify(persistProposal(replayed!)), proposal.title).toBe(JSON.stringify(proposal.snapshot));
      const events = db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposal.id)).orderBy(asc(proposalEvents.id)).all();
      expect(events.at(-1)!.toState, proposal.title).toBe(proposal.state);
      expect(events.at(-1)!.version, proposal.title).toBe(proposal.version);
      // Dated in the past, in order.
      const times = events.map((e) => e.at.getTime());
      expect(times, proposal.title).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times), proposal.title).toBeLessThan(DEMO_NOW.getTime());
    }
  });

  it("tells the first round's story with the right people", () => {
    const standOut = byTitle("Joint investigations of complex drug-trafficking networks");
    expect(standOut.reference).toBe("TAF-2026-R1-001");
    const events = db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, standOut.id)).orderBy(asc(proposalEvents.id)).all();
    expect(events.map((e) => e.type)).toEqual([
      "CREATE",
      "SUBMIT",
      "ELIGIBILITY_CHECKED",
      "CONFIRM_ELIGIBLE",
      "START_REVIEW",
      "CLOSE_REVIEW",
      "DECIDE",
      "SUBMIT_CONCEPT",
      "APPROVE_CONCEPT",
      "START",
    ]);
    const applicantXk = db().select().from(users).where(eq(users.email, "applicant.xk@taf.example")).get()!;
    const admin = db().select().from(users).where(eq(users.email, "admin@taf.example")).get()!;
    const submit = events.find((e) => e.type === "SUBMIT")!;
    expect([submit.actorUserId, submit.actorRole, submit.actorInstitutionId]).toEqual([applicantXk.id, "applicant", standOut.leadInstitutionId]);
    expect(events.find((e) => e.type === "DECIDE")!.actorUserId).toBe(admin.id);
    // Decided with the priority mark and released, as the round's decisions page does.
    const decision = db().select().from(proposalDecisions).where(eq(proposalDecisions.proposalId, standOut.id)).get()!;
    expect([decision.outcome, decision.priority, decision.decidedByUserId]).toEqual(["promising", true, admin.id]);
    expect(decision.releasedAt).toEqual(events.find((e) => e.type === "DECIDE")!.at);
    expect(events.find((e) => e.type === "ELIGIBILITY_CHECKED")!.actorRole).toBe("system");

    // Submitted inside the window: every automatic check passed, but the one the eligibility
    // desk shows with a criterion left to a person (a partner registered as "Other").
    const checks = db().select().from(eligibilityChecks).all();
    expect(checks.map((c) => c.overall).sort()).toEqual([...Array(11).fill("passed"), "needsPerson"].sort());
    const leftToAPerson = checks.find((c) => c.overall === "needsPerson")!;
    expect(leftToAPerson.proposalId).toBe(byTitle("Witness protection in cross-border organised crime trials").id);
    expect((leftToAPerson.results as { id: string; outcome: string; reason: string }[]).find((r) => r.outcome !== "passed")).toMatchObject({
      id: "eligibleInstitutions",
      outcome: "needsPerson",
      reason: expect.stringContaining('Institute for Security Policy of Serbia (Serbia) is registered as "Other"'),
    });

    // Partners: confirmed with a statement; answered by their demo applicant when there is one.
    const partners = db().select().from(proposalPartners).where(eq(proposalPartners.proposalId, standOut.id)).all();
    expect(partners.map((p) => [institutionName(p.institutionId), p.status])).toEqual([
      ["Albanian State Police", "confirmed"],
      ["Public Prosecutor's Office of North Macedonia", "confirmed"],
    ]);
    for (const p of partners) {
      expect(p.statement).toBeTruthy();
      expect(p.respondedAt!.getTime()).toBeGreaterThan(p.invitedAt.getTime());
      expect(p.respondedByUserId).not.toBeNull();
    }

    // Both reviewers submitted before the review closed.
    const closedAt = events.find((e) => e.type === "CLOSE_REVIEW")!.at.getTime();
    const reviews = db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, standOut.id)).all();
    expect(reviews).toHaveLength(2);
    for (const r of reviews) expect(r.submittedAt!.getTime()).toBeLessThan(closedAt);
    const firstRound = db().select({ id: proposals.id }).from(proposals).where(eq(proposals.roundId, standOut.roundId)).all().map((p) => p.id);
    expect(db().select({ n: count() }).from(reviewAssignments).where(and(inArray(reviewAssignments.proposalId, firstRound), isNull(reviewAssignments.submittedAt))).get()!.n).toBe(0);

    const content = standOut.content as { conceptNote?: unknown };
    expect(content.conceptNote).toBeTruthy();
    // The proposal as submitted, the concept note as submitted once, and the activity reports
    // as sent: the first activity's report, its correction, the second's.
    const versions = db().select().from(proposalVersions).where(eq(proposalVersions.proposalId, standOut.id)).orderBy(proposalVersions.id).all();
    expect(versions.map((v) => [v.kind, v.number])).toEqual([
      ["proposal", 1],
      ["conceptNote", 1],
      ["activityReport", 1],
      ["activityReport", 2],
      ["activityReport", 3],
    ]);
    // The plan: the concept note's three activities and a training added in implementation, two held.
    const planned = db().select().from(activities).where(eq(activities.proposalId, standOut.id)).all();
    expect(planned.map((a) => a.title)).toHaveLength(4);
    expect(db().select().from(activityReports).where(eq(activityReports.proposalId, standOut.id)).all().map((r) => [r.activityKey, r.participants])).toEqual([
      ["activity-1", 18],
      ["activity-2", 8],
    ]);
  });

  it("holds the details each later page needs", () => {
    const onHold = db().select().from(proposalEvents).where(and(eq(proposalEvents.proposalId, byTitle("Prosecuting returning foreign terrorist fighters: a regional practice exchange").id), eq(proposalEvents.type, "HOLD"))).get()!;
    expect(onHold.payload.reason).toBe("The joint training waits for the new legal framework on FTF returnees.");

    const revised = byTitle("Following the money: financial investigations of migrant-smuggling networks");
    const revision = db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, revised.id)).orderBy(asc(proposalEvents.id)).all().at(-1)!;
    expect([revision.type, revision.fromState]).toEqual(["REQUEST_REVISION", "conceptualWork.underReview"]);

    const decision = db().select().from(proposalEvents).where(and(eq(proposalEvents.proposalId, byTitle("Firearms trafficking from the Western Balkans: a regional awareness programme").id), eq(proposalEvents.type, "DECIDE"))).get()!;
    expect(decision.payload.outcome).toBe("notSelected");
    expect(String(decision.payload.sharedFeedback)).not.toBe("");

    const completed = byTitle("Faster mutual legal assistance in organised crime and asset recovery cases");
    expect((completed.content as { completionReport?: { lessonsLearnt?: string } }).completionReport?.lessonsLearnt).toBeTruthy();

    const clarification = byTitle("Early identification of victims of trafficking in human beings in cross-border cases");
    const dueInDays = (clarification.clarificationDueAt!.getTime() - DEMO_NOW.getTime()) / 86_400_000;
    expect(dueInDays).toBeGreaterThan(6);
    expect(dueInDays).toBeLessThan(8);

    const draft = byTitle("Cybercrime: cross-border electronic evidence");
    expect(draft.reference).toBeNull();
    expect(db().select().from(proposalPartners).where(eq(proposalPartners.proposalId, draft.id)).all().map((p) => [institutionName(p.institutionId), p.status, p.respondedAt])).toEqual([
      ["Prosecutor's Office for Organised Crime of Serbia", "invited", null],
    ]);

    const rolling = byTitle("A shared alert channel for stolen vehicles");
    expect(Object.keys(rolling.content).length).toBeGreaterThan(0);
    expect(Object.keys(rolling.content).length).toBeLessThan(11);
    expect(db().select().from(proposalPartners).where(eq(proposalPartners.proposalId, rolling.id)).all().map((p) => p.status)).toEqual(["confirmed"]);
  });

  it("leaves the demo reviewers work waiting in the second round's EU review, given as reviewers give it", () => {
    const assignmentsOf = (title: string) =>
      db()
        .select({ reviewer: users.email, state: reviewAssignments.state, dueAt: reviewAssignments.dueAt, review: reviews })
        .from(reviewAssignments)
        .innerJoin(users, eq(users.id, reviewAssignments.reviewerUserId))
        .leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
        .where(eq(reviewAssignments.proposalId, byTitle(title).id))
        .orderBy(asc(users.email))
        .all();
    const historyOf = (title: string) =>
      db()
        .select({ type: assignmentEvents.type, reviewer: users.email })
        .from(assignmentEvents)
        .innerJoin(reviewAssignments, eq(reviewAssignments.id, assignmentEvents.assignmentId))
        .innerJoin(users, eq(users.id, reviewAssignments.reviewerUserId))
        .where(eq(reviewAssignments.proposalId, byTitle(title).id))
        .orderBy(asc(assignmentEvents.id))
        .all()
        .map((event) => `${event.reviewer.split("@")[0]} ${event.type}`);

    // One review in, the other a draft scored on two of the five criteria.
    const partly = assignmentsOf("Tracing and confiscating criminal assets across borders");
    expect(partly.map((a) => [a.reviewer, a.state, a.review?.submittedAt !== null, Object.keys(a.review?.scores ?? {}).length])).toEqual([
      ["reviewer.eu@taf.example", "submitted", true, 5],
      ["reviewer.expert@taf.example", "reviewing", false, 2],
    ]);
    expect(partly[1]!.review!.recommendation).toBeNull();
    for (const a of partly) expect(a.dueAt.getTime()).toBeGreaterThan(DEMO_NOW.getTime());

    // Both in, 3 points apart on one criterion.
    const apart = assignmentsOf("Migrant smuggling on the Balkan route: joint analysis of border crossings");
    expect(apart.map((a) => a.state)).toEqual(["submitted", "submitted"]);
    const [eu, expert] = apart.map((a) => a.review!.scores);
    expect(Math.max(...Object.keys(eu!).map((id) => Math.abs(eu![id]! - expert![id]!)))).toBe(3);

    // reviewer.expert declared a conflict; reviewer.eu has the conflict check still to do.
    const prisons = "Preventing radicalisation in prisons: a practice exchange";
    expect(assignmentsOf(prisons).map((a) => [a.reviewer, a.state, a.review])).toEqual([
      ["reviewer.eu@taf.example", "invited", null],
      ["reviewer.expert@taf.example", "conflicted", null],
    ]);
    expect(historyOf(prisons)).toEqual(["reviewer.eu ASSIGN", "reviewer.expert ASSIGN", "reviewer.expert DECLARE_CONFLICT"]);
    const declared = db().select().from(reviewConflicts).where(eq(reviewConflicts.proposalId, byTitle(prisons).id)).all();
    expect(declared.map((c) => [c.source, c.reviewerUserId === userIdOf("reviewer.expert@taf.example"), c.reason.length > 0])).toEqual([["declared", true, true]]);
  });

  it("leaves the demo administrator a held decision to release, on a proposal whose review is closed", () => {
    const firearms = byTitle("Tracing seized firearms across borders: joint firearms focal points");
    const events = db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, firearms.id)).orderBy(asc(proposalEvents.id)).all();
    // Held: the statechart has not seen DECIDE yet, so the applicants have heard nothing.
    expect(events.map((e) => e.type).slice(-3)).toEqual(["CONFIRM_ELIGIBLE", "START_REVIEW", "CLOSE_REVIEW"]);
    const closedAt = events.at(-1)!.at.getTime();
    const assignments = db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, firearms.id)).all();
    expect(assignments.map((a) => a.state)).toEqual(["submitted", "submitted"]);
    for (const a of assignments) expect(a.submittedAt!.getTime()).toBeLessThan(closedAt);

    const held = db().select().from(proposalDecisions).where(isNull(proposalDecisions.releasedAt)).all();
    expect(held.map((d) => [d.proposalId, d.outcome, d.priority, d.releasedAt, d.decidedByUserId])).toEqual([[firearms.id, "promising", false, null, userIdOf("admin@taf.example")]]);
    expect(held[0]!.reason).not.toBe("");
    expect(held[0]!.sharedFeedback).not.toBe("");
    expect(held[0]!.decidedAt.getTime()).toBeGreaterThan(closedAt);
    expect(held[0]!.decidedAt.getTime()).toBeLessThan(DEMO_NOW.getTime());
  });

  it("mails nothing for the invented history", () => {
    expect(db().select({ n: count() }).from(outbox).get()!.n).toBe(0);
    expect(db().select({ n: count() }).from(outbox).where(like(outbox.idempotencyKey, "proposal-event:%")).get()!.n).toBe(0);
  });

  it("gives the closed demo round 2026-R1 a survey the TAF team closed early, asked of its ten institutions and answered by five, without mail", () => {
    const roundId = db().select({ id: rounds.id }).from(rounds).where(eq(rounds.code, "2026-R1")).get()!.id;
    const survey = db().select().from(feedbackSurveys).where(eq(feedbackSurveys.roundId, roundId)).get()!;
    expect(survey.closedAt).not.toBeNull();
    expect(survey.closedAt!.getTime()).toBeLessThan(survey.closesAt.getTime());
    expect(db().select({ n: count() }).from(feedbackInvitations).where(eq(feedbackInvitations.roundId, roundId)).get()!.n).toBe(10);
    const answered = db()
      .select({ institution: institutions.name })
      .from(feedbackAnswers)
      .innerJoin(institutions, eq(institutions.id, feedbackAnswers.institutionId))
      .where(eq(feedbackAnswers.roundId, roundId))
      .orderBy(asc(institutions.name))
      .all()
      .map((a) => a.institution);
    expect(answered).toEqual(["Albanian State Police", "Kosovo* Police", "Ministry of Justice of Montenegro", "Public Prosecutor's Office of North Macedonia", "State Investigation and Protection Agency (SIPA)"]);
    // No other round has a survey: the second call's decision is still held.
    expect(db().select({ n: count() }).from(feedbackSurveys).get()!.n).toBe(1);
    expect(db().select({ n: count() }).from(outbox).where(eq(outbox.template, "feedback-survey")).get()!.n).toBe(0);
  });

  it("leaves the scheduler nothing to do at first start", () => {
    expect(runScheduledEvents()).toEqual({ roundsOpened: 0, roundsClosed: 0, clarificationsExpired: 0, remindersSent: 0, clarificationRemindersSent: 0, deadlineRemindersSent: 0 });
  });

  it("works on any date: around daylight-saving changes, at the turn of the year, late at night", async () => {
    const brussels = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    for (const today of ["2027-03-28T01:30:00Z", "2026-10-25T00:30:00Z", "2026-12-31T23:30:00Z", "2028-02-29T12:00:00Z", "2026-07-01T21:59:59Z"]) {
      const other = openDatabase(":memory:");
      try {
        expect(await loadDemoData(other.db, new Date(today)), today).toBe(true);
        const closing = other.db.select({ code: rounds.code, closesAt: rounds.closesAt, state: rounds.state }).from(rounds).all();
        for (const round of closing) if (round.closesAt) expect(brussels.format(round.closesAt), `${today} ${round.code}`).toBe("17:00");
        expect(closing.map((r) => r.state), today).toEqual(["closed", "open", "open"]);
      } finally {
        other.sqlite.close();
      }
    }
  });

  it("loads only once", async () => {
    const before = counts();
    expect(await loadDemoData(db())).toBe(false);
    expect(counts()).toEqual(before);
  });
});
