import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { loadDemoData } from "../../app/demo/demo.server";
import * as concept from "../../app/routes/proposals.$proposalId.concept";
import * as edit from "../../app/routes/proposals.$proposalId.edit";
import * as partnership from "../../app/routes/proposals.$proposalId.partnership";
import { ALBANIAN_POLICE, driveTo, makeProposal, MK_PROSECUTION } from "../workflow-server/builders";
import { load, signInAs, statusOf, submit } from "../support/http";

// A 403 on a proposal's page says why in the statechart's own words, judged on who asks and
// where the proposal is, not in prose written beside the machine.

beforeAll(async () => {
  await loadDemoData(db());
});

async function refusal(route: Parameters<typeof load>[0], page: string, id: number, email: string, form?: Record<string, string>) {
  const options = { cookie: await signInAs(email), params: { proposalId: String(id) } };
  const answer = form ? await submit(route, `/proposals/${id}/${page}`, form, options) : await load(route, `/proposals/${id}/${page}`, options);
  expect(statusOf(answer)).toBe(403);
  return (answer as Response).text();
}

describe("refusals on a proposal", () => {
  it("tell the lead that the proposal can no longer be submitted, hence edited, once it is submitted", async () => {
    const id = driveTo("awaitingDecision");
    expect(await refusal(edit, "edit", id, "applicant.xk@taf.example")).toBe("No one can submit the proposal while the proposal is at “Eligibility: waiting for the TAF team”.");
  });

  it("tell a partner and the TAF team who may edit a draft", async () => {
    const { id } = makeProposal();
    expect(await refusal(edit, "edit", id, "applicant.al@taf.example")).toBe("Only applicants of the lead institution may submit the proposal.");
    expect(await refusal(edit, "edit", id, "admin@taf.example")).toBe("Only applicants of the lead institution may submit the proposal.");
  });

  it("tell the TAF team who writes the concept note", async () => {
    const id = driveTo("drafting");
    expect(await refusal(concept, "concept", id, "admin@taf.example", { intent: "save" })).toBe("Only applicants of the lead institution may submit the concept.");
  });

  it("tell a partner that invitations are answered only while the draft may be submitted, and others that only partners answer", async () => {
    const id = driveTo("awaitingDecision", { partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }, { institution: MK_PROSECUTION, status: "declined" }] });
    expect(await refusal(partnership, "partnership", id, "applicant.al@taf.example")).toBe("No one can submit the proposal while the proposal is at “Eligibility: waiting for the TAF team”.");
    expect(await refusal(partnership, "partnership", id, "applicant.xk@taf.example")).toBe("Only applicants of an invited partner institution answer the invitation.");
  });
});
