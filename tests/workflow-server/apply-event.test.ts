import { SYSTEM_ACTOR } from "../../workflows/actors";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { connection, db } from "../../app/db.server";
import { applyProposalCommand, CONFLICT_MESSAGE } from "../../app/proposals/workflow.server";
import { applyRoundCommand } from "../../app/rounds/workflow.server";
import { openDatabase } from "../../db/client";
import { auditLog, eligibilityChecks, proposals, proposalVersions } from "../../db/schema";
import {
  actorFor,
  admin,
  ALBANIAN_POLICE,
  assignReviewers,
  at,
  completeContent,
  completionReport,
  conceptNote,
  DAY,
  driveTo,
  eventsOf,
  expectHistoryReplays,
  HOUR,
  leadApplicant,
  makeProposal,
  makeRound,
  markReviewSubmitted,
  partnerApplicant,
  proposalRow,
  refused,
  rowCounts,
  setContent,
  step,
  T0,
  XK_PROSECUTION,
} from "./builders";
import { useDatabase } from "../support/database";

useDatabase("demo");

const checksOf = (id: number) => db().select().from(eligibilityChecks).where(eq(eligibilityChecks.proposalId, id)).all();
const versionsOf = (id: number) => db().select().from(proposalVersions).where(eq(proposalVersions.proposalId, id)).orderBy(proposalVersions.number).all();

describe("every path of a proposal's life, through applyProposalCommand", () => {
  it("a draft is discarded by its lead applicant and then accepts nothing", () => {
    const { id } = makeProposal();
    expect(proposalRow(id)).toMatchObject({ state: "draft", version: 1, reference: null });
    expect(eventsOf(id)).toMatchObject([{ type: "CREATE", fromState: "", toState: "draft", version: 1 }]);

    step(id, leadApplicant(), { type: "DISCARD" }, { to: "discarded" });
    expect(proposalRow(id).reference).toBeNull();

    const after = refused(id, leadApplicant(), { type: "SUBMIT" });
    expect(after).toMatchObject({ problem: "refused", message: expect.stringMatching(/closed \(Discarded\): nothing more can happen/) });
  });

  it("a submission gets a reference, a frozen version and an automatic check, then is declared ineligible", () => {
    const round = makeRound();
    const { id } = makeProposal({ round });
    const { row, outcome } = step(id, leadApplicant(), { type: "SUBMIT" }, { to: "eligibility.awaitingDecision", alsoRecorded: ["ELIGIBILITY_CHECKED"] });
    expect(outcome.reference).toBe(`TAF-${round.code}-001`);
    expect(row).toMatchObject({ reference: `TAF-${round.code}-001`, submittedAt: T0, version: 3 });
    const [submitted, checked] = eventsOf(id).slice(1);
    expect(submitted).toMatchObject({ fromState: "draft", toState: "eligibility.checking" });
    expect(submitted!.payload).toMatchObject({ leadCountryCode: "XK", missingParts: [], round: { state: "open", mode: "deadline" } });
    expect(checked).toMatchObject({ actorRole: "system", actorUserId: null, fromState: "eligibility.checking", toState: "eligibility.awaitingDecision" });

    expect(versionsOf(id)).toMatchObject([{ number: 1, title: row.title, content: completeContent(), createdByUserId: leadApplicant().userId }]);
    const checks = checksOf(id);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.overall).toBe("passed");
    expect(checks[0]!.results).toEqual(checked!.payload.results);

    const reason = "The Albanian partner has no mandate for this kind of operation.";
    step(id, admin(), { type: "DECLARE_INELIGIBLE", reason }, { to: "ineligible" });
    expect(refused(id, leadApplicant(), { type: "WITHDRAW", reason: "Too late" }).message).toMatch(/nothing more can happen/);
  });

  it("a clarification request is answered, the check runs again on a new version, and the proposal is confirmed", () => {
    const { id } = makeProposal();
    step(id, leadApplicant(), { type: "SUBMIT" }, { to: "eligibility.awaitingDecision", alsoRecorded: ["ELIGIBILITY_CHECKED"] });
    const dueAt = at(7 * DAY);
    const { row } = step(
      id,
      admin(),
      { type: "REQUEST_CLARIFICATION", question: "Which unit of the Albanian State Police takes part?", dueAt },
      { to: "eligibility.clarificationRequested", now: at(HOUR) },
    );
    expect(row.clarificationDueAt).toEqual(dueAt);

    setContent(id, { summary: "Joint operations of the Anti-Drug Unit and the Kosovo* Police." });
    const answered = step(
      id,
      leadApplicant(),
      { type: "RESPOND", message: "The Anti-Drug Unit of the Albanian State Police." },
      { to: "eligibility.awaitingDecision", now: at(DAY), alsoRecorded: ["ELIGIBILITY_CHECKED"] },
    );
    // The answer keeps the reference and first submission time, closes the request, and freezes version 2.
    expect(answered.row).toMatchObject({ clarificationDueAt: null, submittedAt: T0, reference: row.reference });
    expect(versionsOf(id).map((v) => [v.number, (v.content as { summary: string }).summary])).toEqual([
      [1, completeContent().summary],
      [2, "Joint operations of the Anti-Drug Unit and the Kosovo* Police."],
    ]);
    expect(checksOf(id)).toHaveLength(2);

    step(id, admin(), { type: "CONFIRM_ELIGIBLE", reason: "" }, { to: "euReview.awaitingReviewers", now: at(2 * DAY) });
  });

  it("a review with enough assignments and submitted reviews ends in a decision: promising", () => {
    const id = driveTo("awaitingReviewers");
    expect(refused(id, admin(), { type: "START_REVIEW" }).message).toBe("At least 2 reviewers must be assigned; 0 are.");
    const assignments = assignReviewers(id, ["reviewer.eu@taf.example", "reviewer.expert@taf.example"]);
    step(id, admin(), { type: "START_REVIEW" }, { to: "euReview.reviewing" });
    assignments.forEach((a) => markReviewSubmitted(a));
    step(id, admin(), { type: "CLOSE_REVIEW" }, { to: "euReview.deciding" });
    const decision = { type: "DECIDE", outcome: "promising", reason: "Clear regional added value.", sharedFeedback: "Involve the prosecutors early." } as const;
    step(id, admin(), decision, { to: "conceptualWork.drafting" });
  });

  it("a review ends in a decision: not selected, which is final", () => {
    const id = driveTo("deciding");
    const decision = { type: "DECIDE", outcome: "notSelected", reason: "Overlaps with an EU-funded project.", sharedFeedback: "Coordinate with the EU project." } as const;
    step(id, admin(), decision, { to: "notSelected" });
    expect(refused(id, admin(), { type: "DECIDE", outcome: "promising", reason: "Second thoughts", sharedFeedback: "" }).message).toMatch(
      /nothing more can happen/,
    );
  });

  it("a concept is submitted, sent back for revision, resubmitted and approved", () => {
    const id = driveTo("drafting");
    expect(refused(id, leadApplicant(), { type: "SUBMIT_CONCEPT" }).message).toBe(
      "These required parts are not answered: Activities, Budget lines and Risks.",
    );
    setContent(id, { conceptNote });
    step(id, leadApplicant(), { type: "SUBMIT_CONCEPT" }, { to: "conceptualWork.underReview" });
    step(id, admin(), { type: "REQUEST_REVISION", reason: "Split the budget per activity." }, { to: "conceptualWork.drafting" });
    // The resubmission answers the request: the server tells the statechart it does.
    expect(refused(id, leadApplicant(), { type: "SUBMIT_CONCEPT", answer: "  " }).message).toBe("An answer to the TAF team's revision request is required.");
    step(id, leadApplicant(), { type: "SUBMIT_CONCEPT", answer: "Each activity has its own lines now." }, { to: "conceptualWork.underReview" });
    expect(eventsOf(id).at(-1)!.payload).toMatchObject({ answering: true, answer: "Each activity has its own lines now." });
    expect(eventsOf(id).filter((e) => e.type === "SUBMIT_CONCEPT")[0]!.payload).toMatchObject({ answering: false, answer: "" });
    step(id, admin(), { type: "APPROVE_CONCEPT" }, { to: "implementation.active.awaitingStart" });
  });

  it("implementation: a hold resumes where it was (before and after the start), and a reported, revised report completes it", () => {
    const id = driveTo("awaitingStart");
    step(id, admin(), { type: "HOLD", reason: "Waiting for the partner's budget approval." }, { to: "implementation.onHold" });
    step(id, admin(), { type: "RESUME" }, { to: "implementation.active.awaitingStart" });
    step(id, admin(), { type: "START" }, { to: "implementation.active.ongoing" });
    step(id, admin(), { type: "HOLD", reason: "Elections in Kosovo." }, { to: "implementation.onHold" });
    step(id, admin(), { type: "RESUME" }, { to: "implementation.active.ongoing" });
    expect(refused(id, leadApplicant(), { type: "SUBMIT_REPORT" }).message).toBe(
      "These required parts are not answered: What was achieved and Lessons learnt.",
    );
    setContent(id, { completionReport });
    step(id, leadApplicant(), { type: "SUBMIT_REPORT" }, { to: "implementation.active.reportSubmitted" });
    step(id, admin(), { type: "REQUEST_REVISION", reason: "Add the number of people trained." }, { to: "implementation.active.ongoing" });
    step(id, leadApplicant(), { type: "SUBMIT_REPORT" }, { to: "implementation.active.reportSubmitted" });
    step(id, admin(), { type: "COMPLETE" }, { to: "completed" });
    expect(refused(id, admin(), { type: "HOLD", reason: "Again" }).message).toMatch(/closed \(Completed\)/);
  });

  it("the lead withdraws from the eligibility check, the EU review and the conceptual work, at any of their steps", () => {
    const withdraw = { type: "WITHDRAW", reason: "Our priorities changed." } as const;
    for (const point of ["awaitingDecision", "awaitingReviewers", "reviewing", "deciding", "drafting"] as const) {
      step(driveTo(point), leadApplicant(), withdraw, { to: "withdrawn" });
    }
    const asked = driveTo("awaitingDecision");
    step(asked, admin(), { type: "REQUEST_CLARIFICATION", question: "Which unit?", dueAt: at(DAY) }, { to: "eligibility.clarificationRequested" });
    const { row } = step(asked, leadApplicant(), withdraw, { to: "withdrawn" });
    // A withdrawn proposal's request can no longer expire.
    expect(row.clarificationDueAt).toBeNull();

    const concept = driveTo("drafting");
    setContent(concept, { conceptNote });
    step(concept, leadApplicant(), { type: "SUBMIT_CONCEPT" }, { to: "conceptualWork.underReview" });
    step(concept, leadApplicant(), withdraw, { to: "withdrawn" });
  });

  it("the lead cannot withdraw during implementation: the way to stop there is a hold", () => {
    const id = driveTo("ongoing");
    expect(refused(id, leadApplicant(), { type: "WITHDRAW", reason: "Our priorities changed." })).toMatchObject({
      problem: "refused",
      message: "No one can withdraw the proposal while the proposal is at “Implementation: activities running”.",
    });
  });
});

describe("refusals change nothing and say why", () => {
  it("an applicant of another institution, even a confirmed partner, cannot submit", () => {
    const { id } = makeProposal();
    expect(refused(id, partnerApplicant(), { type: "SUBMIT" })).toMatchObject({
      problem: "refused",
      message: "Only applicants of the lead institution may submit the proposal.",
    });
  });

  it("a reviewer cannot decide, and an administrator's decision needs a reason", () => {
    const id = driveTo("deciding");
    expect(refused(id, actorFor("reviewer.eu@taf.example"), { type: "DECIDE", outcome: "promising", reason: "Good", sharedFeedback: "" }).message).toBe(
      "Only administrators may decide on selection.",
    );
    expect(refused(id, admin(), { type: "DECIDE", outcome: "notSelected", reason: "   ", sharedFeedback: "" }).message).toBe("A reason is required.");
    expect(refused(id, admin(), { type: "DECIDE", outcome: "promising", reason: "", sharedFeedback: "" }).message).toBe("A reason is required.");
  });

  it("an ineligibility declaration and a withdrawal need a reason", () => {
    const id = driveTo("awaitingDecision");
    expect(refused(id, admin(), { type: "DECLARE_INELIGIBLE", reason: "" }).message).toBe("A reason is required.");
    expect(refused(id, leadApplicant(), { type: "WITHDRAW", reason: "" }).message).toBe("A reason is required.");
  });

  it("SUBMIT after the deadline is refused with the closing time, even before the scheduler closes the round", () => {
    const round = makeRound({ opensAt: at(-30 * DAY), closesAt: at(-DAY) });
    expect(round.state).toBe("open");
    const { id } = makeProposal({ round });
    expect(refused(id, leadApplicant(), { type: "SUBMIT" }).message).toBe("The round closed on 1 March 2026, 10:00 (Brussels time).");
  });

  it("SUBMIT to a round that is closed, or not yet open, is refused", () => {
    const closed = makeRound();
    const closing = applyRoundCommand({ roundId: closed.id, actor: admin(), command: { type: "CLOSE" }, now: T0 });
    expect(closing.ok).toBe(true);
    expect(refused(makeProposal({ round: closed }).id, leadApplicant(), { type: "SUBMIT" }).message).toBe("The round is closed, not open.");

    const planned = makeRound({ open: false, opensAt: at(DAY) });
    expect(refused(makeProposal({ round: planned }).id, leadApplicant(), { type: "SUBMIT" }).message).toBe("The round is planned, not open.");
  });

  it("SUBMIT of a proposal that is not joint is refused: a partner only invited or declined, or from the same country", () => {
    const cases = [
      [{ institution: ALBANIAN_POLICE, status: "invited" }],
      [{ institution: ALBANIAN_POLICE, status: "declined" }],
      [{ institution: XK_PROSECUTION, status: "confirmed" }],
      [],
    ] as const;
    for (const partners of cases) {
      const { id } = makeProposal({ partners: [...partners] });
      expect(refused(id, leadApplicant(), { type: "SUBMIT" }).message).toBe(
        "Institutions from at least two Western Balkan countries must have confirmed (only Kosovo* so far).",
      );
    }
  });

  it("SUBMIT with required parts missing names them", () => {
    const { summary: _summary, budgetEur: _budget, ...content } = completeContent();
    const { id } = makeProposal({ content, title: " " });
    expect(refused(id, leadApplicant(), { type: "SUBMIT" }).message).toBe("These required parts are not answered: Title, Summary and Estimated budget.");
  });

  it("CLOSE_REVIEW with fewer submitted reviews than the round's minimum is refused", () => {
    const round = makeRound({ settings: { minimumReviews: 3 } });
    const id = driveTo("awaitingReviewers", { round });
    const assignments = assignReviewers(id, ["reviewer.eu@taf.example", "reviewer.expert@taf.example", "admin@taf.example"]);
    step(id, admin(), { type: "START_REVIEW" }, { to: "euReview.reviewing" });
    markReviewSubmitted(assignments[0]!);
    markReviewSubmitted(assignments[1]!);
    expect(refused(id, admin(), { type: "CLOSE_REVIEW" }).message).toBe("At least 3 reviews must be submitted; 2 are. To close the review earlier, give the reason.");
    markReviewSubmitted(assignments[2]!);
    step(id, admin(), { type: "CLOSE_REVIEW" }, { to: "euReview.deciding" });
  });

  it("CLOSE_REVIEW with fewer reviews than the minimum is accepted with a reason, which the history keeps", () => {
    const round = makeRound({ settings: { minimumReviews: 3 } });
    const id = driveTo("awaitingReviewers", { round });
    const assignments = assignReviewers(id, ["reviewer.eu@taf.example", "reviewer.expert@taf.example", "admin@taf.example"]);
    step(id, admin(), { type: "START_REVIEW" }, { to: "euReview.reviewing" });
    markReviewSubmitted(assignments[0]!);
    const reason = "The third reviewer withdrew; the two reviews in agree.";
    step(id, admin(), { type: "CLOSE_REVIEW", reason }, { to: "euReview.deciding" });
    expect(eventsOf(id).at(-1)).toMatchObject({ type: "CLOSE_REVIEW", payload: { submittedReviews: 1, minimumReviews: 3, reason } });
  });

  it("only the scheduler records an expired clarification request, and only from its due date", () => {
    const id = driveTo("awaitingDecision");
    step(id, admin(), { type: "REQUEST_CLARIFICATION", question: "Which unit?", dueAt: at(3 * DAY) }, { to: "eligibility.clarificationRequested" });
    expect(refused(id, admin(), { type: "CLARIFICATION_EXPIRED" }, at(4 * DAY)).message).toBe(
      "Only the portal's scheduler may record that the clarification request expired.",
    );
    expect(refused(id, SYSTEM_ACTOR, { type: "CLARIFICATION_EXPIRED" }, at(3 * DAY - 60_000)).message).toBe(
      "The clarification request is due on 5 March 2026, 10:00 (Brussels time).",
    );
    expect(refused(id, admin(), { type: "REQUEST_CLARIFICATION", question: "Another?", dueAt: at(5 * DAY) }).message).toBe(
      "No one can request clarification while the proposal is at “Eligibility: waiting for the lead institution's answer”.",
    );
  });

  it("an unknown proposal is not found", () => {
    expect(applyProposalCommand({ proposalId: 999_999, actor: admin(), command: { type: "START" } })).toEqual({
      ok: false,
      problem: "notFound",
      message: "There is no such proposal.",
    });
  });
});

describe("two people acting at once", () => {
  it("two commands on the same version: exactly one wins, the other is told to reload", () => {
    const id = driveTo("awaitingDecision");
    const { version } = proposalRow(id);
    const first = applyProposalCommand({ proposalId: id, expectedVersion: version, actor: admin(), command: { type: "CONFIRM_ELIGIBLE", reason: "" }, now: T0 });
    const counts = rowCounts();
    const second = applyProposalCommand({
      proposalId: id,
      expectedVersion: version,
      actor: admin(),
      command: { type: "DECLARE_INELIGIBLE", reason: "No Chapter 24 mandate." },
      now: T0,
    });
    expect(first).toMatchObject({ ok: true, state: "euReview.awaitingReviewers", version: version + 1 });
    expect(second).toEqual({ ok: false, problem: "conflict", message: CONFLICT_MESSAGE });
    expect(CONFLICT_MESSAGE).toMatch(/changed this proposal.*Reload/);
    expect(rowCounts()).toEqual(counts);
    expect(proposalRow(id)).toMatchObject({ state: "euReview.awaitingReviewers", version: version + 1 });
  });

  it("a second connection to the same file: a change written there makes this one's stale version a conflict", () => {
    const id = driveTo("awaitingDecision");
    const { version } = proposalRow(id);
    const other = openDatabase(process.env.DATABASE_PATH!);
    try {
      // The other server process withdraws, in its own immediate transaction on its own connection.
      const there = other.db.transaction(
        (tx) =>
          applyProposalCommand({ proposalId: id, expectedVersion: version, actor: leadApplicant(), command: { type: "WITHDRAW", reason: "Merged into another proposal." }, now: T0 }, tx),
        { behavior: "immediate" },
      );
      expect(there).toMatchObject({ ok: true, state: "withdrawn" });
      const here = applyProposalCommand({ proposalId: id, expectedVersion: version, actor: admin(), command: { type: "CONFIRM_ELIGIBLE", reason: "" }, now: T0 });
      expect(here).toEqual({ ok: false, problem: "conflict", message: CONFLICT_MESSAGE });
      // Both connections see the one winner.
      expect(other.db.select().from(proposals).where(eq(proposals.id, id)).get()).toMatchObject({ state: "withdrawn", version: version + 1 });
      expect(proposalRow(id)).toMatchObject({ state: "withdrawn", version: version + 1 });
      expectHistoryReplays(id);
    } finally {
      other.sqlite.close();
    }
  });

  it("a writer on another connection holds the write lock: a command waits, then is refused without writing anything", () => {
    const id = driveTo("awaitingDecision");
    const before = proposalRow(id);
    const counts = rowCounts();
    const other = openDatabase(process.env.DATABASE_PATH!);
    const sqlite = connection().sqlite;
    const timeout = sqlite.pragma("busy_timeout", { simple: true });
    try {
      other.sqlite.exec("BEGIN IMMEDIATE");
      sqlite.pragma("busy_timeout = 50");
      // Answered, not thrown: the page shows why beside the form (tests/reliability/storage-faults.test.ts).
      expect(applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor: admin(), command: { type: "CONFIRM_ELIGIBLE", reason: "" }, now: T0 })).toMatchObject({
        ok: false,
        problem: "unavailable",
        message: expect.stringMatching(/^Not saved: the portal is busy/),
      });
      vi.mocked(console.error).mockClear();
    } finally {
      sqlite.pragma(`busy_timeout = ${Number(timeout)}`);
      other.sqlite.exec("ROLLBACK");
      other.sqlite.close();
    }
    expect(rowCounts()).toEqual(counts);
    expect(proposalRow(id)).toEqual(before);
    // Once the other writer is done, the same command goes through.
    step(id, admin(), { type: "CONFIRM_ELIGIBLE", reason: "" }, { to: "euReview.awaitingReviewers" });
  });
});

describe("a failed write rolls the whole command back", () => {
  const failingTables = ["outbox", "proposal_versions", "eligibility_checks", "proposal_events"] as const;

  it.each(failingTables)("when writing to %s fails during SUBMIT, nothing of the submission is left", (table) => {
    const round = makeRound();
    const { id } = makeProposal({ round });
    const before = proposalRow(id);
    const counts = rowCounts();
    const sqlite = connection().sqlite;
    // proposal_events gets its first row at creation: fail only on the second event of this command.
    const when = table === "proposal_events" ? "WHEN NEW.type = 'ELIGIBILITY_CHECKED'" : "";
    sqlite.exec(`CREATE TEMP TRIGGER fail_${table} BEFORE INSERT ON main.${table} ${when} BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END`);
    try {
      expect(() => applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor: leadApplicant(), command: { type: "SUBMIT" }, now: T0 })).toThrow(
        /disk full \(test\)/,
      );
    } finally {
      sqlite.exec(`DROP TRIGGER temp.fail_${table}`);
    }
    expect(proposalRow(id)).toEqual(before);
    expect(rowCounts()).toEqual(counts);
    // The reference number was not used up: the retry gets the first one of the round.
    const retried = step(id, leadApplicant(), { type: "SUBMIT" }, { to: "eligibility.awaitingDecision", alsoRecorded: ["ELIGIBILITY_CHECKED"] });
    expect(retried.outcome.reference).toBe(`TAF-${round.code}-001`);
  });

  it("when the outbox fails during a decision, the proposal stays where it was", () => {
    const id = driveTo("deciding");
    const before = proposalRow(id);
    const counts = rowCounts();
    const sqlite = connection().sqlite;
    sqlite.exec("CREATE TEMP TRIGGER fail_outbox_decide BEFORE INSERT ON main.outbox BEGIN SELECT RAISE(ABORT, 'smtp table broken (test)'); END");
    try {
      expect(() =>
        applyProposalCommand({
          proposalId: id,
          expectedVersion: before.version,
          actor: admin(),
          command: { type: "DECIDE", outcome: "promising", reason: "Good fit.", sharedFeedback: "" },
          now: T0,
        }),
      ).toThrow(/smtp table broken/);
    } finally {
      sqlite.exec("DROP TRIGGER temp.fail_outbox_decide");
    }
    expect(proposalRow(id)).toEqual(before);
    expect(rowCounts()).toEqual(counts);
  });
});

describe("a write to the proposal row that does not take", () => {
  it("is a conflict that leaves no history, no frozen version, no check and no mail behind", () => {
    const { id } = makeProposal();
    const before = proposalRow(id);
    const counts = rowCounts();
    const sqlite = connection().sqlite;
    // Stands in for "the row changed under the command": the guarded UPDATE matches no row.
    sqlite.exec("CREATE TEMP TRIGGER skip_proposal_update BEFORE UPDATE ON main.proposals BEGIN SELECT RAISE(IGNORE); END");
    try {
      const outcome = applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor: leadApplicant(), command: { type: "SUBMIT" }, now: T0 });
      expect(outcome).toEqual({ ok: false, problem: "conflict", message: CONFLICT_MESSAGE });
    } finally {
      sqlite.exec("DROP TRIGGER temp.skip_proposal_update");
    }
    expect(proposalRow(id)).toEqual(before);
    expect(rowCounts()).toEqual(counts);
    expectHistoryReplays(id);
  });

  it("inside a caller's transaction, undoes only the command's own rows", () => {
    const { id } = makeProposal();
    const before = proposalRow(id);
    const sqlite = connection().sqlite;
    const audits = () => sqlite.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number };
    const auditsBefore = audits().n;
    const counts = rowCounts();
    sqlite.exec("CREATE TEMP TRIGGER skip_proposal_update_nested BEFORE UPDATE ON main.proposals BEGIN SELECT RAISE(IGNORE); END");
    try {
      const outcome = db().transaction(
        (tx) => {
          tx.insert(auditLog).values({ at: T0, actorUserId: leadApplicant().userId, action: "proposalSubmitRequested" }).run();
          return applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor: leadApplicant(), command: { type: "SUBMIT" }, now: T0 }, tx);
        },
        { behavior: "immediate" },
      );
      expect(outcome).toMatchObject({ ok: false, problem: "conflict" });
    } finally {
      sqlite.exec("DROP TRIGGER temp.skip_proposal_update_nested");
    }
    expect(audits().n).toBe(auditsBefore + 1);
    expect(rowCounts()).toEqual(counts);
    expect(proposalRow(id)).toEqual(before);
  });
});

describe("stored snapshots of an unknown machine version", () => {
  it("refuses to load them with an error that names the version, and writes nothing", () => {
    const { id } = makeProposal();
    db().update(proposals).set({ machineVersion: 99 }).where(eq(proposals.id, id)).run();
    const before = proposalRow(id);
    const counts = rowCounts();
    expect(() => applyProposalCommand({ proposalId: id, actor: leadApplicant(), command: { type: "SUBMIT" }, now: T0 })).toThrow(
      /version 99 of the proposal workflow.*knows only version 1/,
    );
    expect(proposalRow(id)).toEqual(before);
    expect(rowCounts()).toEqual(counts);
  });
});
