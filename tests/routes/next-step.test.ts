import { describe, expect, it } from "vitest";
import * as home from "../../app/routes/_index";
import * as concept from "../../app/routes/proposals.$proposalId.concept";
import * as deadlinesRoute from "../../app/routes/proposals.$proposalId.deadlines";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import * as page from "../../app/routes/proposals.$proposalId._index";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { and, eq } from "drizzle-orm";
import { reviewAssignments } from "../../db/schema";
import { db } from "../../app/db.server";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { actorFor, demoProposalId, driveTo, proposalIdByTitle, userId } from "../workflow-server/builders";

// The proposal page's first panel: what the person looking is expected to do next, from the
// statechart, for each stage and role; the lists' "your turn" mark; the TAF team's decisions
// on the pages where it reads the concept note and the completion report.

type Page = Awaited<ReturnType<typeof page.loader>>;

useDatabase("demo");

const open = async (route: typeof page | typeof concept | typeof implementation, path: string, id: number, email: string) =>
  load(route, `/proposals/${id}${path}`, { cookie: await signInAs(email), params: { proposalId: String(id) } });
const view = async (id: number, email: string) => (await open(page, "", id, email)) as Page;
const types = (actions: { type: string }[]) => actions.map((action) => action.type).sort();

describe("the next step, for each stage and role", () => {
  it("gives the TAF team the eligibility decision as its turn, and keeps declaring ineligible last", async () => {
    const step = (await view(demoProposalId("cocaineRoutes"), "admin@taf.example")).nextStep;
    expect(step.yourTurn).toBe(true);
    expect(step.instruction).toBe("Confirm eligibility, request clarification or re-run the automatic eligibility check.");
    expect(types(step.moves)).toEqual(["CONFIRM_ELIGIBLE", "RECHECK", "REQUEST_CLARIFICATION"]);
    expect(types(step.endings)).toEqual(["DECLARE_INELIGIBLE"]);
  });

  it("tells the lead of a submitted proposal that the TAF team acts, with withdrawing only as the last, folded step", async () => {
    const seen = await view(demoProposalId("cocaineRoutes"), "applicant.al@taf.example");
    expect(seen.nextStep).toMatchObject({ yourTurn: false, instruction: null, moves: [], pauses: [] });
    expect(types(seen.nextStep.endings)).toEqual(["WITHDRAW"]);
    expect(seen.nextActor).toBe("the TAF team");
    expect(seen.stateLabel).toBe("Eligibility: waiting for the TAF team");
    expect(seen.nextStage).toBe("EU review");
    expect(seen.statechart).toBeNull();
  });

  it("asks the lead to answer the clarification, shows the question to the partner read-only", async () => {
    const id = demoProposalId("victims");
    const lead = await view(id, "applicant.me@taf.example");
    expect(lead.nextStep.instruction).toBe("Answer the question and resubmit.");
    expect(lead.clarification).toMatchObject({ answerAt: `/proposals/${id}/submit` });
    expect(lead.clarification!.question).not.toBe("");
    expect(lead.clarification!.dueAt).not.toBeNull();
    const partner = await view(id, "applicant.rs@taf.example");
    expect(partner.clarification).toMatchObject({ question: lead.clarification!.question, answerAt: null, mayComment: true });
    expect(partner.nextStep).toMatchObject({ yourTurn: false, endings: [] });
    expect(partner.nextActor).toBe("the lead institution");
    // Once the machine no longer waits for an answer, no request is shown.
    expect((await view(demoProposalId("cocaineRoutes"), "admin@taf.example")).clarification).toBeNull();
  });

  it("asks the lead of a draft to submit it and keeps discarding last; the invited partner to answer", async () => {
    const id = demoProposalId("cybercrime");
    const lead = (await view(id, "applicant.xk@taf.example")).nextStep;
    expect(lead.instruction).toBe("Preview and submit the proposal.");
    expect(types(lead.endings)).toEqual(["DISCARD"]);
    const invited = (await view(id, "applicant.rs@taf.example")).nextStep;
    expect(invited).toMatchObject({ yourTurn: true, instruction: "Answer the invitation: confirm or decline.", endings: [] });
  });

  it("asks the lead to report during implementation; the TAF team may only pause or end it, folded", async () => {
    const id = demoProposalId("drugNetworks");
    expect((await view(id, "applicant.xk@taf.example")).nextStep.instruction).toBe("Report on activities and submit the completion report.");
    const team = (await view(id, "admin@taf.example")).nextStep;
    expect(team).toMatchObject({ yourTurn: false, instruction: null, moves: [] });
    expect(types(team.pauses)).toEqual(["HOLD"]);
    expect(types(team.endings)).toEqual(["CANCEL_IMPLEMENTATION"]);
  });

  it("says that nothing more happens to a finished proposal", async () => {
    const done = await view(demoProposalId("legalAssistance"), "admin@taf.example");
    expect(done.nextStep).toMatchObject({ yourTurn: false, instruction: null, moves: [], pauses: [], endings: [] });
    expect(done.nextStage).toBeNull();
  });

  it("sends a reviewer with a review in progress to their own review, and none whose review is in", async () => {
    // The demo's second-round proposal in the EU review: reviewer.expert's review is a draft, reviewer.eu's is in.
    const id = proposalIdByTitle("Tracing and confiscating criminal assets across borders");
    const assignment = db()
      .select({ id: reviewAssignments.id })
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.proposalId, id), eq(reviewAssignments.reviewerUserId, userId("reviewer.expert@taf.example"))))
      .get()!.id;
    const reviewing = await view(id, "reviewer.expert@taf.example");
    expect(reviewing.nextStep).toMatchObject({ yourTurn: true, instruction: "Continue your review.", moves: [], endings: [] });
    expect(reviewing.workLinks).toEqual([{ to: `/reviews/${assignment}`, label: "Continue your review" }]);
    const submitted = await view(id, "reviewer.eu@taf.example");
    expect(submitted.nextStep).toMatchObject({ yourTurn: false, instruction: null });
    expect(submitted.workLinks).toEqual([]);
    expect(submitted.nextActor).toBe("the reviewers");
    const submittedAssignment = db()
      .select({ id: reviewAssignments.id })
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.proposalId, id), eq(reviewAssignments.reviewerUserId, userId("reviewer.eu@taf.example"))))
      .get()!.id;
    expect(submitted.links[0]).toEqual({ to: `/reviews/${submittedAssignment}`, label: "Your review (submitted): open or reopen it" });
    expect(reviewing.links.map((link) => link.to)).not.toContain(`/reviews/${assignment}`);
  });

  it("names the EU review by what it waits for, and lets the TAF team close it", async () => {
    const id = driveTo("reviewing");
    const seen = await view(id, "admin@taf.example");
    expect(seen.stateLabel).toBe("EU review: waiting for the reviewers' scores");
    expect(types(seen.nextStep.moves)).toEqual(["CLOSE_REVIEW"]);
    // The stage waits for the reviewers' scores, whoever looks.
    expect(seen.nextActor).toBe("the reviewers");
    expect((await view(id, "applicant.xk@taf.example")).nextActor).toBe("the reviewers");
  });
});

describe("the lists' your-turn mark", () => {
  type Home = {
    applicant?: { proposals: { rows: { id: number; yourTurn: boolean }[] } };
    administrator?: { proposals: { rows: { id: number; yourTurn: boolean }[] } };
  };
  const homeOf = async (email: string) => (await load(home, "/", { cookie: await signInAs(email) })) as Home;
  const turn = (rows: { id: number; yourTurn: boolean }[] | undefined, id: number) => rows?.find((row) => row.id === id)?.yourTurn;

  it("marks what waits for the TAF team on its home, and what waits for an applicant's institution on theirs", async () => {
    const reviewing = driveTo("reviewing");
    const team = (await homeOf("admin@taf.example")).administrator?.proposals.rows;
    expect(turn(team, demoProposalId("cocaineRoutes"))).toBe(true);
    // The TAF team could close a review early, but it waits for the reviewers' scores.
    expect(turn(team, reviewing)).toBe(false);
    expect(turn(team, demoProposalId("victims"))).toBe(false);
    expect(turn(team, demoProposalId("drugNetworks"))).toBe(false);
    const montenegro = (await homeOf("applicant.me@taf.example")).applicant?.proposals.rows;
    expect(turn(montenegro, demoProposalId("victims"))).toBe(true);
    const serbia = (await homeOf("applicant.rs@taf.example")).applicant?.proposals.rows;
    // A partner of the proposal whose lead answers is not the one whose turn it is.
    expect(turn(serbia, demoProposalId("victims"))).toBe(false);
    const albania = (await homeOf("applicant.al@taf.example")).applicant?.proposals.rows;
    expect(turn(albania, demoProposalId("cocaineRoutes"))).toBe(false);
  });
});

describe("the TAF team acts where it reads", () => {
  it("offers approve and revision on the concept note page to the TAF team only, and applies them there", async () => {
    const id = demoProposalId("followTheMoney");
    const submitted = applyProposalCommand({ proposalId: id, actor: actorFor("applicant.rs@taf.example"), command: { type: "SUBMIT_CONCEPT", answer: "The budget is split by activity now." } });
    expect(submitted.ok).toBe(true);
    type Concept = Awaited<ReturnType<typeof concept.loader>>;
    const forTeam = (await open(concept, "/concept", id, "admin@taf.example")) as Concept;
    expect(types(forTeam.teamSteps)).toEqual(["APPROVE_CONCEPT", "REQUEST_REVISION"]);
    expect(((await open(concept, "/concept", id, "applicant.rs@taf.example")) as Concept).teamSteps).toEqual([]);
    const approved = (await submit(page, `/proposals/${id}`, { event: "APPROVE_CONCEPT", version: String(forTeam.version) }, { cookie: await signInAs("admin@taf.example"), params: { proposalId: String(id) } })) as { done: string | null };
    expect(approved.done).toMatch(/Implementation: waiting for you to start it/);
  });

  it("offers the TAF team its step on the implementation page when it is theirs, none while the lead reports", async () => {
    type Implementation = Awaited<ReturnType<typeof implementation.loader>>;
    const id = demoProposalId("drugNetworks");
    expect(((await open(implementation, "/implementation", id, "admin@taf.example")) as Implementation).teamSteps).toEqual([]);
    const started = driveTo("awaitingStart");
    expect(types(((await open(implementation, "/implementation", started, "admin@taf.example")) as Implementation).teamSteps)).toEqual(["START"]);
  });

  it("speaks to the TAF team as the one who acts, and to the applicants of the TAF team", async () => {
    type Implementation = Awaited<ReturnType<typeof implementation.loader>>;
    type Concept = Awaited<ReturnType<typeof concept.loader>>;
    const onHold = demoProposalId("foreignFighters");
    const forTeam = (await open(implementation, "/implementation", onHold, "admin@taf.example")) as Implementation;
    const forLead = (await open(implementation, "/implementation", onHold, "applicant.mk@taf.example")) as Implementation;
    expect(forTeam.stageWords).not.toMatch(/TAF team/);
    expect(forLead.stageWords).toMatch(/The TAF team resumes it/);
    // The concept note sent back for revision: the request is the team's own on its page.
    const revised = demoProposalId("followTheMoney");
    expect(((await open(concept, "/concept", revised, "admin@taf.example")) as Concept).forTafTeam).toBe(true);
    expect(((await open(concept, "/concept", revised, "applicant.rs@taf.example")) as Concept).forTafTeam).toBe(false);
  });
});

describe("the deadlines page", () => {
  it("tells the lead's applicants the work is their institution's, and everyone else the lead institution's", async () => {
    const id = demoProposalId("followTheMoney");
    type Deadlines = Awaited<ReturnType<typeof deadlinesRoute.loader>>;
    const submitterFor = async (email: string) => ((await load(deadlinesRoute, `/proposals/${id}/deadlines`, { cookie: await signInAs(email), params: { proposalId: String(id) } })) as Deadlines).submitter;
    expect(await submitterFor("applicant.rs@taf.example")).toBe("your institution");
    expect(await submitterFor("applicant.ba@taf.example")).toBe("the lead institution");
    expect(await submitterFor("admin@taf.example")).toBe("the lead institution");
  });
});
