import { beforeEach, describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as advisorsRoute from "../../app/routes/proposals.$proposalId.advisors";
import * as partnersRoute from "../../app/routes/proposals.$proposalId.partners";
import * as partnershipRoute from "../../app/routes/proposals.$proposalId.partnership";
import { useDatabase } from "../support/database";
import { load, signInAs, submit } from "../support/http";
import { demoProposalId, institutionId, KOSOVO_POLICE, makeProposal, makeRound, MK_PROSECUTION } from "../workflow-server/builders";

// Issue 12 for partners: the partners page, the partner's answer page and the country advisors
// page answer in the person's language, with the words made on the server (titles, notices,
// refusals, form messages, countries, dates) included.

useDatabase("demo");

type PartnersPage = Awaited<ReturnType<typeof partnersRoute.loader>>;
type PartnershipPage = Awaited<ReturnType<typeof partnershipRoute.loader>>;
type AdvisorsPage = Awaited<ReturnType<typeof advisorsRoute.loader>>;
type Reply = { result: { error?: Record<string, string[] | null> } };

/** A session switched to a language with `?lng=`, as the switcher's link does. */
async function sessionIn(language: string, email: string) {
  const session = await signInAs(email);
  const response = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

const cybercrime = () => demoProposalId("cybercrime");
const at = (id: number, page: string) => ({ path: `/proposals/${id}${page}`, params: { proposalId: String(id) } });

describe("the partners page in Albanian", () => {
  let cookie = "";
  beforeEach(async () => {
    cookie = await sessionIn("sq", "applicant.xk@taf.example");
  });

  it("titles the page and names the countries, the partners' answers and the dates in Albanian", async () => {
    const { path, params } = at(cybercrime(), "/partners");
    const page = (await load(partnersRoute, path, { cookie, params })) as PartnersPage;
    expect(page.title).toMatch(/^Partnerët e .+ · Portali TAF$/);
    expect(page.lead.country).toEqual({ name: "Kosova", needsFootnote: true });
    expect(page.countries.map((c) => c.name)).toContain("Maqedonia e Veriut");
    expect(page.partners[0]!.invitedAt).toContain("(ora e Brukselit)");
    expect(page.directory!.institutions.map((i) => i.countryName)).toContain("Mali i Zi");
    expect(page.directory!.institutions.map((i) => i.countryName)).not.toContain("Montenegro");
  });

  it("refuses inviting the lead itself, and an empty form, in Albanian, and tells of an invitation in Albanian", async () => {
    const { path, params } = at(cybercrime(), "/partners");
    const lead = (await submit(partnersRoute, path, { intent: "invite", institutionId: String(institutionId(KOSOVO_POLICE)) }, { cookie, params })) as Reply;
    expect(lead.result.error?.[""]).toEqual(["Kosovo* Police e drejton këtë propozim, prandaj nuk mund të jetë edhe partner. Ftoni institucione të tjera."]);
    const empty = (await submit(partnersRoute, path, { intent: "invite" }, { cookie, params })) as Reply;
    expect(empty.result.error?.institutionId).toEqual(["Zgjidhni një institucion nga lista."]);
    const ministry = institutionId("Ministry of Internal Affairs");
    const invited = (await submit(partnersRoute, path, { intent: "invite", institutionId: String(ministry) }, { cookie, params })) as Response;
    const page = (await load(partnersRoute, invited.headers.get("Location")!, { cookie, params })) as PartnersPage;
    expect(page.notice).toMatch(/^Ministry of Internal Affairs u ftua\. Askush atje nuk ka ende llogari në portal/);
  });
});

describe("the partnership page in Macedonian", () => {
  it("titles the page, names the themes in Macedonian, and refuses an overlong statement in Macedonian", async () => {
    const cookie = await sessionIn("mk", "applicant.rs@taf.example");
    const { path, params } = at(cybercrime(), "/partnership");
    const page = (await load(partnershipRoute, path, { cookie, params })) as PartnershipPage;
    expect(page.title).toMatch(/^Вашиот одговор на поканата: .+ · Портал TAF$/);
    expect(page.lead.country.name).toBe("Косово");
    expect(page.proposal.themes.length).toBeGreaterThan(0);
    expect(page.proposal.themes.every((theme) => /[\u0400-\u04FF]/.test(theme))).toBe(true);
    const tooLong = (await submit(partnershipRoute, path, { intent: "confirm", statement: "Ова е нашата улога. ".repeat(60) }, { cookie, params })) as Reply;
    expect(tooLong.result.error?.statement).toEqual(["Користете најмногу 1000 знаци."]);
    const unticked = (await submit(partnershipRoute, path, { intent: "decline", reason: "" }, { cookie, params })) as Reply;
    expect(unticked.result.error?.confirm).toEqual(["Штиклирајте го полето за да потврдите: Вашата институција повеќе нема да го гледа овој предлог."]);
  });
});

describe("the country advisors page in Serbian Cyrillic", () => {
  it("titles the page, names the countries in Cyrillic, and asks for a choice in Cyrillic", async () => {
    const draft = makeProposal({ round: makeRound(), lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", partners: [{ institution: KOSOVO_POLICE, status: "invited" }] });
    const cookie = await sessionIn("sr-Cyrl", "applicant.mk@taf.example");
    const { path, params } = at(draft.id, "/advisors");
    const page = (await load(advisorsRoute, path, { cookie, params })) as AdvisorsPage;
    expect(page.title).toMatch(/^Саветници за државе · .+ · Портал TAF$/);
    expect(page.sharing.countries.map((c) => c.label)).toEqual(["Косово*", "Северна Македонија"]);
    const bad = (await submit(advisorsRoute, path, { intent: "both" }, { cookie, params })) as { error: string };
    expect(bad.error).toBe("Изаберите да ли желите поделити нацрт или престати да га делите.");
  });
});
