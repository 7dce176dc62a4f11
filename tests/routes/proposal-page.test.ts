import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import * as home from "../../app/routes/_index";
import * as page from "../../app/routes/proposals.$proposalId._index";
import { createProposal } from "../../app/proposals/workflow.server";
import { outbox, proposalPartners, proposals } from "../../db/schema";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { pictureAt } from "../support/statechart";
import { demoProposalId, driveTo, institutionId, makeProposal } from "../workflow-server/builders";

// The proposal page: what each person sees, and the actions the statechart lets them take.

type Page = Awaited<ReturnType<typeof page.loader>>;
type Result = { formError: string | null; fieldErrors: Record<string, string[]>; done: string | null };

useDatabase("demo");

const cybercrime = () => demoProposalId("cybercrime");

const view = async (id: number, email: string) => (await load(page, `/proposals/${id}`, { cookie: await signInAs(email), params: { proposalId: String(id) } })) as Page;
const act = async (id: number, email: string, form: Record<string, string>) =>
  (await submit(page, `/proposals/${id}`, form, { cookie: await signInAs(email), params: { proposalId: String(id) } })) as Result;
const row = (id: number) => db().select().from(proposals).where(eq(proposals.id, id)).get()!;

describe("what the page shows", () => {
  it("puts an invitation waiting for the person's institution first among what they can do", async () => {
    // A draft of Kosovo* Police with the Serbian prosecutors invited.
    const invited = await view(cybercrime(), "applicant.rs@taf.example");
    expect(invited.workLinks).toEqual([{ to: `/proposals/${cybercrime()}/partnership`, label: "Answer the invitation: confirm or decline" }]);
    const lead = await view(cybercrime(), "applicant.xk@taf.example");
    expect(lead.workLinks.map((link) => link.label)).not.toContain("Answer the invitation: confirm or decline");
    // The home page marks it too, for the invited institution only.
    type Home = { applicant: { proposals: { rows: { id: number; attention?: string | null }[] } } };
    const invitedHome = (await load(home, "/", { cookie: await signInAs("applicant.rs@taf.example") })) as Home;
    expect(invitedHome.applicant.proposals.rows.find((p) => p.id === cybercrime())?.attention).toBe("Your institution is invited: confirm or decline");
    const leadHome = (await load(home, "/", { cookie: await signInAs("applicant.xk@taf.example") })) as Home;
    expect(leadHome.applicant.proposals.rows.find((p) => p.id === cybercrime())?.attention).toBeNull();
  });

  it("offers each person only what the statechart allows them now", async () => {
    const forAdmin = await view(demoProposalId("cocaineRoutes"), "admin@taf.example");
    expect(forAdmin.actions.map((a) => a.type).sort()).toEqual(["CONFIRM_ELIGIBLE", "DECLARE_INELIGIBLE", "RECHECK", "REQUEST_CLARIFICATION"]);
    const forLead = await view(demoProposalId("cocaineRoutes"), "applicant.al@taf.example");
    expect(forLead.actions.map((a) => a.type)).toEqual(["WITHDRAW"]);
    const forPartner = await view(demoProposalId("cocaineRoutes"), "applicant.xk@taf.example");
    expect(forPartner.actions).toEqual([]);
  });

  it("shows the automatic eligibility check and the TAF team's names to administrators only", async () => {
    const forAdmin = await view(demoProposalId("drugNetworks"), "admin@taf.example");
    expect(forAdmin.eligibility?.results.length).toBeGreaterThan(0);
    expect(forAdmin.history.some((h) => h.who === "Anna Keller (TAF team)")).toBe(true);
    const forApplicant = await view(demoProposalId("drugNetworks"), "applicant.xk@taf.example");
    expect(forApplicant.eligibility).toBeNull();
    expect(forApplicant.history.some((h) => h.who.includes("Anna Keller"))).toBe(false);
    expect(forApplicant.history.some((h) => h.who === "The TAF team")).toBe(true);
  });

  it("keeps the internal reason of a decision from the applicants and shows the shared feedback", async () => {
    const decision = (p: Page) => p.history.find((h) => h.what === "decided on selection")!;
    expect(decision(await view(demoProposalId("drugNetworks"), "admin@taf.example")).texts.map((t) => t.label)).toEqual(["Feedback", "Internal reason"]);
    expect(decision(await view(demoProposalId("drugNetworks"), "applicant.xk@taf.example")).texts.map((t) => t.label)).toEqual(["Feedback"]);
  });

  it("draws the statechart for the TAF team only, with the current state highlighted; everyone gets the stages in order", async () => {
    const admin = await signInAs("admin@taf.example");
    const seen = await view(demoProposalId("foreignFighters"), "admin@taf.example");
    const svg = await pictureAt(seen.statechart!.src, admin);
    expect(svg).toMatch(/<g class="state atomic current[^"]*" data-state="implementation.onHold">/);
    expect(seen.statechart!.alt).toContain("Current state: Implementation, On hold.");
    // The picture is an image of its own: the page's data (sent again for hydration) holds its words, not its markup.
    const pageData = JSON.stringify(seen);
    expect(pageData).not.toContain("<svg");
    expect(pageData).not.toContain("data-state=");
    const onHold = await view(demoProposalId("foreignFighters"), "applicant.mk@taf.example");
    expect(onHold.statechart).toBeNull();
    expect(onHold.stages.steps.map((s) => [s.key, s.status])).toEqual([
      ["draft", "passed"],
      ["eligibility", "passed"],
      ["euReview", "passed"],
      ["conceptualWork", "passed"],
      ["implementation", "current"],
    ]);
  });
});

describe("acting on a proposal", () => {
  it("moves the proposal when an administrator confirms eligibility", async () => {
    const id = driveTo("awaitingDecision");
    const result = await act(id, "admin@taf.example", { event: "CONFIRM_ELIGIBLE", version: String(row(id).version), reason: "" });
    expect(result.formError).toBeNull();
    expect(result.done).toMatch(/EU review: waiting for you to assign reviewers/);
    expect(row(id).state).toBe("euReview.awaitingReviewers");
  });

  it("answers a page rendered before someone else acted with a conflict, and changes nothing", async () => {
    const before = row(demoProposalId("victims"));
    const result = await act(demoProposalId("victims"), "admin@taf.example", { event: "DECLARE_INELIGIBLE", version: String(before.version - 1), reason: "Too late" });
    expect(result.formError).toMatch(/changed this proposal meanwhile/);
    expect(row(demoProposalId("victims"))).toEqual(before);
  });

  it("shows the statechart's reason when a step is refused, and changes nothing", async () => {
    const before = row(demoProposalId("drugNetworks"));
    const result = await act(demoProposalId("drugNetworks"), "advisor.mk@taf.example", { event: "HOLD", version: String(before.version), reason: "Budget questions" });
    expect(result.formError).toBe("Only administrators may put implementation on hold.");
    const noReason = await act(demoProposalId("drugNetworks"), "admin@taf.example", { event: "HOLD", version: String(before.version), reason: "  " });
    expect(noReason.formError).toBe("A reason is required.");
    expect(row(demoProposalId("drugNetworks"))).toEqual(before);
  });

  it("resumes an implementation on hold where it was", async () => {
    const result = await act(demoProposalId("foreignFighters"), "admin@taf.example", { event: "RESUME", version: String(row(demoProposalId("foreignFighters")).version) });
    expect(result.formError).toBeNull();
    expect(row(demoProposalId("foreignFighters")).state).toBe("implementation.active.ongoing");
  });

  it("asks for a tick before discarding a draft, then discards it", async () => {
    const { id } = makeProposal();
    const version = String(row(id).version);
    const unticked = await act(id, "applicant.xk@taf.example", { event: "DISCARD", version });
    expect(unticked.fieldErrors.confirm?.[0]).toMatch(/Tick the box/);
    expect(row(id).state).toBe("draft");
    const ticked = await act(id, "applicant.xk@taf.example", { event: "DISCARD", version, confirm: "on" });
    expect(ticked.formError).toBeNull();
    expect(row(id).state).toBe("discarded");
  });

  it("answers an unknown action with a message, not an error", async () => {
    const result = await act(demoProposalId("drugNetworks"), "admin@taf.example", { event: "MAKE_IT_SO", version: "1" });
    expect(result.formError).toMatch(/not known/);
  });
});

describe("query counts", () => {
  it("the home page lists proposals with the same number of queries however many there are", async () => {
    const statementsFor = async (email: string) => {
      const cookie = await signInAs(email);
      const spy = spyOnStatements();
      await load(home, "/", { cookie });
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    const before = { admin: await statementsFor("admin@taf.example"), applicant: await statementsFor("applicant.xk@taf.example") };
    const lead = row(demoProposalId("drugNetworks"));
    db().transaction((tx) => {
      for (let i = 0; i < 30; i++) {
        createProposal(tx, { roundId: lead.roundId, leadInstitutionId: lead.leadInstitutionId, createdBy: { userId: lead.createdByUserId, role: "applicant", institutionId: lead.leadInstitutionId }, title: `Draft ${i}` });
      }
    });
    expect({ admin: await statementsFor("admin@taf.example"), applicant: await statementsFor("applicant.xk@taf.example") }).toEqual(before);
  });
});

describe("who acts next", () => {
  it("says who moves the proposal on, from the statechart", async () => {
    expect((await view(demoProposalId("victims"), "applicant.me@taf.example")).nextActor).toBe("the lead institution");
    expect((await view(demoProposalId("cocaineRoutes"), "applicant.al@taf.example")).nextActor).toBe("the TAF team");
    expect((await view(demoProposalId("legalAssistance"), "admin@taf.example")).nextActor).toBeNull();
  });
});

describe("what stays internal", () => {
  it("does not mail the reason for confirming eligibility to the applicants", async () => {
    // "Victims" waits on its clarification: the lead answers, then the TAF team confirms it with an internal reason.
    const answered = await act(demoProposalId("victims"), "applicant.me@taf.example", { event: "RESPOND", version: String(row(demoProposalId("victims")).version), message: "We checked with our partners." });
    expect(answered.formError).toBeNull();
    const before = db().select().from(outbox).all().length;
    await act(demoProposalId("victims"), "admin@taf.example", { event: "CONFIRM_ELIGIBLE", version: String(row(demoProposalId("victims")).version), reason: "INTERNAL-ONLY: checked by phone" });
    const mailed = db().select().from(outbox).all().slice(before);
    expect(mailed.length).toBeGreaterThan(0);
    for (const mail of mailed) expect(mail.text).not.toContain("INTERNAL-ONLY");
  });
});

describe("an invitation left unanswered", () => {
  it("holds the submission back, and the invited institution keeps seeing the draft", async () => {
    const stolenVehicles = demoProposalId("stolenVehicles");
    const sipa = institutionId("State Investigation and Protection Agency (SIPA)");
    db().insert(proposalPartners).values({ proposalId: stolenVehicles, institutionId: sipa, status: "invited", invitedAt: new Date() }).run();
    // Complete the draft with the answers of a submitted proposal, then the lead tries to submit.
    db().update(proposals).set({ content: row(demoProposalId("drugNetworks")).content }).where(eq(proposals.id, stolenVehicles)).run();
    const before = row(stolenVehicles);
    const refused = await act(stolenVehicles, "applicant.al@taf.example", { event: "SUBMIT", version: String(before.version) });
    expect(refused.formError).toMatch(/Every invited partner must confirm or decline first/);
    expect(row(stolenVehicles)).toEqual(before);
    expect(statusOf(await load(page, `/proposals/${stolenVehicles}`, { cookie: await signInAs("applicant.ba@taf.example"), params: { proposalId: String(stolenVehicles) } }))).toBe(200);
  });
});

describe("a proposal stored by a workflow this portal does not know", () => {
  it("answers 503 with a sentence, and logs why", async () => {
    const completed = demoProposalId("legalAssistance");
    db().update(proposals).set({ machineVersion: 99 }).where(eq(proposals.id, completed)).run();
    const answer = await load(page, `/proposals/${completed}`, { cookie: await signInAs("applicant.me@taf.example"), params: { proposalId: String(completed) } });
    expect(statusOf(answer)).toBe(503);
    expect(await (answer as Response).text()).toMatch(/cannot be opened with this version of the portal/);
    expect(vi.mocked(console.error).mock.calls.map(String).join()).toMatch(/version 99/);
    vi.mocked(console.error).mockClear();
  });
});
