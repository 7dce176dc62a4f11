import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as page from "../../app/routes/proposals.$proposalId.versions";
import { useDatabase } from "../support/database";
import { load, signInAs } from "../support/http";
import { demoProposalId } from "../workflow-server/builders";

// Issue 12 on the versions page: what happened, the parts' names, amounts, durations, dates and
// the notices come in the reader's language; what the applicants typed stays as they wrote it.

useDatabase("demo");

type Page = Awaited<ReturnType<typeof page.loader>>;

/** A session switched to a language with `?lng=`, as the switcher's link does. */
async function sessionIn(language: string, email: string) {
  const session = await signInAs(email);
  const response = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

async function versionsIn(language: string, email: string, proposalId: number, query = "") {
  const cookie = await sessionIn(language, email);
  return (await load(page, `/proposals/${proposalId}/versions${query}`, { cookie, params: { proposalId: String(proposalId) } })) as Page;
}

describe("the versions page in another language", () => {
  it("says in Albanian what a version is and names its parts, with the duration and budget in Albanian", async () => {
    const versions = await versionsIn("sq", "applicant.me@taf.example", demoProposalId("victims"));
    expect(versions.title).toMatch(/^Versionet · /);
    const proposal = versions.kinds.find((kind) => kind.kind === "proposal")!;
    expect(proposal.heading).toBe("Propozimi");
    expect(proposal.versions.map((v) => v.what)).toEqual(["U dorëzua"]);
    const shown = Object.fromEntries(proposal.only!.map((field) => [field.label, field.text]));
    expect(Object.keys(shown)).toContain("Përmbledhja");
    expect(shown["Kohëzgjatja"]).toBe("6 muaj");
    expect(shown["Buxheti i vlerësuar"]).toMatch(/^30\s000\s€$/);
    expect(shown["Temat"]).not.toBe("Trafficking in human beings");
  });

  it("writes a concept note's lines and the versions' times in Macedonian", async () => {
    const versions = await versionsIn("mk", "applicant.xk@taf.example", demoProposalId("drugNetworks"));
    const note = versions.kinds.find((kind) => kind.kind === "conceptNote")!;
    expect(note.heading).toBe("Концепт-белешката");
    const budget = note.only!.find((field) => field.key === "budgetLines")!;
    expect(budget.label).toBe("Буџетски ставки");
    expect(budget.text).toMatch(/\nВкупно: 59\.000\s€$/);
    expect(note.only!.find((field) => field.key === "activities")!.text).toMatch(/18 учесници/);
    const proposal = versions.kinds.find((kind) => kind.kind === "proposal")!;
    expect(proposal.versions[0]!.what).toBe("Поднесено");
    expect(proposal.versions[0]!.at).not.toMatch(/Brussels/);
    expect(proposal.versions[0]!.at).toMatch(/[а-ш]{3}/);
  });
});
