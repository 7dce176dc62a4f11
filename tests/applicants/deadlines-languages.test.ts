import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as deadlinesRoute from "../../app/routes/proposals.$proposalId.deadlines";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// The deadlines page in the reader's language: the work due, the date in that language's words,
// and the administrator's form answering in it.

useDatabase("demo");

/** The session and the language a browser sends after `?lng=` set it. */
async function readerIn(language: string, email: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

type Page = Awaited<ReturnType<typeof deadlinesRoute.loader>>;
type Reply = { result: { error?: Record<string, string[] | null> } };

describe("the deadlines page in another language", () => {
  it("names the lead's work and its date in BCMS", async () => {
    const id = demoProposalId("followTheMoney");
    const page = (await load(deadlinesRoute, `/proposals/${id}/deadlines`, { cookie: await readerIn("sr-Latn", "applicant.rs@taf.example"), params: { proposalId: String(id) } })) as Page;
    expect(page.pageTitle).toMatch(/^Rokovi za .+ · /);
    expect(page.submitter).toBe("Vaša institucija");
    expect(page.deadlines[0]).toMatchObject({ label: "Rok za koncept notu" });
    expect(page.deadlines[0]!.dueAt).toMatch(/ \(briselsko vrijeme\)$/);
  });

  it("asks an administrator in Albanian for the reason to move a deadline", async () => {
    const id = demoProposalId("followTheMoney");
    const reply = (await submit(deadlinesRoute, `/proposals/${id}/deadlines`, { kind: "conceptNote", dueAt: "2099-01-10T12:00", reason: "" }, { cookie: await readerIn("sq", "admin@taf.example"), params: { proposalId: String(id) } })) as Reply;
    expect(reply.result.error?.reason).toEqual(["Jepni arsyen e shtyrjes së afatit."]);
  });
});
