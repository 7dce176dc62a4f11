import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as departuresRoute from "../../app/routes/proposals.$proposalId.departures";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// The departures page in the reader's language: its title, the partners' countries (Kosovo*
// with its mark) and the form's answer.

useDatabase("demo");

/** The session and the language a browser sends after `?lng=` set it. */
async function readerIn(language: string, email: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

type Page = Awaited<ReturnType<typeof departuresRoute.loader>>;
type Reply = { result: { error?: Record<string, string[] | null> } };

describe("the departures page in another language", () => {
  it("offers the partners with their countries in Macedonian, and asks for the reason in it", async () => {
    const id = demoProposalId("drugNetworks");
    const cookie = await readerIn("mk", "admin@taf.example");
    const page = (await load(departuresRoute, `/proposals/${id}/departures`, { cookie, params: { proposalId: String(id) } })) as Page;
    expect(page.pageTitle).toMatch(/^Партнери што го напуштија .+ · /);
    expect(page.partners.map((p) => p.label).join(" ")).toContain("Албанија");
    const reply = (await submit(departuresRoute, `/proposals/${id}/departures`, { institutionId: String(page.partners[0]!.institutionId), reason: " " }, { cookie, params: { proposalId: String(id) } })) as Reply;
    expect(reply.result.error?.reason).toEqual(["Наведете ја причината зошто партнерот го напушти предлогот."]);
  });
});
