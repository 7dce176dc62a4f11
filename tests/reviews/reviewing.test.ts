import { DEFAULT_REVIEW_CRITERIA } from "../../workflows/in-english";
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { dismissDetectedConflict } from "../../app/reviews/conflicts.server";
import * as home from "../../app/routes/_index";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import * as attachmentsPage from "../../app/routes/proposals.$proposalId.attachments";
import * as reviewPage from "../../app/routes/reviews.$assignmentId";
import { reviewAssignments, reviewerConflictRules, reviews } from "../../db/schema";

import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { admin, ALBANIAN_POLICE, driveTo, institutionId, markReviewSubmitted, userId } from "../workflow-server/builders";

// The reviewer's side of the EU review, through the pages' loaders and actions: the conflict
// check before any content, the review beside the proposal, drafts, submitting, blind reviews,
// and every refusal (unassigned, conflicted, after the review closed, incomplete, too early).

useDatabase("demo");

const EU = "reviewer.eu@taf.example";
const EXPERT = "reviewer.expert@taf.example";
const TITLE = "Joint surveillance of a heroin route through the Western Balkans";

type Page = Awaited<ReturnType<typeof reviewPage.loader>>;
type Reply = { savedAt: string | null; revision: number; problem: string | null; conflict: boolean; refusal?: string; typed?: { commentForApplicants: string }; reviewClosed?: true };
type Home = Awaited<ReturnType<typeof home.loader>>;

const cookies: Record<string, string> = {};
let proposalId = 0;

beforeEach(async () => {
  proposalId = driveTo("reviewing", { title: TITLE });
  for (const email of [EU, EXPERT, "admin@taf.example", "applicant.xk@taf.example"]) cookies[email] = await signInAs(email);
});

function assignmentOf(email: string) {
  return db()
    .select()
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalId), eq(reviewAssignments.reviewerUserId, userId(email))))
    .get()!;
}

const reviewOf = (email: string) => db().select().from(reviews).where(eq(reviews.assignmentId, assignmentOf(email).id)).get();
const reviewPath = (email: string) => `/reviews/${assignmentOf(email).id}`;
const params = (email: string) => ({ assignmentId: String(assignmentOf(email).id) });

function openReview(email: string, as = email) {
  return load(reviewPage, reviewPath(email), { cookie: cookies[as], params: params(email) });
}

function post(email: string, form: Record<string, string>, as = email) {
  return submit(reviewPage, reviewPath(email), { version: String(assignmentOf(email).version), ...form }, { cookie: cookies[as], params: params(email) });
}

/** What a worded refusal (a thrown 409) says: its catalogue key, values, and English. */
async function wordsOf(answer: unknown) {
  return (answer as Response).json();
}

/** The proposal's own page, its attachments and the review page, as this reviewer opens them. */
async function statusesFor(email: string) {
  const cookie = cookies[email];
  const id = String(proposalId);
  return {
    proposal: statusOf(await load(proposalPage, `/proposals/${id}`, { cookie, params: { proposalId: id } })),
    attachments: statusOf(await load(attachmentsPage, `/proposals/${id}/attachments`, { cookie, params: { proposalId: id } })),
    review: statusOf(await openReview(email)),
  };
}

async function homeRows(email: string) {
  const data = (await load(home, "/", { cookie: cookies[email] })) as Home;
  return data.reviewer!.assignments.rows.filter((row) => row.title === TITLE);
}

const fullReview = Object.fromEntries([
  ...DEFAULT_REVIEW_CRITERIA.map((criterion) => [`score.${criterion.id}`, "4"]),
  ["recommendation", "promising"],
  ["confidence", "high"],
  ["commentForApplicants", "A clear operational plan with the right partners."],
  ["internalComment", "Worth a priority mark."],
]) as Record<string, string>;

async function declareNoConflict(email: string) {
  const result = await post(email, { intent: "DECLARE_NO_CONFLICT" });
  expect(result).toBeInstanceOf(Response);
  expect(assignmentOf(email).state).toBe("reviewing");
}

describe("the conflict check comes before any content", () => {
  it("shows an invited reviewer who takes part and nothing of the content; the proposal and its attachments are not theirs to open yet", async () => {
    const page = (await openReview(EU)) as Page;
    expect(page.stateLabel).toBe("Conflict check");
    expect(page.title).toBe(TITLE);
    expect(page.lead.name).toBe("Kosovo* Police");
    expect(page.partners.map((p) => p.name)).toEqual([ALBANIAN_POLICE]);
    expect(page.countries.map((country) => country.needsFootnote)).toContain(true);
    expect(page.countries).toHaveLength(2);
    expect(page.opened).toBeNull();
    expect(JSON.stringify(page)).not.toContain(DEFAULT_REVIEW_CRITERIA[0]!.name);
    expect(page.events.map((event) => event.type).sort()).toEqual(["DECLARE_CONFLICT", "DECLARE_NO_CONFLICT", "DECLINE"]);
    expect(await statusesFor(EU)).toEqual({ proposal: 404, attachments: 404, review: 200 });
    expect((await homeRows(EU)).map((row) => [row.stateLabel, row.nextStep, row.proposalOpen])).toEqual([["Conflict check", "Declare any conflict", false]]);
  });

  it("opens the proposal beside the review form after “no conflict”", async () => {
    await declareNoConflict(EU);
    const page = (await openReview(EU)) as Page;
    expect(page.opened?.criteria.map((c) => c.id)).toEqual(DEFAULT_REVIEW_CRITERIA.map((c) => c.id));
    expect(page.opened?.proposal.answers).not.toBeNull();
    expect(page.opened?.proposal.version?.number).toBe(1);
    expect(await statusesFor(EU)).toEqual({ proposal: 200, attachments: 200, review: 200 });
    expect((await homeRows(EU)).map((row) => [row.nextStep, row.proposalOpen])).toEqual([["Continue your review", true]]);
  });

  it("needs a description of a declared conflict; then the reviewer sees nothing of the proposal anywhere", async () => {
    const blank = (await post(EU, { intent: "DECLARE_CONFLICT", reason: "  " })) as Reply;
    expect(blank.refusal).toBe("Describe the conflict in a few words: the TAF team reads it.");
    expect(assignmentOf(EU).state).toBe("invited");

    const declared = await post(EU, { intent: "DECLARE_CONFLICT", reason: "I advised the Kosovo* Police on this case." });
    expect((declared as Response).headers.get("Location")).toBe("/?notice=review-conflict-declared");
    expect(assignmentOf(EU).state).toBe("conflicted");
    expect(await statusesFor(EU)).toEqual({ proposal: 404, attachments: 404, review: 404 });
    expect(await homeRows(EU)).toEqual([]);
  });

  it("closes the proposal to a reviewer when the TAF team finds a conflict after “no conflict”, and opens it again when the detection is dismissed", async () => {
    await declareNoConflict(EU);
    db()
      .insert(reviewerConflictRules)
      .values({ reviewerUserId: userId(EU), institutionId: institutionId(ALBANIAN_POLICE), reason: "Seconded to it until last year.", createdAt: new Date() })
      .run();
    expect(await statusesFor(EU)).toEqual({ proposal: 404, attachments: 404, review: 404 });
    expect((await homeRows(EU)).length).toBe(0);

    dismissDetectedConflict({ proposalId, reviewerUserId: userId(EU), reason: "The secondment ended two years ago.", by: { id: userId("admin@taf.example") } });
    expect(await statusesFor(EU)).toEqual({ proposal: 200, attachments: 200, review: 200 });
  });

  it("lets the reviewer decline with a reason", async () => {
    expect(((await post(EU, { intent: "DECLINE", reason: "" })) as Reply).refusal).toBe("Give a reason for declining: the TAF team reads it.");
    const declined = await post(EU, { intent: "DECLINE", reason: "On mission until the due date." });
    expect((declined as Response).headers.get("Location")).toBe("/?notice=review-declined");
    expect(assignmentOf(EU).state).toBe("declined");
    expect(await statusesFor(EU)).toEqual({ proposal: 404, attachments: 404, review: 404 });
  });
});

describe("only the assigned reviewer answers an assignment", () => {
  it("answers 404 to another reviewer, the TAF team and applicants", async () => {
    await declareNoConflict(EU);
    for (const other of [EXPERT, "admin@taf.example", "applicant.xk@taf.example"]) {
      expect(statusOf(await openReview(EU, other)), other).toBe(404);
      const before = assignmentOf(EU);
      expect(statusOf(await post(EU, { intent: "save", revision: "0", ...fullReview }, other)), other).toBe(404);
      expect(assignmentOf(EU)).toEqual(before);
      expect(reviewOf(EU)).toBeUndefined();
    }
  });
});

describe("the review form", () => {
  beforeEach(() => declareNoConflict(EU));

  it("saves a draft with parts left blank, and keeps what was typed", async () => {
    const saved = (await post(EU, { intent: "save", revision: "0", "score.relevance": "5", commentForApplicants: "Strong link to EMPACT." })) as Reply;
    expect(saved.problem).toBeNull();
    expect(saved.savedAt).not.toBeNull();
    const page = (await openReview(EU)) as Page;
    expect(page.opened?.review).toMatchObject({ scores: { relevance: 5 }, commentForApplicants: "Strong link to EMPACT.", recommendation: "" });
    expect(page.opened?.revision).toBe(saved.revision);
    expect(assignmentOf(EU).state).toBe("reviewing");
  });

  it("refuses a save from a second tab based on an older revision, and overwrites nothing", async () => {
    const first = (await post(EU, { intent: "save", revision: "0", commentForApplicants: "First tab." })) as Reply;
    const second = (await post(EU, { intent: "autosave", revision: "0", commentForApplicants: "Second tab." })) as Reply;
    expect(second.conflict).toBe(true);
    expect(second.problem).toContain("saved from another tab or window");
    expect(second.typed?.commentForApplicants).toBe("Second tab.");
    expect(reviewOf(EU)!.commentForApplicants).toBe("First tab.");
    const third = (await post(EU, { intent: "autosave", revision: String(first.revision), commentForApplicants: "First tab, later." })) as Reply;
    expect(third.problem).toBeNull();
  });

  it("reports a comment over the limit without losing its text", async () => {
    const long = "x".repeat(8001);
    const reply = (await post(EU, { intent: "save", revision: "0", commentForApplicants: long })) as Reply;
    expect(reply.savedAt).toBeNull();
    expect(reply.problem).toContain("longer than 8,000 characters");
    expect(reply.typed?.commentForApplicants).toBe(long);
    expect(reviewOf(EU)).toBeUndefined();
  });

  it("refuses to submit with scores missing, saying which in words and linking to them", async () => {
    const reply = (await post(EU, { intent: "SUBMIT_REVIEW", revision: "0", "score.relevance": "3", recommendation: "promising" })) as Reply;
    expect(reply.refusal).toBe(
      "These parts of the review are not answered: the score for “Regional (cross-border) added value”, the score for “Operational feasibility”, the score for “Sustainability”, the score for “Value for money” and your confidence.",
    );
    expect(assignmentOf(EU).state).toBe("reviewing");
    const page = (await openReview(EU)) as Page;
    expect(page.opened?.missing.map((part) => part.field)).toEqual(["score-regionalAddedValue", "score-operationalFeasibility", "score-sustainability", "score-valueForMoney", "confidence"]);
    // What was typed before the refusal is kept as the draft.
    expect(page.opened?.review.scores).toEqual({ relevance: 3 });
  });

  it("submits a complete review, shows it read-only, and reopens it while the review is open", async () => {
    const submitted = await post(EU, { intent: "SUBMIT_REVIEW", revision: "0", ...fullReview });
    expect((submitted as Response).headers.get("Location")).toBe(`${reviewPath(EU)}?notice=submitted`);
    expect(assignmentOf(EU).state).toBe("submitted");
    expect(reviewOf(EU)!.submittedAt).not.toBeNull();
    const page = (await openReview(EU)) as Page;
    expect(page.events.map((event) => event.type)).toEqual(["REOPEN_REVIEW"]);
    expect((await homeRows(EU)).map((row) => row.nextStep)).toEqual(["Submitted — you can reopen it until the review closes"]);
    const refused = (await post(EU, { intent: "save", revision: String(page.opened!.revision), commentForApplicants: "Changed." })) as Reply;
    expect(refused.problem).toBe("Not saved: the review is at “Review submitted”. Reopen it to edit it.");

    expect(await post(EU, { intent: "REOPEN_REVIEW" })).toBeInstanceOf(Response);
    expect(assignmentOf(EU).state).toBe("reviewing");
    expect(reviewOf(EU)!.submittedAt).toBeNull();
  });
});

describe("blind among reviewers", () => {
  it("shows the other reviews, names withheld, only after one's own is submitted", async () => {
    markReviewSubmitted(assignmentOf(EXPERT).id);
    db().update(reviews).set({ commentForApplicants: "Convincing partners." }).where(eq(reviews.assignmentId, assignmentOf(EXPERT).id)).run();
    await declareNoConflict(EU);
    const before = (await openReview(EU)) as Page;
    expect(before.opened?.others).toBeNull();
    expect(JSON.stringify(before)).not.toContain("Convincing partners.");

    await post(EU, { intent: "SUBMIT_REVIEW", revision: "0", ...fullReview });
    const after = (await openReview(EU)) as Page;
    expect(after.opened?.others).toEqual([
      expect.objectContaining({ label: "Reviewer 1", recommendation: "Promising", commentForApplicants: "Convincing partners.", weighted: "4.00" }),
    ]);
    expect(JSON.stringify(after.opened?.others)).not.toContain("Katrin Vogel");
    expect(JSON.stringify(after.opened?.others)).not.toContain("Worth a priority mark.");
  });
});

describe("after the review closes", () => {
  it("the reviewers see nothing of the proposal, and cannot save or reopen their review", async () => {
    await declareNoConflict(EU);
    await post(EU, { intent: "SUBMIT_REVIEW", revision: "0", ...fullReview });
    markReviewSubmitted(assignmentOf(EXPERT).id);
    const closed = applyProposalCommand({ proposalId, actor: admin(), command: { type: "CLOSE_REVIEW" } });
    expect(closed.ok).toBe(true);

    // Their own review page says the review is closed (409 Conflict), and shows nothing of the proposal.
    expect(await statusesFor(EU)).toEqual({ proposal: 404, attachments: 404, review: 409 });
    expect(await wordsOf(await openReview(EU))).toEqual({ key: "refusals.assignment.reviewClosed", values: {}, message: "The EU review of this proposal is closed: it takes no more reviews." });
    const before = { assignment: assignmentOf(EU), review: reviewOf(EU) };
    // A form sent from the page still open when it closed is told so, on that page (which keeps
    // what was typed): a save beside the form, the other buttons at the top.
    const late = (intent: string) => post(EU, { intent, revision: String(before.review!.updatedAt.getTime()), ...fullReview, commentForApplicants: "Late." }) as Promise<Reply>;
    for (const intent of ["save", "autosave"]) {
      expect(await late(intent), intent).toMatchObject({ savedAt: null, conflict: true, problem: "Not saved: the EU review of this proposal is closed: it takes no more reviews.", reviewClosed: true });
    }
    for (const intent of ["SUBMIT_REVIEW", "REOPEN_REVIEW", "DECLINE"]) {
      expect(await late(intent), intent).toMatchObject({ savedAt: null, conflict: true, refusal: "The EU review of this proposal is closed: it takes no more reviews.", reviewClosed: true });
    }
    expect({ assignment: assignmentOf(EU), review: reviewOf(EU) }).toEqual(before);
    expect(await homeRows(EU)).toEqual([]);
  });

  it("a reviewer whose assignment is not theirs, or who declined, still finds no such assignment", async () => {
    await declareNoConflict(EU);
    expect(applyProposalCommand({ proposalId, actor: admin(), command: { type: "CLOSE_REVIEW", reason: "Closed early." } }).ok).toBe(true);
    // Another reviewer of the same proposal learns nothing of this assignment, closed or not.
    expect(statusOf(await openReview(EU, EXPERT))).toBe(404);
    expect(statusOf(await post(EU, { intent: "SUBMIT_REVIEW", revision: "0", ...fullReview }, EXPERT))).toBe(404);
  });

  it("the reviewer's home counts their closed reviews, so the work does not vanish without a word", async () => {
    const closedBefore = ((await load(home, "/", { cookie: cookies[EU] })) as Home).reviewer!.closed;
    await declareNoConflict(EU);
    await post(EU, { intent: "SUBMIT_REVIEW", revision: "0", ...fullReview });
    markReviewSubmitted(assignmentOf(EXPERT).id);
    expect(applyProposalCommand({ proposalId, actor: admin(), command: { type: "CLOSE_REVIEW" } }).ok).toBe(true);
    expect(((await load(home, "/", { cookie: cookies[EU] })) as Home).reviewer!.closed).toBe(closedBefore + 1);
  });
});
