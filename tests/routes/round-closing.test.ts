import { and, eq, like } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import { runScheduledEvents } from "../../app/jobs/scheduler.server";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
import { applyRoundCommand } from "../../app/rounds/workflow.server";
import { memberships, outbox, users } from "../../db/schema";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { admin as administrator, ALBANIAN_POLICE, driveTo, institutionId, makeProposal, makeRound } from "../workflow-server/builders";

// When a round closes, the applicants of each institution leading a draft still open hear of
// it once, whatever the number of drafts and however often the scheduler runs; the round's page
// lists those drafts a page at a time.

useDatabase("demo");

let admin: string;
beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
});

type RoundPage = Awaited<ReturnType<typeof roundPage.loader>>;

const CLOSES = new Date("2030-06-28T15:00:00.000Z");
const view = async (id: number, search = "") =>
  (await load(roundPage, `/admin/rounds/${id}${search}`, { cookie: admin, params: { roundId: String(id) } })) as RoundPage;
const closingMail = (roundId: number) => db().select().from(outbox).where(like(outbox.idempotencyKey, `round-closed:${roundId}:%`)).all();

/** The active applicants of an institution: the people who lead its drafts. */
function applicantsOf(institution: string) {
  return db()
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.institutionId, institutionId(institution)), eq(memberships.role, "applicant"), eq(users.active, true)))
    .all()
    .map((user) => user.email)
    .sort();
}

describe("a round closing with drafts still open", () => {
  function roundWithDrafts() {
    const round = makeRound({ closesAt: CLOSES });
    makeProposal({ round, title: "Cross-border heroin investigations" });
    makeProposal({ round, title: "Cybercrime training for prosecutors" });
    makeProposal({ round, lead: ALBANIAN_POLICE, createdBy: "applicant.al@taf.example", title: "Firearms trafficking on the Adriatic", partners: [] });
    // Submitted: its lead hears nothing of the closing for it.
    driveTo("awaitingDecision", { round, title: "Submitted in time" });
    return round;
  }

  it("tells each lead applicant once, naming every draft of theirs, when the scheduler closes it", () => {
    const round = roundWithDrafts();
    expect(runScheduledEvents(CLOSES).roundsClosed).toBeGreaterThanOrEqual(1);
    const mail = closingMail(round.id);
    const kosovo = applicantsOf("Kosovo* Police");
    expect(mail.map((message) => message.recipient).sort()).toEqual([...kosovo, ...applicantsOf(ALBANIAN_POLICE)].sort());
    const toKosovo = mail.find((message) => message.recipient === "applicant.xk@taf.example")!;
    expect(toKosovo.subject).toBe(`${round.code} is closed: 2 drafts were not submitted`);
    expect(toKosovo.text).toContain("Cross-border heroin investigations");
    expect(toKosovo.text).toContain("Cybercrime training for prosecutors");
    expect(toKosovo.text).not.toContain("Submitted in time");
    expect(toKosovo.text).not.toContain("Firearms trafficking");
    expect(mail.find((message) => message.recipient === "applicant.al@taf.example")!.subject).toBe(`${round.code} is closed: your draft was not submitted`);

    // The scheduler running again finds the round closed: nothing is sent twice.
    runScheduledEvents(new Date(CLOSES.getTime() + 60_000));
    expect(closingMail(round.id)).toHaveLength(mail.length);
  });

  it("tells them again when a round closed by hand is reopened and closed once more", async () => {
    const round = roundWithDrafts();
    const closed = await submit(roundPage, `/admin/rounds/${round.id}`, { event: "CLOSE", version: String(round.version), confirm: "on" }, { cookie: admin, params: { roundId: String(round.id) } });
    expect(closed).toBeInstanceOf(Response);
    const first = closingMail(round.id).length;
    expect(first).toBeGreaterThanOrEqual(2);
    applyRoundCommand({ roundId: round.id, actor: administrator(), command: { type: "REOPEN", closesAt: new Date("2030-08-01T15:00:00.000Z"), reason: "Two ministries asked for time." } });
    applyRoundCommand({ roundId: round.id, actor: administrator(), command: { type: "CLOSE" } });
    expect(closingMail(round.id)).toHaveLength(2 * first);
  });

  it("tells no one when every proposal was submitted", () => {
    const round = makeRound({ closesAt: CLOSES });
    driveTo("awaitingDecision", { round });
    applyRoundCommand({ roundId: round.id, actor: administrator(), command: { type: "CLOSE" } });
    expect(closingMail(round.id)).toEqual([]);
  });
});

describe("the round page's list of drafts not submitted", () => {
  it("appears once the round is closed, with the drafts only", async () => {
    const round = makeRound({ closesAt: CLOSES });
    makeProposal({ round, title: "Still a draft" });
    driveTo("awaitingDecision", { round, title: "Submitted in time" });
    expect((await view(round.id)).openDrafts).toBeNull();
    applyRoundCommand({ roundId: round.id, actor: administrator(), command: { type: "CLOSE" } });
    const { openDrafts } = await view(round.id);
    expect(openDrafts!.rows.map((row) => row.title)).toEqual(["Still a draft"]);
  });

  it("pages by 50 with the same queries however many drafts there are", async () => {
    const round = makeRound({ closesAt: CLOSES });
    makeProposal({ round, title: "Draft 1" });
    applyRoundCommand({ roundId: round.id, actor: administrator(), command: { type: "CLOSE" } });
    const spy = spyOnStatements();
    await view(round.id);
    const few = spy.mock.calls.length;
    for (let n = 2; n <= 60; n++) makeProposal({ round, title: `Draft ${n}`, partners: [] });
    spy.mockClear();
    const firstPage = await view(round.id);
    expect(spy.mock.calls.length).toBe(few);
    spy.mockRestore();
    expect(firstPage.openDrafts!.pages).toMatchObject({ param: "drafts", total: 60, first: 1, last: 50, pageCount: 2 });
    const second = await view(round.id, "?drafts=2");
    expect(second.openDrafts!.pages).toMatchObject({ page: 2, first: 51, last: 60 });
    // The round's list of all proposals keeps its own page.
    expect(second.proposals.pages).toMatchObject({ param: "page", page: 1 });
  });
});
