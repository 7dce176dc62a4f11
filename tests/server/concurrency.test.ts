import { inEnglish } from "../../workflows/in-english";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { assignmentEvents, auditLog, proposalDecisions, proposalEvents, proposals, reviewAssignments, reviews } from "../../db/schema";
import { ASSIGNMENT_CONFLICT_MESSAGE, criteriaOfProposal } from "../../app/reviews/assignments.server";
import { aggregateReviews, formatScore } from "../../workflows/review-scoring";
import type { ScalePoint } from "../../workflows/review-criteria";
import { translatorFor } from "../../workflows/messages";
import { readCsv } from "../support/csv";
import { CONFLICT_MESSAGE, replayHistory } from "../../app/proposals/workflow.server";
import { persistProposal } from "../../workflows/proposal.machine";
import { statesAccepting } from "../../workflows/proposal-stages";
import { ASSIGNMENT_STATES_HOLDING_A_PLACE } from "../../workflows/assignment.machine";
import { signInOverHttp, startPortal } from "../support/portal";

// Issue 14: fifty people acting on one proposal at the same moment, over HTTP against the
// production server. Each form carries the version of the proposal it was shown; exactly one of
// the conflicting steps applies, every other one is told someone else changed the proposal, none
// gets a 500, and the proposal's history replays to exactly what is stored.

let portal: Awaited<ReturnType<typeof startPortal>>;
beforeAll(async () => {
  portal = await startPortal({ WORKERS: "2" });
});
afterAll(async () => {
  await portal?.stop();
});

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

const signIn = (email: string) => signInOverHttp(portal.url, email);

/** The portal's database, read beside the running server (WAL: readers never block it). */
function portalDatabase() {
  return openDatabase(portal.databasePath);
}

/** A proposal waiting for the eligibility check, and the e-mail of an applicant of its lead institution. */
function proposalInEligibilityCheck() {
  const { sqlite } = portalDatabase();
  const waiting = new Set<string>(statesAccepting("CONFIRM_ELIGIBLE"));
  const rows = sqlite.prepare("select id, state, version, lead_institution_id as lead from proposals").all() as { id: number; state: string; version: number; lead: number }[];
  const proposal = rows.find((row) => waiting.has(row.state))!;
  const lead = sqlite.prepare("select u.email from users u join memberships m on m.user_id = u.id where m.institution_id = ? and m.role = 'applicant' limit 1").get(proposal.lead) as { email: string };
  sqlite.close();
  return { ...proposal, leadEmail: lead.email };
}

type Reply = { status: number; done: boolean; conflict: boolean };

// Sent as a browser without JavaScript sends the form: the answer is the page, with what
// happened beside the form (with JavaScript, single fetch carries the same words).
// The catalogue ships in every page for hydration, so the words are looked for where the page shows them.
const DONE = /<p class="notice success" role="status">Done\. The proposal is now at/;
// Beside the form that sent it, or at the top when that form is gone (the proposal moved on).
const shownConflict = (page: string, event: string) => page.includes(`role="alert" id="${event}-error">${CONFLICT_MESSAGE}</p>`) || page.includes(`role="alert">${CONFLICT_MESSAGE}</p>`);

/** A form posted as a browser without JavaScript posts it; redirects are left unfollowed, to be read. */
function post(path: string, cookie: string, form: Record<string, string>) {
  return fetch(`${portal.url}${path}`, {
    method: "POST",
    headers: { ...FORM, Origin: portal.url, Cookie: cookie },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
}

async function send(cookie: string, proposalId: number, form: Record<string, string>): Promise<Reply> {
  const response = await post(`/proposals/${proposalId}`, cookie, form);
  const page = await response.text();
  return { status: response.status, done: DONE.test(page), conflict: shownConflict(page, form.event!) };
}

describe("fifty conflicting steps on one proposal at once", { timeout: 120_000 }, () => {
  it("applies exactly one; the others are told of the conflict; the history replays to the stored proposal", async () => {
    const proposal = proposalInEligibilityCheck();
    // Two administrators (two signed-in browsers of the TAF team) and the lead applicant.
    const [firstAdmin, secondAdmin, lead] = await Promise.all([signIn("admin@taf.example"), signIn("admin@taf.example"), signIn(proposal.leadEmail)]);
    const version = String(proposal.version);
    const attempts = Array.from({ length: 50 }, (_, i) => {
      if (i % 3 === 0) return { who: "first administrator", send: () => send(firstAdmin, proposal.id, { event: "CONFIRM_ELIGIBLE", version, reason: `Checked, try ${i}` }) };
      if (i % 3 === 1) return { who: "second administrator", send: () => send(secondAdmin, proposal.id, { event: "DECLARE_INELIGIBLE", version, reason: `The lead is not eligible, try ${i}` }) };
      return { who: "lead", send: () => send(lead, proposal.id, { event: "WITHDRAW", version, reason: `We withdraw, try ${i}` }) };
    });
    const replies = await Promise.all(attempts.map((attempt) => attempt.send()));

    expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    const applied = replies.filter((reply) => reply.done);
    expect(applied).toHaveLength(1);
    expect(applied[0]!.conflict).toBe(false);
    expect(replies.filter((reply) => reply.conflict && !reply.done)).toHaveLength(49);

    const { db, sqlite } = portalDatabase();
    const stored = db.select().from(proposals).where(eq(proposals.id, proposal.id)).get()!;
    expect(stored.version).toBe(proposal.version + 1);
    const history = db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposal.id)).orderBy(proposalEvents.id).all();
    expect(history.filter((row) => row.version > proposal.version)).toHaveLength(1);
    // One chain: each step starts where the last ended, versions one apart, ending at what is stored.
    for (const [i, row] of history.entries()) {
      if (i === 0) continue;
      expect({ from: row.fromState, version: row.version }).toEqual({ from: history[i - 1]!.toState, version: history[i - 1]!.version + 1 });
    }
    expect(history.at(-1)).toMatchObject({ toState: stored.state, version: stored.version });
    const replayed = db.transaction((tx) => replayHistory(proposal.id, tx));
    expect(JSON.parse(JSON.stringify(persistProposal(replayed!)))).toEqual(stored.snapshot);
    sqlite.close();

    // A second round from the new version: the step now refused by the statechart is said so, still no 500.
    const late = await send(secondAdmin, proposal.id, { event: "DECLARE_INELIGIBLE", version: String(stored.version), reason: "Too late" });
    expect(late.status).toBe(200);
    expect(late.done).toBe(false);
  });
});

// The same race in the EU review: the reviewer submitting their review (and pressing Submit
// again, and from a second tab), while two administrators close the review and the lead
// withdraws the proposal. A review that comes in after the review closed is refused and not
// counted; none is counted twice; the ranking reads what is stored.

const english = translatorFor("en");
const REVIEW_WORDS = {
  changedElsewhere: english("reviewPage.notSaved.changedElsewhere"),
  notEditing: english("reviewPage.notSaved.notEditing", { state: english("assignmentStates.submitted.label") }),
  closed: english("reviewPage.notSaved.reviewClosed"),
  closedByMachine: english("refusals.assignment.reviewClosed"),
  assignmentChanged: english(ASSIGNMENT_CONFLICT_MESSAGE),
};

type ReviewReply = { status: number; submitted: boolean; words: string[] };

const asHtml = (words: string) => words.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("'", "&#x27;").replaceAll('"', "&quot;");

/**
 * The conflict words the answer shows where a person reads them: the review page's alert, the
 * line saying whether the draft was saved, or the page a form gets once the review is closed.
 */
function shownReviewWords(page: string) {
  const refusalPage = `<h1>${asHtml(english("layout.error.badRequestTitle"))}</h1><p>`;
  return Object.values(REVIEW_WORDS).filter((words) => {
    const html = asHtml(words);
    return page.includes(`role="alert"><p>${html}</p>`) || page.includes(`role="status">${html}</p>`) || page.includes(`${refusalPage}${html}</p>`);
  });
}

async function sendReview(cookie: string, assignmentId: number, form: Record<string, string>): Promise<ReviewReply> {
  const response = await post(`/reviews/${assignmentId}`, cookie, form);
  const page = await response.text();
  const submitted = response.status === 302 && (response.headers.get("location") ?? "").endsWith(`/reviews/${assignmentId}?notice=submitted`);
  return { status: response.status, submitted, words: shownReviewWords(page) };
}

/** A demo proposal in the EU review by its title, the reviewer's assignment (`reviewing` by then), and the lead's e-mail. */
function proposalInReview(title: string, reviewerEmail: string) {
  const { db, sqlite } = portalDatabase();
  const proposal = db.select().from(proposals).where(eq(proposals.title, title)).get()!;
  expect(statesAccepting("CLOSE_REVIEW") as string[]).toContain(proposal.state);
  const assignment = sqlite
    .prepare("select a.id, a.version, a.state, coalesce(r.updated_at, 0) as revision from review_assignments a join users u on u.id = a.reviewer_user_id left join reviews r on r.assignment_id = a.id where a.proposal_id = ? and u.email = ?")
    .get(proposal.id, reviewerEmail) as { id: number; version: number; state: string; revision: number };
  const lead = sqlite.prepare("select u.email from users u join memberships m on m.user_id = u.id where m.institution_id = ? and m.role = 'applicant' limit 1").get(proposal.leadInstitutionId) as { email: string };
  const criteria = criteriaOfProposal(db, proposal.id);
  sqlite.close();
  return { proposal, assignment, criteria, leadEmail: lead.email };
}

/** The round's ranking as the TAF team downloads it: the row of one proposal, by its reference. */
async function rankingRow(cookie: string, roundId: number, reference: string) {
  const response = await fetch(`${portal.url}/admin/rounds/${roundId}/ranking.csv`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(200);
  const [header, ...lines] = readCsv(await response.text());
  const row = lines.find((line) => line[1] === reference)!;
  return Object.fromEntries(header!.map((name, i) => [name, row[i]]));
}

/**
 * Three demo proposals in the EU review, each with a reviewer about to submit: one whose review
 * is a draft, one who reopens a submitted review and one who first declares no conflict, both
 * over HTTP as the review page does. `first` is whose requests leave first (two workers take
 * them, so it is a lean, not an order): the reviewer's presses, an administrator's close, or
 * the lead's withdrawal.
 */
const SCENARIOS = [
  { title: "Tracing and confiscating criminal assets across borders", reviewer: "reviewer.expert@taf.example", before: null, first: "reviewer" },
  { title: "Migrant smuggling on the Balkan route: joint analysis of border crossings", reviewer: "reviewer.eu@taf.example", before: "REOPEN_REVIEW", first: "administrator" },
  { title: "Preventing radicalisation in prisons: a practice exchange", reviewer: "reviewer.eu@taf.example", before: "DECLARE_NO_CONFLICT", first: "lead" },
] as const;

type Who = "reviewer" | "administrator" | "lead";

/** Fifty requests; about half the reviewer's Submit, pressed again and again in two tabs, with `first`'s six at the front. */
function whoSends(i: number, first: Who): Who | "second administrator" {
  if (i < 6) return first;
  if (i % 2 === 0) return "reviewer";
  return i % 6 === 1 ? "administrator" : i % 6 === 3 ? "second administrator" : "lead";
}

describe("the reviewer submitting while the review closes and the lead withdraws", { timeout: 180_000 }, () => {
  it.each(SCENARIOS)("$first first: one step on the proposal, the review counted once or refused in words, the ranking as stored ($title)", async (scenario) => {
    const reviewer = await Promise.all([signIn(scenario.reviewer), signIn(scenario.reviewer)]);
    if (scenario.before) {
      const opening = proposalInReview(scenario.title, scenario.reviewer);
      const sent = await sendReview(reviewer[0], opening.assignment.id, { intent: scenario.before, version: String(opening.assignment.version), revision: String(opening.assignment.revision) });
      expect(sent.status).toBe(302);
    }
    const { proposal, assignment, criteria, leadEmail } = proposalInReview(scenario.title, scenario.reviewer);
    expect(assignment.state).toBe("reviewing");
    const [firstAdmin, secondAdmin, lead] = await Promise.all([signIn("admin@taf.example"), signIn("admin@taf.example"), signIn(leadEmail)]);
    // The review as the reviewer completes and submits it: every score, the recommendation and the confidence.
    const review = {
      intent: "SUBMIT_REVIEW",
      version: String(assignment.version),
      revision: String(assignment.revision),
      ...Object.fromEntries(criteria.map((criterion) => [`score.${criterion.id}`, "3"])),
      recommendation: "promising",
      confidence: "high",
      commentForApplicants: "The plan is realistic.",
      internalComment: "",
    };
    const version = String(proposal.version);
    const attempts = Array.from({ length: 50 }, (_, i) => {
      const who = whoSends(i, scenario.first);
      const fire = (): Promise<ReviewReply | Reply> => {
        if (who === "reviewer") return sendReview(reviewer[i % 4 < 2 ? 0 : 1]!, assignment.id, review);
        if (who === "administrator") return send(firstAdmin, proposal.id, { event: "CLOSE_REVIEW", version, reason: `Closed early, try ${i}` });
        if (who === "second administrator") return send(secondAdmin, proposal.id, { event: "CLOSE_REVIEW", version, reason: `Closed by the second administrator, try ${i}` });
        return send(lead, proposal.id, { event: "WITHDRAW", version, reason: `We withdraw, try ${i}` });
      };
      return { who, fire };
    });
    const replies = await Promise.all(attempts.map((attempt) => attempt.fire()));
    const reviewerReplies = replies.filter((_, i) => attempts[i]!.who === "reviewer") as ReviewReply[];
    const proposalReplies = replies.filter((_, i) => attempts[i]!.who !== "reviewer") as Reply[];

    expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
    // The proposal's conflicting set: exactly one step applies, every other is told of the conflict.
    expect(proposalReplies.filter((reply) => reply.done)).toHaveLength(1);
    expect(proposalReplies.filter((reply) => !reply.done && reply.conflict)).toHaveLength(proposalReplies.length - 1);
    // The reviewer's: one Submit at most applies; every other press is answered in words.
    const submits = reviewerReplies.filter((reply) => reply.submitted);
    expect(submits.length).toBeLessThanOrEqual(1);
    expect(reviewerReplies.filter((reply) => !reply.submitted && reply.words.length === 0)).toEqual([]);
    // Answered as the page (200), the submitted review (302) or the closed review (409 Conflict): never "no such assignment".
    expect(reviewerReplies.filter((reply) => ![200, 302, 409].includes(reply.status))).toEqual([]);

    // Once the review is closed (or the proposal withdrawn), a Submit is refused in words and changes nothing.
    const { db, sqlite } = portalDatabase();
    const before = db.select().from(reviews).where(eq(reviews.assignmentId, assignment.id)).get();
    const assignmentBefore = db.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignment.id)).get()!;
    const late = await sendReview(reviewer[0], assignment.id, { ...review, version: String(assignmentBefore.version), revision: String(before?.updatedAt.getTime() ?? 0), commentForApplicants: "Sent after the close" });
    expect(late).toEqual({ status: 409, submitted: false, words: [REVIEW_WORDS.closedByMachine] });
    expect(db.select().from(reviews).where(eq(reviews.assignmentId, assignment.id)).get()).toEqual(before);
    expect(db.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignment.id)).get()).toEqual(assignmentBefore);

    // One consistent story: the proposal's history is one chain ending at what is stored, and replays to it.
    const stored = db.select().from(proposals).where(eq(proposals.id, proposal.id)).get()!;
    expect(stored.version).toBe(proposal.version + 1);
    const history = db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposal.id)).orderBy(proposalEvents.id).all();
    for (const [i, row] of history.entries()) {
      if (i > 0) expect({ from: row.fromState, version: row.version }).toEqual({ from: history[i - 1]!.toState, version: history[i - 1]!.version + 1 });
    }
    const step = history.at(-1)!;
    expect(step).toMatchObject({ toState: stored.state, version: stored.version });
    expect(JSON.parse(JSON.stringify(persistProposal(db.transaction((tx) => replayHistory(proposal.id, tx))!)))).toEqual(stored.snapshot);

    // The assignment's history: one chain, submitted in this race once at most, and only before the proposal left the review.
    const assignmentHistory = db.select().from(assignmentEvents).where(eq(assignmentEvents.assignmentId, assignment.id)).orderBy(assignmentEvents.id).all();
    for (const [i, row] of assignmentHistory.entries()) {
      if (i > 0) expect({ from: row.fromState, version: row.version }).toEqual({ from: assignmentHistory[i - 1]!.toState, version: assignmentHistory[i - 1]!.version + 1 });
    }
    expect(assignmentHistory.at(-1)).toMatchObject({ toState: assignmentBefore.state, version: assignmentBefore.version });
    const submittedInRace = assignmentHistory.filter((row) => row.type === "SUBMIT_REVIEW" && row.version > assignment.version);
    expect(submittedInRace).toHaveLength(submits.length);
    for (const row of submittedInRace) expect(row.at.getTime()).toBeLessThanOrEqual(step.at.getTime());
    // The review row says the same as its assignment: submitted exactly when the assignment is.
    expect(before?.submittedAt?.getTime() ?? null).toBe(assignmentBefore.submittedAt?.getTime() ?? null);
    expect(assignmentBefore.state).toBe(submits.length ? "submitted" : "reviewing");

    // A close counted the reviews in when it applied: this one only if it came first, and once.
    const held = db.select().from(reviewAssignments).where(and(eq(reviewAssignments.proposalId, proposal.id), inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_HOLDING_A_PLACE]))).all();
    const submittedReviews = db
      .select({ scores: reviews.scores, recommendation: reviews.recommendation, confidence: reviews.confidence })
      .from(reviews)
      .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId))
      .where(and(eq(reviewAssignments.proposalId, proposal.id), inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_HOLDING_A_PLACE]), isNotNull(reviewAssignments.submittedAt), isNotNull(reviews.submittedAt)))
      .all();
    if (step.type === "CLOSE_REVIEW") expect(step.payload).toMatchObject({ submittedReviews: submittedReviews.length });
    else expect(step.type).toBe("WITHDRAW");
    sqlite.close();

    // The ranking reads the stored reviews: as many in, and the same weighted mean.
    const row = await rankingRow(firstAdmin, proposal.roundId, proposal.reference!);
    const aggregate = aggregateReviews(criteria, {
      proposalId: proposal.id,
      reference: proposal.reference!,
      assigned: held.length,
      submitted: submittedReviews.map((r) => ({ scores: r.scores as Record<string, ScalePoint>, recommendation: r.recommendation!, confidence: r.confidence! })),
    }, inEnglish);
    expect(row[english("rankingPage.csv.reviewsIn")]).toBe(String(submittedReviews.length));
    expect(row[english("rankingPage.csv.assigned")]).toBe(String(held.length));
    expect(row[english("rankingPage.csv.weightedMean")]).toBe(aggregate.weightedMean === null ? "" : formatScore(aggregate.weightedMean));

    figures.push({
      scenario: scenario.first,
      requests: replies.length + 1,
      applied: { proposal: step.type, reviewSubmitted: submits.length },
      conflictsAnswered: replies.length - 1 - submits.length + 1,
      reviewerAnswers: Object.fromEntries(Object.entries(REVIEW_WORDS).map(([key, words]) => [key, reviewerReplies.filter((reply) => reply.words.includes(words)).length])),
      reviewsIn: submittedReviews.length,
    });
  });
});

describe("two administrators deciding while the lead withdraws", { timeout: 120_000 }, () => {
  it("holds one decision at most, withdraws once, and tells every other form why in words", async () => {
    const { db, sqlite } = portalDatabase();
    const proposal = db.select().from(proposals).where(eq(proposals.title, "Tracing seized firearms across borders: joint firearms focal points")).get()!;
    expect(statesAccepting("DECIDE") as string[]).toContain(proposal.state);
    const held = db.select().from(proposalDecisions).where(eq(proposalDecisions.proposalId, proposal.id)).get()!;
    const lead = sqlite.prepare("select u.email from users u join memberships m on m.user_id = u.id where m.institution_id = ? and m.role = 'applicant' limit 1").get(proposal.leadInstitutionId) as { email: string };
    sqlite.close();
    const [firstAdmin, secondAdmin, leadCookie] = await Promise.all([signIn("admin@taf.example"), signIn("admin@taf.example"), signIn(lead.email)]);
    // Each decision form carries the proposal's version and the held decision's it was shown.
    const seen = { version: String(proposal.version), heldVersion: String(held.version) };
    const attempts = Array.from({ length: 50 }, (_, i) => {
      if (i % 5 === 4) return { who: "lead", fire: () => send(leadCookie, proposal.id, { event: "WITHDRAW", version: seen.version, reason: `We withdraw, try ${i}` }) };
      const [cookie, outcome] = i % 2 === 0 ? [firstAdmin, "promising"] : [secondAdmin, "notSelected"];
      return { who: "administrator", fire: () => sendDecision(cookie, proposal.id, { event: "DECIDE", ...seen, outcome, reason: `Decided, try ${i}`, sharedFeedback: `Feedback, try ${i}` }) };
    });
    const replies = await Promise.all(attempts.map((attempt) => attempt.fire()));
    expect(replies.filter((reply) => reply.status >= 500)).toEqual([]);
    expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
    const withdrawals = replies.filter((_, i) => attempts[i]!.who === "lead") as Reply[];
    const decisions = replies.filter((_, i) => attempts[i]!.who === "administrator") as DecisionReply[];
    // The lead's withdrawals: exactly one applies. Holding a decision changes nothing the
    // applicants see, so it does not stand in the withdrawal's way; the other way round, a
    // decision sent after the withdrawal is refused.
    expect(withdrawals.filter((reply) => reply.done)).toHaveLength(1);
    expect(withdrawals.filter((reply) => !reply.done && reply.conflict)).toHaveLength(withdrawals.length - 1);
    const recorded = decisions.filter((reply) => reply.held);
    expect(recorded.length).toBeLessThanOrEqual(1);
    expect(decisions.filter((reply) => !reply.held && reply.refusal === null)).toEqual([]);

    const after = portalDatabase();
    const stored = after.db.select().from(proposals).where(eq(proposals.id, proposal.id)).get()!;
    const heldAfter = after.db.select().from(proposalDecisions).where(eq(proposalDecisions.proposalId, proposal.id)).get()!;
    const audited = after.db.select().from(auditLog).where(and(eq(auditLog.action, "decision.changed"), eq(auditLog.subjectType, "proposal"), eq(auditLog.subjectId, String(proposal.id)))).all();
    const history = after.db.select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposal.id)).orderBy(proposalEvents.id).all();
    after.sqlite.close();
    // One held decision, changed once at most, and the audit says so as often; one withdrawal in the history.
    expect(heldAfter.version).toBe(held.version + recorded.length);
    expect(audited).toHaveLength(recorded.length);
    expect(heldAfter.releasedAt).toBeNull();
    expect(history.filter((row) => row.version > proposal.version).map((row) => row.type)).toEqual(["WITHDRAW"]);
    expect(history.at(-1)).toMatchObject({ toState: stored.state, version: proposal.version + 1 });
    figures.push({ scenario: "deciding", requests: replies.length, applied: { withdrawals: 1, decisionsHeld: recorded.length }, refusals: Object.fromEntries([...new Set(decisions.map((reply) => reply.refusal))].filter(Boolean).map((words) => [words, decisions.filter((reply) => reply.refusal === words).length])) });
  });
});

type DecisionReply = { status: number; held: boolean; refusal: string | null };

const HELD = `role="status">${asHtml(english("proposalCommands.decisionHeld"))}`;

/** A decision sent from the proposal page: held, or refused with the words beside its form. */
async function sendDecision(cookie: string, proposalId: number, form: Record<string, string>): Promise<DecisionReply> {
  const response = await post(`/proposals/${proposalId}`, cookie, form);
  const page = await response.text();
  const refusal = /role="alert"(?: id="DECIDE-error")?>([^<]+)<\/p>/.exec(page)?.[1] ?? null;
  return { status: response.status, held: page.includes(HELD), refusal };
}

const figures: unknown[] = [];
afterAll(() => {
  if (process.env.CONCURRENCY_FIGURES) console.log(JSON.stringify(figures));
});
