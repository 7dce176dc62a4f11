import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as page from "../../app/routes/proposals.$proposalId._index";
import * as concept from "../../app/routes/proposals.$proposalId.concept";
import { useDatabase } from "../support/database";
import { load, signInAs } from "../support/http";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { actorFor, demoProposalId } from "../workflow-server/builders";

// Issue 12 on the proposal page: the work owed and its deadline, the countries an advisor share
// reaches, and the TAF team's steps come in the reader's language, not in English by default.

useDatabase("demo");

type Page = Awaited<ReturnType<typeof page.loader>>;
type Concept = Awaited<ReturnType<typeof concept.loader>>;

async function sessionIn(language: string, email: string) {
  const session = await signInAs(email);
  const response = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

describe("the proposal page's own words in Macedonian", () => {
  it("writes the deadlines owed and the advisor share's countries in Macedonian", async () => {
    const id = demoProposalId("drugNetworks");
    const cookie = await sessionIn("mk", "applicant.xk@taf.example");
    const proposal = (await load(page, `/proposals/${id}`, { cookie, params: { proposalId: String(id) } })) as Page;
    expect(proposal.deadlines.length).toBeGreaterThan(0);
    for (const deadline of proposal.deadlines) {
      expect(deadline.dueAt).toContain("бриселско време");
      expect(deadline.timeLeft).not.toMatch(/left|overdue|due/);
    }
    expect(proposal.advisorSharing.countries.map((c) => c.name)).toContain("Албанија");
  });

  it("names the TAF team's steps on the concept note page in Macedonian", async () => {
    // The demo's concept note was sent back for revision; resubmitted, the TAF team decides on it again.
    const id = demoProposalId("followTheMoney");
    const resubmitted = applyProposalCommand({ proposalId: id, actor: actorFor("applicant.rs@taf.example"), command: { type: "SUBMIT_CONCEPT", answer: "Revised as asked." } });
    expect(resubmitted).toMatchObject({ ok: true });
    const cookie = await sessionIn("mk", "admin@taf.example");
    const note = (await load(concept, `/proposals/${id}/concept`, { cookie, params: { proposalId: String(id) } })) as Concept;
    expect(note.teamSteps.length).toBeGreaterThan(0);
    for (const step of note.teamSteps) expect(JSON.stringify(step)).toMatch(/[а-ш]/);
  });
});
