import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as concept from "../../app/routes/proposals.$proposalId.concept";
import { proposals } from "../../db/schema";
import { load, signInAs, submit } from "../support/http";
import { demoProposalId } from "../workflow-server/builders";
import { useDatabase } from "../support/database";

// The concept note page in the reader's language: its title, the TAF team's request with its
// date in that language's words, and the form's messages; what the lead typed stays as written.

useDatabase("demo");

const LEAD = "applicant.rs@taf.example";
const followTheMoney = () => demoProposalId("followTheMoney");

/** The session and the language a browser sends after `?lng=` set it. */
async function readerIn(language: string, email: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

type Page = Awaited<ReturnType<typeof concept.loader>>;
type Reply = { result: { error?: Record<string, string[] | null> }; notice: string | null };

describe("the concept note page in another language", () => {
  it("is titled and dated in Albanian, the TAF team's reason kept as it was written", async () => {
    const id = followTheMoney();
    const page = (await load(concept, `/proposals/${id}/concept`, { cookie: await readerIn("sq", LEAD), params: { proposalId: String(id) } })) as Page;
    expect(page.pageTitle).toMatch(/^Nota konceptuale · .+ · Portali TAF$/);
    expect(page.revisions.openRequest?.at).toContain("(ora e Brukselit)");
    const english = (await load(concept, `/proposals/${id}/concept`, { cookie: await signInAs(LEAD), params: { proposalId: String(id) } })) as Page;
    expect(page.revisions.openRequest?.reason).toBe(english.revisions.openRequest?.reason);
  });

  it("answers a wrong date in Macedonian and saves nothing", async () => {
    const id = followTheMoney();
    const before = db().select().from(proposals).where(eq(proposals.id, id)).get()!;
    const reply = (await submit(concept, `/proposals/${id}/concept`, { intent: "save", version: String(before.version), "activities[0].title": "Workshop", "activities[0].date": "2027-02-30" }, { cookie: await readerIn("mk", LEAD), params: { proposalId: String(id) } })) as Reply;
    expect(reply.result.error?.["activities[0].date"]).toEqual(["Овој датум не постои во календарот."]);
    expect(db().select().from(proposals).where(eq(proposals.id, id)).get()!.version).toBe(before.version);
  });

  it("tells in Serbian Cyrillic that the note is saved", async () => {
    const id = followTheMoney();
    const version = db().select().from(proposals).where(eq(proposals.id, id)).get()!.version;
    const reply = (await submit(concept, `/proposals/${id}/concept`, { intent: "save", version: String(version), risks: "Staff may change." }, { cookie: await readerIn("sr-Cyrl", LEAD), params: { proposalId: String(id) } })) as Reply;
    expect(reply.notice).toMatch(/^Сачувано .+\.$/);
  });
});
