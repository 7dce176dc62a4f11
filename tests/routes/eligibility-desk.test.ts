import { and, desc, eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import * as desk from "../../app/routes/admin.eligibility";
import * as home from "../../app/routes/_index";
import { eligibilityChecks, institutions, outbox, proposalEvents, proposals } from "../../db/schema";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { changedTables, tableChecksums } from "../support/tables";
import { ALBANIAN_POLICE, DEMO_PROPOSALS, driveTo, KOSOVO_POLICE, makeRound, proposalIdByTitle } from "../workflow-server/builders";

// The eligibility desk: the queue of proposals waiting for the TAF team's decision, and the
// decisions taken from beside each one.

type Desk = Awaited<ReturnType<typeof desk.loader>>;
type Reply = Awaited<ReturnType<typeof desk.action>>;

useDatabase("demo");

const AWAITING = "Joint operational analysis of cocaine routes through the port of Durrës";
const CLARIFYING = "Early identification of victims of trafficking in human beings in cross-border cases";
// The demo's proposal whose check leaves a partner registered as "Other" to a person.
const DOUBTFUL = "Witness protection in cross-border organised crime trials";

// Signed in before each test, so that a refused form can be seen to change nothing at all.
let cookie = "";
beforeEach(async () => {
  cookie = await signInAs("admin@taf.example");
});
const view = async (path = "/admin/eligibility") => (await load(desk, path, { cookie })) as Desk;
const act = async (form: Record<string, string>) => (await submit(desk, "/admin/eligibility", form, { cookie })) as Reply;
const row = (id: number) => db().select().from(proposals).where(eq(proposals.id, id)).get()!;
const formFor = (id: number) => ({ proposalId: String(id), version: String(row(id).version) });

/** An institution the register gets wrong at first: type "Other", so the check leaves it to a person. */
function unclearInstitution() {
  return db().insert(institutions).values({ name: "Regional Anti-Smuggling Task Force", countryCode: "MK", type: "other", chapter24: true }).returning().get();
}

/** A proposal waiting for its decision, with an "Other" partner (needs a person) and, if asked, a lead without a mandate (failed). */
function awaitingWithDoubts(options: { leadWithoutMandate?: boolean } = {}) {
  const unclear = unclearInstitution();
  if (options.leadWithoutMandate) db().update(institutions).set({ chapter23: false, chapter24: false }).where(eq(institutions.name, KOSOVO_POLICE)).run();
  const id = driveTo("awaitingDecision", {
    title: "Desk: a proposal with doubts",
    partners: [
      { institution: ALBANIAN_POLICE, status: "confirmed" },
      { institution: unclear.name, status: "confirmed" },
    ],
  });
  return { id, unclear };
}

describe("the queue", () => {
  it("lists the proposals waiting for a decision, with the automatic check per criterion, and not those waiting for the applicants", async () => {
    const page = await view();
    expect(page.rows.map((entry) => entry.title)).toEqual([AWAITING, DOUBTFUL]);
    expect(page.rows.map((entry) => entry.title)).not.toContain(CLARIFYING);
    const doubtful = page.rows[1]!;
    expect(doubtful.overall).toBe("needsPerson");
    expect(doubtful.results.find((result) => result.outcome !== "passed")).toMatchObject({ id: "eligibleInstitutions", outcome: "needsPerson" });
    const [entry] = page.rows;
    expect(entry!.reference).toMatch(/^TAF-2026-R2-/);
    expect(entry!.lead.name).toBe(ALBANIAN_POLICE);
    expect(entry!.partners.map((partner) => partner.country.name)).toContain("Kosovo");
    expect(entry!.partners.find((partner) => partner.country.name === "Kosovo")!.country.needsFootnote).toBe(true);
    expect(entry!.results.map((result) => result.outcome)).toEqual(["passed", "passed", "passed", "passed", "passed"]);
    expect(entry!.results.every((result) => result.reason.length > 0)).toBe(true);
  });

  it("shows the earliest submission first, and a failed or doubtful criterion with its reason", async () => {
    const { id } = awaitingWithDoubts({ leadWithoutMandate: true });
    const page = await view();
    // The demo's proposal was submitted before this one.
    expect(page.rows.map((entry) => entry.id)).toEqual([proposalIdByTitle(AWAITING), proposalIdByTitle(DOUBTFUL), id]);
    const entry = page.rows[2]!;
    expect(entry.overall).toBe("failed");
    const institutionsResult = entry.results.find((result) => result.id === "eligibleInstitutions")!;
    expect(institutionsResult.outcome).toBe("failed");
    expect(institutionsResult.reason).toMatch(/Kosovo\* Police \(Kosovo\*\) has no Chapter 23 or 24 mandate\..*registered as "Other"/);
  });

  it("counts the proposals waiting on the administrators' home", async () => {
    awaitingWithDoubts();
    const page = (await load(home, "/", { cookie })) as { administrator: { awaitingEligibility: number } };
    expect(page.administrator.awaitingEligibility).toBe(3);
  });

  it("runs the same few queries however many proposals wait, and pages by 50", async () => {
    const spy = spyOnStatements();
    await view();
    const few = spy.mock.calls.length;
    const round = makeRound();
    for (let i = 0; i < 52; i++) driveTo("awaitingDecision", { round, title: `Desk: waiting proposal ${i}` });
    spy.mockClear();
    const page = await view();
    expect(spy.mock.calls.length).toBe(few);
    expect(page.pages.total).toBe(54);
    expect(page.rows).toHaveLength(50);
    spy.mockClear();
    const second = await view("/admin/eligibility?page=2");
    expect(spy.mock.calls.length).toBe(few);
    expect(second.rows.map((entry) => entry.title)).toEqual(["Desk: waiting proposal 48", "Desk: waiting proposal 49", "Desk: waiting proposal 50", "Desk: waiting proposal 51"]);
    spy.mockRestore();
    expect(few).toBeLessThanOrEqual(6);
  });

  it("answers a page that is not a number with a 400 in words", async () => {
    const answer = (await view("/admin/eligibility?page=two")) as unknown as Response;
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(/not a page number/);
  });
});

describe("confirming eligibility", () => {
  it("confirms a proposal that passed every criterion without a reason, and tells the applicants", async () => {
    const id = proposalIdByTitle(AWAITING);
    const reply = await act({ intent: "confirm", ...formFor(id) });
    expect(reply.done).toMatch(/Eligibility confirmed.*“EU review: waiting for you to assign reviewers”/);
    expect(row(id).state).toBe("euReview.awaitingReviewers");
    expect(db().select().from(outbox).where(like(outbox.idempotencyKey, "proposal-event:%:eligibility-outcome:%")).all().length).toBeGreaterThan(0);
  });

  it("refuses to override a failed or doubtful criterion without its own reason, keeps what was typed, and changes nothing", async () => {
    const { id } = awaitingWithDoubts();
    const before = tableChecksums();
    const reply = await act({ intent: "confirm", ...formFor(id), "override.eligibleInstitutions": "   ", "override.joint": "Not overridden: ignored." });
    expect(reply.fieldErrors["override.eligibleInstitutions"]).toEqual([
      "Say why the proposal meets “Eligible security institutions with a Chapter 23/24 mandate” although the automatic check left it to a person.",
    ]);
    expect(reply.values["override.joint"]).toBe("Not overridden: ignored.");
    expect(reply.done).toBeNull();
    expect(changedTables(before, tableChecksums())).toEqual([]);
    expect(row(id).state).toBe("eligibility.awaitingDecision");
  });

  it("records each overridden criterion's reason in the history", async () => {
    const { id } = awaitingWithDoubts();
    const reply = await act({ intent: "confirm", ...formFor(id), "override.eligibleInstitutions": "The task force is a police unit under the Ministry of Interior." });
    expect(reply.formError).toBeNull();
    expect(row(id).state).toBe("euReview.awaitingReviewers");
    const confirmed = db().select().from(proposalEvents).where(and(eq(proposalEvents.proposalId, id), eq(proposalEvents.type, "CONFIRM_ELIGIBLE"))).get()!;
    expect(confirmed.payload.overrides).toEqual([
      { criterion: "eligibleInstitutions", label: "Eligible security institutions with a Chapter 23/24 mandate", reason: "The task force is a police unit under the Ministry of Interior." },
    ]);
    expect(confirmed.payload.reason).toBe("Eligible security institutions with a Chapter 23/24 mandate: The task force is a police unit under the Ministry of Interior.");
  });

  it("refuses a decision taken on a page someone else changed meanwhile", async () => {
    const id = proposalIdByTitle(AWAITING);
    const stale = formFor(id);
    await act({ intent: "recheck", ...formFor(id) });
    const before = tableChecksums();
    const reply = await act({ intent: "confirm", ...stale });
    expect(reply.formError).toMatch(/Someone else changed this proposal meanwhile/);
    expect(changedTables(before, tableChecksums())).toEqual([]);
  });

  it("refuses a proposal no longer waiting for a decision, in the statechart's words", async () => {
    const id = proposalIdByTitle(CLARIFYING);
    const reply = await act({ intent: "confirm", ...formFor(id) });
    expect(reply.formError).toBe("No one can confirm eligibility while the proposal is at “Eligibility: waiting for the lead institution's answer”.");
    expect(row(id).state).toBe("eligibility.clarificationRequested");
  });
});

describe("declaring a proposal ineligible", () => {
  it("needs a reason, and keeps the form as it was", async () => {
    const id = proposalIdByTitle(AWAITING);
    const before = tableChecksums();
    const reply = await act({ intent: "ineligible", ...formFor(id), reason: " " });
    expect(reply.fieldErrors.reason).toEqual(["Give the reason: the applicants will read it."]);
    expect(changedTables(before, tableChecksums())).toEqual([]);
  });

  it("ends the proposal and tells the applicants why", async () => {
    const id = proposalIdByTitle(AWAITING);
    const reply = await act({ intent: "ineligible", ...formFor(id), reason: "The idea is a conference, not operational work." });
    expect(reply.done).toMatch(/Declared ineligible/);
    expect(row(id).state).toBe("ineligible");
    const mail = db().select().from(outbox).where(like(outbox.idempotencyKey, "proposal-event:%:eligibility-outcome:%")).all();
    expect(mail.length).toBeGreaterThan(0);
    expect(mail.every((message) => message.text.includes("The idea is a conference, not operational work."))).toBe(true);
  });
});

describe("requesting clarification", () => {
  it("refuses a blank question, a day that is not a date, a day past, and more than 60 days, changing nothing", async () => {
    const id = proposalIdByTitle(AWAITING);
    const before = tableChecksums();
    const blank = await act({ intent: "clarify", ...formFor(id), question: "", dueOn: "2026-03-12" });
    expect(blank.fieldErrors.question).toEqual(["Write the question the applicants should answer."]);
    const notADate = await act({ intent: "clarify", ...formFor(id), question: "Which prosecutor joins?", dueOn: "next week" });
    expect(notADate.fieldErrors.dueOn).toEqual(["Give the day the answer is due, e.g. 2026-12-15."]);
    expect(notADate.values.question).toBe("Which prosecutor joins?");
    const noSuchDay = await act({ intent: "clarify", ...formFor(id), question: "Which prosecutor joins?", dueOn: "2026-02-30" });
    expect(noSuchDay.fieldErrors.dueOn).toEqual(["This day does not exist. Choose one from the calendar."]);
    const past = await act({ intent: "clarify", ...formFor(id), question: "Which prosecutor joins?", dueOn: "2026-03-01" });
    expect(past.formError).toBe("The due date must be in the future.");
    const far = await act({ intent: "clarify", ...formFor(id), question: "Which prosecutor joins?", dueOn: "2026-06-01" });
    expect(far.fieldErrors.dueOn).toEqual(["Give the applicants at most 60 days to answer."]);
    expect(changedTables(before, tableChecksums())).toEqual([]);
  });

  it("asks the applicants, due at the end of the chosen day in Brussels", async () => {
    const id = proposalIdByTitle(AWAITING);
    const reply = await act({ intent: "clarify", ...formFor(id), question: "Which prosecutor joins?", dueOn: "2026-03-12" });
    expect(reply.done).toMatch(/Clarification requested/);
    expect(row(id).state).toBe("eligibility.clarificationRequested");
    expect(row(id).clarificationDueAt!.toISOString()).toBe("2026-03-12T22:59:00.000Z");
    expect((await view()).rows.map((entry) => entry.id)).not.toContain(id);
  });
});

describe("re-running the automatic check", () => {
  it("checks the corrected record of an institution again, and keeps the proposal on the desk", async () => {
    const { id, unclear } = awaitingWithDoubts();
    expect((await view()).rows.find((entry) => entry.id === id)!.overall).toBe("needsPerson");
    db().update(institutions).set({ type: "lawEnforcementAgency" }).where(eq(institutions.id, unclear.id)).run();
    const reply = await act({ intent: "recheck", ...formFor(id) });
    expect(reply.done).toBe("The automatic check ran again. The proposal is now at “Eligibility: waiting for your decision”.");
    expect(row(id).state).toBe("eligibility.awaitingDecision");
    expect(db().select().from(eligibilityChecks).where(eq(eligibilityChecks.proposalId, id)).orderBy(desc(eligibilityChecks.id)).all().map((check) => check.overall)).toEqual(["passed", "needsPerson"]);
    expect((await view()).rows.find((entry) => entry.id === id)!.overall).toBe("passed");
    const history = db().select({ type: proposalEvents.type }).from(proposalEvents).where(eq(proposalEvents.proposalId, id)).all().map((event) => event.type);
    expect(history.slice(-2)).toEqual(["RECHECK", "ELIGIBILITY_CHECKED"]);
    // The TAF team ran it; no one is mailed for it.
    expect(db().select().from(outbox).where(like(outbox.idempotencyKey, "proposal-event:%")).all().filter((m) => m.template !== "proposal-submitted" && m.template !== "proposal-to-decide")).toEqual([]);
  });

  it("is refused where no decision is awaited", async () => {
    const id = proposalIdByTitle(DEMO_PROPOSALS.drugNetworks);
    const reply = await act({ intent: "recheck", ...formFor(id) });
    expect(reply.formError).toMatch(/No one can re-run the automatic eligibility check while the proposal is at/);
  });

  it("answers an unknown form with a message, and changes nothing", async () => {
    const before = tableChecksums();
    const reply = await act({ intent: "approveEverything", proposalId: "1", version: "1" });
    expect(reply.formError).toBe("This action is not known. Reload the page and try again.");
    expect(changedTables(before, tableChecksums())).toEqual([]);
  });
});
