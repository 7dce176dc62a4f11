import { DEFAULT_REVIEW_CRITERIA } from "../../workflows/in-english";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as reviewPage from "../../app/routes/reviews.$assignmentId";
import { reviewAssignments } from "../../db/schema";
import { reviewCriterionIn } from "../../workflows/review-criteria";
import { aggregateReviews, formatScore, rankProposals } from "../../workflows/review-scoring";
import { assignReviewers } from "../../workflows/reviewer-assignment";
import { translatorFor } from "../../workflows/messages";
import * as root from "../../app/root";
import * as comments from "../../app/routes/proposals.$proposalId.comments";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import { refusalPage } from "../../app/refusal-page.server";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId, driveTo, userId } from "../workflow-server/builders";

// Issue 12, the last English: refusals, errors and the words of the reviewers' and the TAF
// team's side, in the language the person chose.

useDatabase("demo");

/** The taf_lng cookie a browser switched to `language` carries. */
async function languageCookie(language: string, session?: string) {
  const switched = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return switched.headers.get("Set-Cookie")!.split(";")[0]!;
}

/** The Cookie header of a session of this person, switched to `language`. */
async function signedInIn(email: string, language: string) {
  const session = await signInAs(email);
  return `${session}; ${await languageCookie(language, session)}`;
}

type Reply = { result: { error: Record<string, string[]> } };

describe("refusals and errors in the reader's language", () => {
  it("refuses an invisible control character in a comment, in Albanian", async () => {
    const id = demoProposalId("stolenVehicles");
    const cookie = await signedInIn("applicant.al@taf.example", "sq");
    const reply = (await submit(comments, `/proposals/${id}/comments`, { body: "Dakord.\u0000" }, { cookie, params: { proposalId: String(id) } })) as Reply;
    expect(reply.result.error.body).toEqual(["Ky tekst përmban një karakter kontrolli të padukshëm (ndoshta i ngjitur bashkë me të). Shkruajeni tekstin përsëri ose ngjiteni si tekst të thjeshtë."]);
  });

  it("answers a proposal one may not see with a 404 in Macedonian, and a partner planning activities with a 403 in BCMS", async () => {
    const unseen = (await load(proposalPage, "/proposals/999999", { cookie: await signedInIn("applicant.al@taf.example", "mk"), params: { proposalId: "999999" } })) as Response;
    expect(unseen.status).toBe(404);
    expect(await unseen.text()).toBe("Таков предлог не постои или не можете да го видите.");
    const id = demoProposalId("drugNetworks");
    const cookie = await signedInIn("applicant.al@taf.example", "sr-Latn");
    const refused = (await submit(implementation, `/proposals/${id}/implementation`, { intent: "planActivity" }, { cookie, params: { proposalId: String(id) } })) as Response;
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("Aktivnosti planiraju samo podnosioci iz vodeće institucije.");
  });

  it("writes the page the server gives before the portal in the chosen language, or the browser's", async () => {
    const albanian = await refusalPage({ cookie: await languageCookie("sq") }, "crossSite", 403);
    expect(albanian).toContain('<html lang="sq">');
    expect(albanian).toContain("<h1>Formulari u refuzua</h1>");
    expect(albanian).toContain("Gabimi 403");
    const cyrillic = await refusalPage({ acceptLanguage: "sr" }, "methodNotAllowed", 405, { methods: "GET, HEAD, POST" });
    expect(cyrillic).toContain('<html lang="sr-Cyrl">');
    expect(cyrillic).toContain("Ова адреса одговара само на GET, HEAD, POST. Ништа није промењено.");
    expect(await refusalPage({}, "unreadable", 400)).toContain("<h1>This address could not be read</h1>");
  });
});

describe("the reviewers' side in the reader's language", () => {
  const review = (points: number, recommendation: "promising" | "notPromising" = "promising") => ({
    scores: Object.fromEntries(DEFAULT_REVIEW_CRITERIA.map((criterion, index) => [criterion.id, index === 2 ? (recommendation === "promising" ? 2 : 5) : points])) as Record<string, 1 | 2 | 3 | 4 | 5>,
    recommendation,
    confidence: "medium" as const,
  });

  it("writes scores with a decimal comma, and says why reviewers disagree and why a proposal ranks lower, in BCMS and Macedonian", () => {
    expect([formatScore(3.5, "sq"), formatScore(3.5, "sr-Latn"), formatScore(3.5, "mk"), formatScore(3.5), formatScore(null, "mk")]).toEqual(["3,50", "3,50", "3,50", "3.50", "—"]);
    const bcms = translatorFor("sr-Latn");
    const apart = aggregateReviews(DEFAULT_REVIEW_CRITERIA.map((criterion) => reviewCriterionIn(criterion, bcms, DEFAULT_REVIEW_CRITERIA)), { proposalId: 1, reference: "TAF-2026-R1-001", assigned: 2, submitted: [review(4), review(4, "notPromising")] }, bcms);
    expect(apart.disagreement.reasons).toEqual(["Ocjenjivači se na kriterijumu Operativna izvodljivost razlikuju za 3 boda (od 2 do 5)."]);
    const macedonian = translatorFor("mk");
    const lower = aggregateReviews(DEFAULT_REVIEW_CRITERIA, { proposalId: 2, reference: "TAF-2026-R1-002", assigned: 1, submitted: [review(3)] }, macedonian);
    const higher = aggregateReviews(DEFAULT_REVIEW_CRITERIA, { proposalId: 3, reference: "TAF-2026-R1-003", assigned: 1, submitted: [review(5)] }, macedonian);
    expect(rankProposals([lower, higher], macedonian)[1]!.reason).toBe("Пондерирана средна вредност 2,80, под 4,40 колку што има TAF-2026-R1-003.");
  });

  it("says in Albanian why a proposal still lacks reviewers", () => {
    const plan = assignReviewers({ proposals: [{ proposalId: 7, reviewersNeeded: 2, assignedReviewerIds: [] }], reviewers: [], conflicts: [] }, translatorFor("sq"));
    expect(plan.shortfalls[0]!.reason).toBe("i duhen edhe 2 vlerësues: nuk ka vlerësues");
  });

  it("names what the review still lacks, and refuses submitting it, in BCMS", async () => {
    const proposalId = driveTo("reviewing", { title: "Joint surveillance of a heroin route through the Western Balkans" });
    const email = "reviewer.eu@taf.example";
    const assignment = () =>
      db()
        .select({ id: reviewAssignments.id, version: reviewAssignments.version })
        .from(reviewAssignments)
        .where(and(eq(reviewAssignments.proposalId, proposalId), eq(reviewAssignments.reviewerUserId, userId(email))))
        .get()!;
    const cookie = await signedInIn(email, "sr-Latn");
    const params = { assignmentId: String(assignment().id) };
    const path = `/reviews/${assignment().id}`;
    await submit(reviewPage, path, { version: String(assignment().version), intent: "DECLARE_NO_CONFLICT" }, { cookie, params });
    const page = (await load(reviewPage, path, { cookie, params })) as Awaited<ReturnType<typeof reviewPage.loader>>;
    const missing = page.opened!.missing.map((gap) => gap.label);
    expect(missing).toContain("Preporuka");
    expect(missing).toContain("Sigurnost");
    expect(missing.filter((label) => label.startsWith("Ocjena za „"))).toHaveLength(DEFAULT_REVIEW_CRITERIA.length);
    const refused = (await submit(reviewPage, path, { version: String(assignment().version), revision: "0", intent: "SUBMIT_REVIEW" }, { cookie, params })) as { refusal?: string };
    expect(refused.refusal).toMatch(/^Ovi dijelovi ocjene nisu popunjeni: ocjena za „.+“.* preporuka i Vaša sigurnost\.$/);
  });
});
