import { and, count, eq, gt, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import { applyAssignmentCommand } from "../../app/reviews/assignments.server";
import * as desk from "../../app/routes/admin.rounds.$roundId_.review";
import { auditLog, outbox, reviewAssignments, reviewConflicts, reviewerConflictRules, users } from "../../db/schema";
import { ASSIGNMENT_STATES_HOLDING_A_PLACE } from "../../workflows/assignment.machine";
import { toBrusselsTime } from "../../workflows/time";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { actorFor, addPerson, ALBANIAN_POLICE, DAY, driveTo, institutionId, KOSOVO_POLICE, makeRound, markReviewSubmitted, MK_PROSECUTION, userId } from "../workflow-server/builders";

// The round's review desk: the TAF team assigns reviewers by hand or for the whole round, moves
// due dates, withdraws, and manages conflicts; administrators hear when reviews are all in.

useDatabase("demo");

type Desk = Exclude<Awaited<ReturnType<typeof desk.loader>>, Response>;
type Outcome = { ok: true; notice: string } | { ok: false; message: string };

let admin: string;
let round: { id: number };

beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
  round = makeRound();
  // The demo's reviewers carry the demo's load; this round's tests use reviewers of their own.
  db().update(users).set({ active: false }).where(inArray(users.email, ["reviewer.eu@taf.example", "reviewer.expert@taf.example"])).run();
  addPerson({ email: "ana@review.example", name: "Ana Reviewer", role: "reviewer" });
  addPerson({ email: "bo@review.example", name: "Bo Reviewer", role: "reviewer" });
  addPerson({ email: "cy@review.example", name: "Cy Reviewer", role: "reviewer" });
  // Affiliated with Kosovo* Police, which leads every proposal built here: detected.
  addPerson({ email: "kp@review.example", name: "Kim Police", role: "reviewer", institution: KOSOVO_POLICE });
});

const path = () => `/admin/rounds/${round.id}/review`;
const view = async (cookie = admin) => (await load(desk, path(), { cookie, params: { roundId: String(round.id) } })) as Desk;
const act = async (form: Record<string, string>, cookie = admin) => (await submit(desk, path(), form, { cookie, params: { roundId: String(round.id) } })) as Outcome;
const inDays = (days: number) => toBrusselsTime(new Date(Date.now() + days * DAY));
const inReview = (title: string) => driveTo("awaitingReviewers", { round, title });
const assignmentsOf = (proposalId: number) => db().select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, proposalId)).orderBy(reviewAssignments.id).all();
const holding = (proposalId: number) => assignmentsOf(proposalId).filter((a) => ASSIGNMENT_STATES_HOLDING_A_PLACE.includes(a.state));
const mailSince = (id: number) => db().select().from(outbox).where(gt(outbox.id, id)).orderBy(outbox.id).all();
const lastMail = () => db().select({ id: outbox.id }).from(outbox).orderBy(outbox.id).all().at(-1)?.id ?? 0;

describe("the desk", () => {
  it("is the administrators' alone, and 404 for a round that does not exist", async () => {
    expect(statusOf(await load(desk, path(), { cookie: await signInAs("ana@review.example"), params: { roundId: String(round.id) } }))).toBe(403);
    expect(statusOf(await submit(desk, path(), { intent: "autoAssign", reviewersPerProposal: "2" }, { cookie: await signInAs("applicant.xk@taf.example"), params: { roundId: String(round.id) } }))).toBe(403);
    expect(statusOf(await load(desk, "/admin/rounds/999999/review", { cookie: admin, params: { roundId: "999999" } }))).toBe(404);
  });

  it("lists the round's proposals in the EU review only, each with its candidates' loads and conflicts", async () => {
    const reviewing = inReview("Desk: in review");
    driveTo("awaitingDecision", { round, title: "Desk: not yet eligible" });
    const page = await view();
    expect(page.proposals.rows.map((p) => p.title)).toEqual(["Desk: in review"]);
    expect(page.proposals.pages.total).toBe(1);
    const [proposal] = page.proposals.rows;
    expect(proposal!.id).toBe(reviewing);
    const candidates = Object.fromEntries(proposal!.candidates.map((c) => [c.name, [c.load, c.conflict]]));
    expect(candidates).toEqual({
      "Ana Reviewer": [0, null],
      "Bo Reviewer": [0, null],
      "Cy Reviewer": [0, null],
      "Kim Police": [0, `Affiliated with ${KOSOVO_POLICE}, which takes part.`],
    });
    expect(proposal!.conflicts.map((c) => [c.reviewerName, c.source])).toEqual([["Kim Police", "detected"]]);
  });

  it("costs the same statements for a page of 2 proposals as for a page of 8", async () => {
    const statements = async () => {
      const spy = spyOnStatements();
      await view();
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    const fill = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const id = inReview(`Count: ${Math.random()}`);
        await act({ intent: "assign", proposalId: String(id), reviewerUserId: String(userId("ana@review.example")), dueAt: inDays(10) });
      }
    };
    await fill(2);
    await view();
    const few = await statements();
    await fill(6);
    expect((await view()).proposals.rows).toHaveLength(8);
    expect(await statements()).toBe(few);
  });
});

describe("assigning by hand", () => {
  it("assigns with the due date chosen, mails the reviewer, and the load shows on the next proposal", async () => {
    const first = inReview("Desk: first");
    const second = inReview("Desk: second");
    const from = lastMail();
    const outcome = await act({ intent: "assign", proposalId: String(first), reviewerUserId: String(userId("ana@review.example")), dueAt: inDays(10) });
    expect(outcome).toEqual({ ok: true, notice: "The reviewer is assigned and told by e-mail." });
    expect(assignmentsOf(first).map((a) => [a.reviewerUserId, a.state])).toEqual([[userId("ana@review.example"), "invited"]]);
    expect(mailSince(from).map((m) => [m.template, m.recipient])).toEqual([["review-assigned", "ana@review.example"]]);
    const page = await view();
    const ana = page.proposals.rows.find((p) => p.id === second)!.candidates.find((c) => c.name === "Ana Reviewer");
    expect(ana!.load).toBe(1);
    // Already on the first proposal: not offered there again.
    expect(page.proposals.rows.find((p) => p.id === first)!.candidates.map((c) => c.name)).not.toContain("Ana Reviewer");
  });

  it("refuses a conflicted reviewer, a proposal not in the review, and a due date in the past", async () => {
    const reviewing = inReview("Desk: refusals");
    const waiting = driveTo("awaitingDecision", { round, title: "Desk: not eligible yet" });
    const conflicted = await act({ intent: "assign", proposalId: String(reviewing), reviewerUserId: String(userId("kp@review.example")), dueAt: inDays(10) });
    expect(conflicted).toEqual({ ok: false, message: `Kim Police has a conflict of interest with this proposal: Affiliated with ${KOSOVO_POLICE}, which takes part.` });
    const early = await act({ intent: "assign", proposalId: String(waiting), reviewerUserId: String(userId("ana@review.example")), dueAt: inDays(10) });
    expect(early).toEqual({ ok: false, message: "Reviewers are assigned only while the proposal is in the EU review, before it is closed." });
    const past = await act({ intent: "assign", proposalId: String(reviewing), reviewerUserId: String(userId("ana@review.example")), dueAt: inDays(-1) });
    expect(past).toEqual({ ok: false, message: "The due date must be in the future." });
    const otherRound = driveTo("awaitingReviewers", { title: "Desk: another round" });
    expect(await act({ intent: "assign", proposalId: String(otherRound), reviewerUserId: String(userId("ana@review.example")), dueAt: inDays(10) })).toEqual({ ok: false, message: "This proposal is not in this round." });
    expect(assignmentsOf(reviewing)).toEqual([]);
    expect(assignmentsOf(waiting)).toEqual([]);
  });

  it("moves a due date and withdraws with a reason; a stale form is refused and changes nothing", async () => {
    const reviewing = inReview("Desk: moving");
    await act({ intent: "assign", proposalId: String(reviewing), reviewerUserId: String(userId("bo@review.example")), dueAt: inDays(10) });
    const [assignment] = assignmentsOf(reviewing);
    const moved = await act({ intent: "due", assignmentId: String(assignment!.id), version: String(assignment!.version), dueAt: inDays(20) });
    expect(moved.ok).toBe(true);
    expect(db().select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, "review.due_changed"), eq(auditLog.subjectId, String(assignment!.id)))).get()!.n).toBe(1);
    const stale = await act({ intent: "withdraw", assignmentId: String(assignment!.id), version: String(assignment!.version), reason: "Replaced." });
    expect(stale).toEqual({ ok: false, message: "This assignment changed meanwhile. Reload the page to see what changed, then try again." });
    expect(assignmentsOf(reviewing)[0]!.state).toBe("invited");
    const blank = await act({ intent: "withdraw", assignmentId: String(assignment!.id), version: String(assignment!.version + 1), reason: " " });
    expect(blank).toEqual({ ok: false, message: "Give a reason for withdrawing the assignment." });
    const withdrawn = await act({ intent: "withdraw", assignmentId: String(assignment!.id), version: String(assignment!.version + 1), reason: "Replaced by a specialist." });
    expect(withdrawn).toEqual({ ok: true, notice: "The assignment is withdrawn: its place is free." });
    const shown = (await view()).proposals.rows[0]!.assignments[0]!;
    expect([shown.stateLabel, shown.reason, shown.holdsAPlace, shown.mayWithdraw]).toEqual(["Withdrawn", "Replaced by a specialist.", false, false]);
  });

  it("shows a decline with its reason, frees the place, and tells the administrators", async () => {
    const reviewing = inReview("Desk: a decline");
    await act({ intent: "assign", proposalId: String(reviewing), reviewerUserId: String(userId("cy@review.example")), dueAt: inDays(10) });
    const [assignment] = assignmentsOf(reviewing);
    const from = lastMail();
    const declined = applyAssignmentCommand({ assignmentId: assignment!.id, actor: actorFor("cy@review.example"), command: { type: "DECLINE", reason: "Travelling all month." } });
    expect(declined.ok).toBe(true);
    const mail = mailSince(from);
    expect(mail.map((m) => [m.template, m.recipient])).toEqual([["review-declined", "admin@taf.example"]]);
    expect(mail[0]!.subject).toContain("Cy Reviewer declined to review");
    expect(mail[0]!.text).toContain("Travelling all month.");
    expect(mail[0]!.text).toContain(`/admin/rounds/${round.id}/review`);
    const proposal = (await view()).proposals.rows[0]!;
    expect(proposal.placesTaken).toBe(0);
    expect(proposal.assignments.map((a) => [a.stateLabel, a.reason])).toEqual([["Declined", "Travelling all month."]]);
  });
});

describe("assigning the whole round", () => {
  it("gives every proposal its number, never a conflicted reviewer, loads within one, keeping the one already assigned; a second run assigns nothing", async () => {
    const ids = [inReview("Auto: one"), inReview("Auto: two"), inReview("Auto: three")];
    await act({ intent: "assign", proposalId: String(ids[0]), reviewerUserId: String(userId("ana@review.example")), dueAt: inDays(30) });
    const kept = assignmentsOf(ids[0]!)[0]!.id;
    const from = lastMail();
    const outcome = await act({ intent: "autoAssign", reviewersPerProposal: "2", cap: "" });
    expect(outcome.ok).toBe(true);
    expect(outcome.ok && outcome.notice).toMatch(/^5 assignments were made and each reviewer told by e-mail, due on /);
    for (const id of ids) expect(holding(id)).toHaveLength(2);
    expect(assignmentsOf(ids[0]!)[0]!.id).toBe(kept);
    const loads = ["ana", "bo", "cy"].map((name) => db().select({ n: count() }).from(reviewAssignments).where(eq(reviewAssignments.reviewerUserId, userId(`${name}@review.example`))).get()!.n);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    expect(loads.reduce((a, b) => a + b)).toBe(6);
    const kim = userId("kp@review.example");
    expect(db().select().from(reviewAssignments).where(eq(reviewAssignments.reviewerUserId, kim)).all()).toEqual([]);
    expect(mailSince(from).filter((m) => m.template === "review-assigned")).toHaveLength(5);

    expect(await act({ intent: "autoAssign", reviewersPerProposal: "2", cap: "" })).toEqual({ ok: true, notice: "No new assignment was needed." });
  });

  it("says the shortfall in words when the cap and the conflicts leave too few reviewers", async () => {
    const ids = [inReview("Short: one"), inReview("Short: two")];
    const outcome = await act({ intent: "autoAssign", reviewersPerProposal: "3", cap: "1" });
    expect(outcome.ok).toBe(true);
    // Three reviewers without a conflict, one assignment each: three places for six.
    expect(ids.map((id) => holding(id).length).sort()).toEqual([1, 2]);
    expect(outcome.ok && outcome.notice).toMatch(/^3 assignments were made/);
    expect(outcome.ok && outcome.notice).toContain("needs");
  });

  it("does not offer again a reviewer who declined", async () => {
    const id = inReview("Auto: declined");
    await act({ intent: "assign", proposalId: String(id), reviewerUserId: String(userId("ana@review.example")), dueAt: inDays(10) });
    applyAssignmentCommand({ assignmentId: assignmentsOf(id)[0]!.id, actor: actorFor("ana@review.example"), command: { type: "DECLINE", reason: "Too busy." } });
    await act({ intent: "autoAssign", reviewersPerProposal: "3", cap: "" });
    expect(holding(id).map((a) => a.reviewerUserId).sort()).toEqual([userId("bo@review.example"), userId("cy@review.example")].sort());
  });
});

describe("conflicts", () => {
  it("a detected conflict is dismissed with a reason (audited), and the reviewer can then be assigned", async () => {
    const id = inReview("Conflicts: dismissed");
    const kim = userId("kp@review.example");
    expect(await act({ intent: "dismissConflict", proposalId: String(id), reviewerUserId: String(kim), reason: "" })).toEqual({ ok: false, message: "Give a reason for dismissing the conflict: it is kept as the record." });
    const dismissed = await act({ intent: "dismissConflict", proposalId: String(id), reviewerUserId: String(kim), reason: "Moved to the training academy, no link to this unit." });
    expect(dismissed.ok).toBe(true);
    expect(db().select({ n: count() }).from(auditLog).where(eq(auditLog.action, "review.conflict_dismissed")).get()!.n).toBe(1);
    expect(db().select().from(reviewConflicts).where(eq(reviewConflicts.reviewerUserId, kim)).all().map((c) => c.dismissalReason)).toEqual(["Moved to the training academy, no link to this unit."]);
    expect((await view()).proposals.rows[0]!.conflicts).toEqual([]);
    expect((await act({ intent: "assign", proposalId: String(id), reviewerUserId: String(kim), dueAt: inDays(10) })).ok).toBe(true);
    // A declared conflict is the reviewer's word: there is nothing detected left to dismiss.
    expect(await act({ intent: "dismissConflict", proposalId: String(id), reviewerUserId: String(userId("ana@review.example")), reason: "x" })).toEqual({
      ok: false,
      message: "There is no detected conflict of this reviewer with this proposal to dismiss.",
    });
  });

  it("a rule conflicts the reviewer with every proposal the institution takes part in; a second identical rule is refused", async () => {
    const id = inReview("Conflicts: a rule");
    const ana = userId("ana@review.example");
    const rule = { intent: "addRule", reviewerUserId: String(ana), institutionId: String(institutionId(ALBANIAN_POLICE)), reason: "Seconded there until 2025." };
    expect(await act(rule)).toEqual({ ok: true, notice: `Ana Reviewer is now conflicted with every proposal ${ALBANIAN_POLICE} takes part in.` });
    expect(await act(rule)).toEqual({ ok: false, message: `Ana Reviewer already has a conflict rule for ${ALBANIAN_POLICE}.` });
    expect(db().select({ n: count() }).from(reviewerConflictRules).where(eq(reviewerConflictRules.reviewerUserId, ana)).get()!.n).toBe(1);
    const candidate = (await view()).proposals.rows[0]!.candidates.find((c) => c.id === ana)!;
    expect(candidate.conflict).toBe(`${ALBANIAN_POLICE} takes part: Seconded there until 2025.`);
    const refused = await act({ intent: "assign", proposalId: String(id), reviewerUserId: String(ana), dueAt: inDays(10) });
    expect(refused.ok).toBe(false);
    const other = driveTo("awaitingReviewers", { round, title: "Conflicts: no Albanian partner", partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });
    expect((await view()).proposals.rows.find((p) => p.id === other)!.candidates.find((c) => c.id === ana)!.conflict).toBeNull();
  });

  it("a declared conflict tells the administrators with the reason", async () => {
    const id = inReview("Conflicts: declared");
    await act({ intent: "assign", proposalId: String(id), reviewerUserId: String(userId("bo@review.example")), dueAt: inDays(10) });
    const from = lastMail();
    applyAssignmentCommand({ assignmentId: assignmentsOf(id)[0]!.id, actor: actorFor("bo@review.example"), command: { type: "DECLARE_CONFLICT", reason: "My brother leads the unit." } });
    const mail = mailSince(from);
    expect(mail.map((m) => m.template)).toEqual(["review-declined"]);
    expect(mail[0]!.subject).toContain("Bo Reviewer declared a conflict of interest with");
    expect((await view()).proposals.rows[0]!.conflicts.map((c) => [c.reviewerName, c.source, c.reason])).toEqual([
      ["Kim Police", "detected", `Affiliated with ${KOSOVO_POLICE}, which takes part.`],
      ["Bo Reviewer", "declared", "My brother leads the unit."],
    ]);
  });
});

describe("all reviews in", () => {
  it("the last review holding a place tells the administrators once; one reopened and sent again tells no one twice", async () => {
    const id = inReview("Reviews: all in");
    for (const name of ["ana", "bo"]) await act({ intent: "assign", proposalId: String(id), reviewerUserId: String(userId(`${name}@review.example`)), dueAt: inDays(10) });
    const [first, second] = assignmentsOf(id);
    const from = lastMail();
    const completions = () => mailSince(from).filter((m) => m.template === "reviews-complete");
    // The builder writes a whole review; reopening and submitting it again goes through the command.
    const resubmit = (assignmentId: number, email: string) => {
      expect(applyAssignmentCommand({ assignmentId, actor: actorFor(email), command: { type: "REOPEN_REVIEW" } }).ok).toBe(true);
      expect(applyAssignmentCommand({ assignmentId, actor: actorFor(email), command: { type: "SUBMIT_REVIEW" } }).ok).toBe(true);
    };
    markReviewSubmitted(first!.id);
    resubmit(first!.id, "ana@review.example");
    expect(completions()).toEqual([]);
    markReviewSubmitted(second!.id);
    resubmit(second!.id, "bo@review.example");
    expect(completions().map((m) => m.recipient)).toEqual(["admin@taf.example"]);
    expect(completions()[0]!.subject).toMatch(/^All reviews are in for TAF-[^:]+: Reviews: all in$/);
    resubmit(second!.id, "bo@review.example");
    expect(completions()).toHaveLength(1);
  });
});
