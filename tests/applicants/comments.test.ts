import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { institutions, outbox, proposalComments, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as commentsRoute from "../../app/routes/proposals.$proposalId.comments";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// The cybercrime draft: Kosovo* Police with the Serbian OC prosecutor invited. The drug networks
// proposal: Kosovo* Police lead with Albania and North Macedonia, reviewed by reviewer.eu,
// followed by advisor.mk.
const cybercrime = () => demoProposalId("cybercrime");
const drugNetworks = () => demoProposalId("drugNetworks");

const cookies: Record<string, string> = {};
const as = (who: string) => cookies[who]!;

useDatabase("demo");

beforeEach(async () => {
  for (const who of ["applicant.xk", "applicant.al", "applicant.rs", "applicant.mk", "reviewer.eu", "advisor.mk", "admin"]) {
    cookies[who] = await signInAs(`${who}@taf.example`);
  }
});

const path = (id: number) => `/proposals/${id}/comments`;
const params = (id: number) => ({ params: { proposalId: String(id) } });

type CommentsPage = { proposal: { title: string }; comments: { id: number; body: string; author: string | null; institution: string; at: string; isOwn: boolean }[] };
type Reply = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

const post = (id: number, who: string, body: string) => submit(commentsRoute, path(id), { body }, { cookie: as(who), ...params(id) });
const view = async (id: number, who: string) => (await load(commentsRoute, path(id), { cookie: as(who), ...params(id) })) as CommentsPage;

function commentMail() {
  return db().select().from(outbox).where(eq(outbox.template, "new-comment")).orderBy(outbox.id).all();
}

function commentCount() {
  return db().select({ n: count() }).from(proposalComments).get()!.n;
}

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

describe("comments on a proposal", () => {
  it("the lead comments; the partner's applicants get one e-mail each, the author none", async () => {
    const result = await post(cybercrime(), "applicant.xk", "Could your office check whether the preservation requests can go through the 24/7 network?\nWe need it for the exercise.");
    const saved = db().select().from(proposalComments).where(eq(proposalComments.proposalId, cybercrime())).all();
    expect(saved).toHaveLength(1);
    expect(location(result)).toBe(`/proposals/${cybercrime()}/comments#comment-${saved[0]!.id}`);
    const kosovoPolice = db().select().from(institutions).where(eq(institutions.name, "Kosovo* Police")).get()!;
    expect(saved[0]).toMatchObject({ institutionId: kosovoPolice.id, body: "Could your office check whether the preservation requests can go through the 24/7 network?\nWe need it for the exercise." });

    const sent = commentMail();
    expect(sent.map((m) => m.recipient)).toEqual(["applicant.rs@taf.example"]);
    expect(sent[0]!.idempotencyKey).toMatch(new RegExp(`^new-comment:${saved[0]!.id}:\\d+$`));
    expect(sent[0]!.text).toContain("Arben Krasniqi (Kosovo* Police) wrote:");
    expect(sent[0]!.text).toContain(`http://localhost:3000/proposals/${cybercrime()}/comments#comment-${saved[0]!.id}`);
  });

  it("the invited partner answers; the lead is told; both read the discussion oldest first", async () => {
    await post(cybercrime(), "applicant.xk", "Could your office check whether the preservation requests can go through the 24/7 network?");
    const before = commentMail().length;
    expect(location(await post(cybercrime(), "applicant.rs", "Yes, through the 24/7 network. We will bring the contact list."))).toMatch(/#comment-\d+$/);
    expect(commentMail().slice(before).map((m) => m.recipient)).toEqual(["applicant.xk@taf.example"]);

    const seen = await view(cybercrime(), "applicant.rs");
    expect(seen.comments.map((c) => [c.author, c.institution, c.isOwn])).toEqual([
      ["Arben Krasniqi", "Kosovo* Police", false],
      ["Milan Jovanović", "Prosecutor's Office for Organised Crime of Serbia", true],
    ]);
    expect(seen.comments[0]!.at).toMatch(/\(Brussels time\)$/);
  });

  it("shows a TAF team member's comment as the TAF team's to applicants, with the name to the team", async () => {
    const before = commentMail().length;
    await post(cybercrime(), "admin", "Remember to name a contact person in each country.");
    const sent = commentMail().slice(before);
    expect(sent.map((m) => m.recipient).sort()).toEqual(["applicant.rs@taf.example", "applicant.xk@taf.example"]);
    expect(sent[0]!.text).toContain("The TAF team wrote:");
    expect(sent[0]!.text).not.toContain("Anna Keller");
    expect((await view(cybercrime(), "applicant.xk")).comments.at(-1)).toMatchObject({ author: null, institution: "TAF team" });
    expect((await view(cybercrime(), "admin")).comments.at(-1)).toMatchObject({ author: "Anna Keller", institution: "TAF team", isOwn: true });
  });

  it("refuses reviewers, country advisors of a draft not shared with them and anyone outside the proposal, and sends the signed-out to sign in", async () => {
    const before = commentCount();
    // North Macedonia's advisor joins the discussion of its proposals (advisors.test.ts), but the
    // cybercrime draft is neither of North Macedonia nor shared.
    expect(statusOf(await load(commentsRoute, path(cybercrime()), { cookie: as("advisor.mk"), ...params(cybercrime()) }))).toBe(404);
    expect(statusOf(await post(cybercrime(), "advisor.mk", "A word from outside."))).toBe(404);
    // Its reviewers see nothing of it since its review closed.
    expect(statusOf(await load(commentsRoute, path(drugNetworks()), { cookie: as("reviewer.eu"), ...params(drugNetworks()) }))).toBe(404);
    expect(statusOf(await post(drugNetworks(), "reviewer.eu", "A word from outside."))).toBe(404);
    expect(statusOf(await load(commentsRoute, path(cybercrime()), { cookie: as("applicant.al"), ...params(cybercrime()) }))).toBe(404);
    expect(statusOf(await post(cybercrime(), "applicant.mk", "Hello"))).toBe(404);
    expect(location(await submit(commentsRoute, path(cybercrime()), { body: "Hello" }, params(cybercrime())))).toMatch(/^\/login/);
    expect(commentCount()).toBe(before);
    // Its partners do comment on it, in any stage.
    expect(location(await post(drugNetworks(), "applicant.mk", "The prosecutors are ready for the next meeting."))).toMatch(/#comment-\d+$/);
  });

  it("refuses an empty or too long comment beside the field, and keeps the text", async () => {
    const before = [commentCount(), commentMail().length];
    const empty = (await post(cybercrime(), "applicant.xk", "   ")) as Reply;
    expect(empty.result.error?.body).toEqual(["Write your comment first."]);
    const long = "A".repeat(4001);
    const tooLong = (await post(cybercrime(), "applicant.xk", long)) as Reply;
    expect(tooLong.result.error?.body).toEqual(["Use at most 4000 characters. Shorten the comment, or split it in two."]);
    expect(tooLong.result.initialValue?.body).toBe(long);
    expect([commentCount(), commentMail().length]).toEqual(before);
    expect(location(await post(cybercrime(), "applicant.xk", "B".repeat(4000)))).toMatch(/#comment-\d+$/);
  });

  it("never mails a deactivated applicant", async () => {
    db().update(users).set({ active: false }).where(eq(users.email, "applicant.rs@taf.example")).run();
    const before = commentMail().length;
    await post(cybercrime(), "applicant.xk", "One more question.");
    expect(commentMail().length).toBe(before);
  });
});
