import { and, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, institutions, memberships, outbox, proposalPartners, proposals, users } from "../../db/schema";
import { db } from "../../app/db.server";
import * as partnersRoute from "../../app/routes/proposals.$proposalId.partners";
import * as partnershipRoute from "../../app/routes/proposals.$proposalId.partnership";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId, institutionId, userId } from "../workflow-server/builders";

// Demo proposals: "cocaine routes" submitted (Albanian State Police lead), "victims"
// clarification requested (MoJ Montenegro lead), "cybercrime" a Kosovo* Police draft with the
// Serbian OC prosecutor only invited, "stolen vehicles" an Albanian State Police draft with
// Kosovo* Police confirmed.
const cybercrime = () => demoProposalId("cybercrime");
const stolenVehicles = () => demoProposalId("stolenVehicles");

const cookies: Record<string, string> = {};
const as = (who: string) => cookies[who]!;

useDatabase("demo");

beforeEach(async () => {
  for (const who of ["applicant.xk", "applicant.al", "applicant.rs", "applicant.me", "applicant.mk", "reviewer.eu", "advisor.mk", "admin"]) {
    cookies[who] = await signInAs(`${who}@taf.example`);
  }
});

/** A second applicant of the Albanian State Police, and a deactivated one who must never be mailed. */
function addAlbanianColleagues() {
  const albania = institutionId("Albanian State Police");
  db().transaction((tx) => {
    const colleague = tx.insert(users).values({ email: "colleague.al@taf.example", name: "Elira Dervishi" }).returning().get();
    tx.insert(memberships).values({ userId: colleague.id, role: "applicant", institutionId: albania }).run();
    const former = tx.insert(users).values({ email: "former.al@taf.example", name: "Former Officer", active: false }).returning().get();
    tx.insert(memberships).values({ userId: former.id, role: "applicant", institutionId: albania }).run();
  });
}

/** Takes an institution out of the directory; returns its id. */
function deactivate(name: string) {
  db().update(institutions).set({ active: false }).where(eq(institutions.name, name)).run();
  return institutionId(name);
}

function partnerRow(proposalId: number, institution: string) {
  return db()
    .select()
    .from(proposalPartners)
    .where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.institutionId, institutionId(institution))))
    .get();
}

function mail(template: string) {
  return db().select().from(outbox).where(eq(outbox.template, template)).orderBy(outbox.id).all();
}

function partnerCount() {
  return db().select({ n: count() }).from(proposalPartners).get()!.n;
}

const page = (id: number, search = "") => `/proposals/${id}/partners${search}`;
const params = (id: number) => ({ params: { proposalId: String(id) } });

type PartnersPage = {
  manage: boolean;
  ownAnswer: string | null;
  isJoint: boolean;
  jointCountries: { name: string; needsFootnote: boolean }[];
  lead: { name: string };
  partners: { id: number; name: string; status: string; statement: string | null; respondedBy: string | null; respondedAt: string | null; activeApplicants: number }[];
  directory: { institutions: { id: number; name: string; activeApplicants: number }[]; more: boolean } | null;
  notice: string | null;
};
type Reply = { intent: string; result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

async function partnersPage(id: number, who: string, search = "") {
  return (await load(partnersRoute, page(id, search), { cookie: as(who), ...params(id) })) as PartnersPage;
}

async function invite(id: number, who: string, institution: number, extra: Record<string, string> = {}) {
  return submit(partnersRoute, page(id), { intent: "invite", institutionId: String(institution), ...extra }, { cookie: as(who), ...params(id) });
}

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

describe("who sees the partners page", () => {
  it("shows every viewer the partners and the countries behind the proposal", async () => {
    expect(db().select({ state: proposals.state }).from(proposals).where(eq(proposals.id, cybercrime())).get()?.state).toBe("draft");
    const lead = await partnersPage(cybercrime(), "applicant.xk");
    expect(lead.manage).toBe(true);
    expect(lead.lead.name).toBe("Kosovo* Police");
    expect(lead.partners).toEqual([
      expect.objectContaining({ name: "Prosecutor's Office for Organised Crime of Serbia", status: "invited", statement: null, respondedAt: null, activeApplicants: 1 }),
    ]);
    expect(lead.jointCountries).toEqual([{ name: "Kosovo", needsFootnote: true }]);
    expect(lead.isJoint).toBe(false);

    const partner = await partnersPage(cybercrime(), "applicant.rs");
    expect(partner).toMatchObject({ manage: false, ownAnswer: "invited", directory: null });
    const admin = await partnersPage(cybercrime(), "admin");
    expect(admin).toMatchObject({ manage: false, ownAnswer: null, directory: null });

    const joint = await partnersPage(demoProposalId("drugNetworks"), "applicant.al");
    expect(joint.isJoint).toBe(true);
    expect(joint.jointCountries.map((c) => c.name)).toEqual(["Albania", "Kosovo", "North Macedonia"]);
    expect((await partnersPage(demoProposalId("drugNetworks"), "advisor.mk")).partners).toHaveLength(2);
  });

  it("answers 404 to those who may not see the proposal and sends the signed-out to sign in", async () => {
    for (const who of ["applicant.al", "reviewer.eu", "advisor.mk"]) {
      expect(statusOf(await load(partnersRoute, page(cybercrime()), { cookie: as(who), ...params(cybercrime()) }))).toBe(404);
    }
    expect(location(await load(partnersRoute, page(cybercrime()), params(cybercrime())))).toMatch(/^\/login/);
    // Its EU review closed long ago: its reviewers see nothing of it any more.
    expect(statusOf(await load(partnersRoute, page(demoProposalId("drugNetworks")), { cookie: as("reviewer.eu"), ...params(demoProposalId("drugNetworks")) }))).toBe(404);
  });
});

describe("searching the directory", () => {
  it("finds active institutions by name and by country, never the lead or a partner", async () => {
    const byName = await partnersPage(cybercrime(), "applicant.xk", "?q=police");
    const names = byName.directory!.institutions.map((i) => i.name);
    expect(names).toEqual(["Albanian State Police", "Police Directorate of Montenegro", "Ministry of Interior of Serbia, Criminal Police Directorate"]);
    expect(names).not.toContain("Kosovo* Police");

    const serbian = await partnersPage(cybercrime(), "applicant.xk", "?country=RS");
    expect(serbian.directory!.institutions.map((i) => i.name)).toEqual([
      "Administration for the Prevention of Money Laundering of Serbia",
      "Institute for Security Policy of Serbia",
      "Ministry of Interior of Serbia, Criminal Police Directorate",
      "Ministry of Justice of Serbia",
    ]);
    const both = await partnersPage(cybercrime(), "applicant.xk", "?q=justice&country=RS");
    expect(both.directory!.institutions.map((i) => i.name)).toEqual(["Ministry of Justice of Serbia"]);
    expect(both.directory!.institutions[0]!.activeApplicants).toBe(0);

    deactivate("Ministry of Justice of Serbia");
    expect((await partnersPage(cybercrime(), "applicant.xk", "?country=RS")).directory!.institutions.map((i) => i.name)).not.toContain("Ministry of Justice of Serbia");

    const everything = await partnersPage(cybercrime(), "applicant.xk", "?q=%25&country=ZZ");
    expect(everything.directory!.institutions).toEqual([]);
  });
});

describe("inviting a partner", () => {
  it("writes the row and e-mails each active applicant of the invited institution once", async () => {
    const albania = institutionId("Albanian State Police");
    addAlbanianColleagues();
    const before = mail("partner-invitation").length;

    const result = await invite(cybercrime(), "applicant.xk", albania, { q: "police", country: "" });
    expect(location(result)).toBe(`/proposals/${cybercrime()}/partners?notice=invited&institution=${albania}&q=police`);

    const row = partnerRow(cybercrime(), "Albanian State Police")!;
    expect(row).toMatchObject({ status: "invited", statement: null, respondedAt: null, respondedByUserId: null });
    expect(row.invitedAt).toBeInstanceOf(Date);
    const sent = mail("partner-invitation").slice(before);
    expect(sent.map((m) => m.recipient).sort()).toEqual(["applicant.al@taf.example", "colleague.al@taf.example"]);
    expect(sent.map((m) => m.idempotencyKey).sort()).toEqual(
      [`partner-invitation:${row.id}:${userId("applicant.al@taf.example")}`, `partner-invitation:${row.id}:${userId("colleague.al@taf.example")}`].sort(),
    );
    const letter = sent[0]!;
    expect(letter.subject).toBe("Invitation to a joint proposal: Cybercrime: cross-border electronic evidence");
    expect(letter.text).toContain("Arben Krasniqi of Kosovo* Police (Kosovo*) invites your institution, Albanian State Police");
    expect(letter.text).toContain("So far, institutions from Kosovo* stand behind the proposal.");
    expect(letter.text).toContain("The round closes on");
    expect(letter.text).not.toContain("clarification");
    expect(letter.text).toContain(`http://localhost:3000/proposals/${cybercrime()}/partnership`);
    expect(letter.text).toContain("UNSCR 1244/1999");
    expect(db().select().from(auditLog).where(eq(auditLog.action, "partnerInvited")).all()).toEqual([
      expect.objectContaining({ actorUserId: userId("applicant.xk@taf.example"), subjectType: "proposal", subjectId: String(cybercrime()) }),
    ]);

    const after = await partnersPage(cybercrime(), "applicant.xk", "?notice=invited&institution=" + albania);
    expect(after.notice).toBe("Albanian State Police is invited. Its 2 applicants have been sent an e-mail to confirm or decline.");
    expect(after.directory!.institutions.map((i) => i.name)).not.toContain("Albanian State Police");
  });

  it("invites an institution with nobody on the portal yet, and says so", async () => {
    const ministry = institutionId("Ministry of Internal Affairs");
    const before = db().select({ n: count() }).from(outbox).get()!.n;
    expect(location(await invite(cybercrime(), "applicant.xk", ministry))).toContain("notice=invited");
    expect(partnerRow(cybercrime(), "Ministry of Internal Affairs")?.status).toBe("invited");
    expect(db().select({ n: count() }).from(outbox).get()!.n).toBe(before);
    const after = await partnersPage(cybercrime(), "applicant.xk", `?notice=invited&institution=${ministry}`);
    expect(after.notice).toMatch(/^Ministry of Internal Affairs is invited\. No one there has an account on the portal yet/);
    expect(after.partners.find((p) => p.name === "Ministry of Internal Affairs")?.activeApplicants).toBe(0);
  });

  const refusals: [string, () => number, RegExp][] = [
    ["the lead itself", () => institutionId("Kosovo* Police"), /Kosovo\* Police leads this proposal/],
    ["an inactive institution", () => deactivate("Ministry of Justice of Serbia"), /is not active in the directory/],
    ["an institution already invited", () => institutionId("Prosecutor's Office for Organised Crime of Serbia"), /is already a partner of this proposal/],
    ["an institution that does not exist", () => 99999, /not in the directory/],
  ];
  for (const [what, id, message] of refusals) {
    it(`refuses ${what}, beside the form, and changes nothing`, async () => {
      const [rows, mails] = [partnerCount(), db().select({ n: count() }).from(outbox).get()!.n];
      const reply = (await invite(cybercrime(), "applicant.xk", id())) as Reply;
      expect(reply.result.error?.[""]?.join(" ")).toMatch(message);
      expect([partnerCount(), db().select({ n: count() }).from(outbox).get()!.n]).toEqual([rows, mails]);
    });
  }

  it("refuses a form without an institution", async () => {
    const reply = (await submit(partnersRoute, page(cybercrime()), { intent: "invite" }, { cookie: as("applicant.xk"), ...params(cybercrime()) })) as Reply;
    expect(reply.result.error?.institutionId).toEqual(["Choose an institution from the list."]);
  });

  it("lets only the lead's applicants invite, and only while the proposal is a draft", async () => {
    const rows = partnerCount();
    const someone = institutionId("Police Directorate of Montenegro");
    // A partner's applicant and the TAF team see the proposal but do not manage its partners.
    expect(statusOf(await invite(cybercrime(), "applicant.rs", someone))).toBe(403);
    expect(statusOf(await invite(cybercrime(), "admin", someone))).toBe(403);
    // Someone who does not see the proposal learns nothing about it.
    expect(statusOf(await invite(cybercrime(), "applicant.mk", someone))).toBe(404);
    expect(location(await submit(partnersRoute, page(cybercrime()), { intent: "invite", institutionId: String(someone) }, params(cybercrime())))).toMatch(/^\/login/);
    // Submitted and waiting for the TAF team's decision: partners are fixed (during a clarification
    // request they may change: tests/workflow-server/clarification.test.ts).
    expect(statusOf(await invite(demoProposalId("cocaineRoutes"), "applicant.al", someone))).toBe(403);
    expect((await partnersPage(demoProposalId("cocaineRoutes"), "applicant.al")).manage).toBe(false);
    expect(partnerCount()).toBe(rows);
  });
});

describe("removing a partner", () => {
  it("asks for confirmation, then removes an invited partner", async () => {
    await invite(cybercrime(), "applicant.xk", institutionId("Ministry of Internal Affairs"));
    const row = partnerRow(cybercrime(), "Ministry of Internal Affairs")!;
    const unconfirmed = (await submit(partnersRoute, page(cybercrime()), { intent: "remove", partnerId: String(row.id) }, { cookie: as("applicant.xk"), ...params(cybercrime()) })) as Reply & {
      partnerId: number;
    };
    expect(unconfirmed.partnerId).toBe(row.id);
    expect(unconfirmed.result.error?.confirm).toEqual(["Tick the box to confirm that you want to remove this partner."]);
    expect(partnerRow(cybercrime(), "Ministry of Internal Affairs")).toBeDefined();

    const done = await submit(partnersRoute, page(cybercrime()), { intent: "remove", partnerId: String(row.id), confirm: "on" }, { cookie: as("applicant.xk"), ...params(cybercrime()) });
    expect(location(done)).toBe(`/proposals/${cybercrime()}/partners?notice=removed&institution=${row.institutionId}`);
    expect(partnerRow(cybercrime(), "Ministry of Internal Affairs")).toBeUndefined();
    expect((await partnersPage(cybercrime(), "applicant.xk", `?notice=removed&institution=${row.institutionId}`)).notice).toBe(
      "Ministry of Internal Affairs is no longer a partner of this proposal.",
    );
  });

  it("keeps a confirmed partner: only the partner withdraws its confirmation", async () => {
    const row = partnerRow(stolenVehicles(), "Kosovo* Police")!;
    expect(row.status).toBe("confirmed");
    const reply = (await submit(partnersRoute, page(stolenVehicles()), { intent: "remove", partnerId: String(row.id), confirm: "on" }, { cookie: as("applicant.al"), ...params(stolenVehicles()) })) as Reply;
    expect(reply.result.error?.[""]?.join(" ")).toMatch(/has confirmed its participation, so you cannot remove it/);
    expect(partnerRow(stolenVehicles(), "Kosovo* Police")?.status).toBe("confirmed");
  });

  it("refuses a partner of another proposal", async () => {
    const other = partnerRow(stolenVehicles(), "Kosovo* Police")!;
    const reply = (await submit(partnersRoute, page(cybercrime()), { intent: "remove", partnerId: String(other.id), confirm: "on" }, { cookie: as("applicant.xk"), ...params(cybercrime()) })) as Reply;
    expect(reply.result.error?.[""]?.join(" ")).toMatch(/no longer a partner/);
    expect(partnerRow(stolenVehicles(), "Kosovo* Police")).toBeDefined();
  });
});

describe("answering an invitation", () => {
  const partnership = (id: number) => `/proposals/${id}/partnership`;
  type PartnershipPage = { mine: { name: string; status: string; statement: string | null }; proposal: { summary: string; themes: string[] }; isJoint: boolean };
  const answer = (id: number, who: string, form: Record<string, string>) => submit(partnershipRoute, partnership(id), form, { cookie: as(who), ...params(id) });

  it("shows the invited partner the proposal in short, and no one else", async () => {
    const data = (await load(partnershipRoute, partnership(cybercrime()), { cookie: as("applicant.rs"), ...params(cybercrime()) })) as PartnershipPage;
    expect(data.mine).toMatchObject({ name: "Prosecutor's Office for Organised Crime of Serbia", status: "invited" });
    expect(data.proposal.summary).toMatch(/^Kosovo\* Police and Serbia's Prosecutor's Office/);
    expect(data.proposal.themes).toContain("Cybercrime");
    expect(statusOf(await load(partnershipRoute, partnership(cybercrime()), { cookie: as("applicant.xk"), ...params(cybercrime()) }))).toBe(403);
    expect(statusOf(await load(partnershipRoute, partnership(cybercrime()), { cookie: as("admin"), ...params(cybercrime()) }))).toBe(403);
    expect(statusOf(await load(partnershipRoute, partnership(cybercrime()), { cookie: as("applicant.mk"), ...params(cybercrime()) }))).toBe(404);
    // While the proposal waits for the TAF team's decision the answer is fixed: Kosovo* Police confirmed "cocaine routes" before it was submitted.
    expect(statusOf(await load(partnershipRoute, partnership(demoProposalId("cocaineRoutes")), { cookie: as("applicant.xk"), ...params(demoProposalId("cocaineRoutes")) }))).toBe(403);
    expect(statusOf(await answer(demoProposalId("cocaineRoutes"), "applicant.xk", { intent: "decline", confirm: "on" }))).toBe(403);
  });

  it("requires a statement of the role to confirm, beside the field, and keeps what was typed", async () => {
    const empty = (await answer(cybercrime(), "applicant.rs", { intent: "confirm", statement: "  " })) as Reply;
    expect(empty.result.error?.statement?.join(" ")).toMatch(/Describe your institution's role/);
    const long = "x".repeat(1001);
    const tooLong = (await answer(cybercrime(), "applicant.rs", { intent: "confirm", statement: long })) as Reply;
    expect(tooLong.result.error?.statement).toEqual(["Use at most 1000 characters."]);
    expect(tooLong.result.initialValue?.statement).toBe(long);
    expect(partnerRow(cybercrime(), "Prosecutor's Office for Organised Crime of Serbia")?.status).toBe("invited");
  });

  it("confirms from the cybercrime draft: the proposal becomes joint and the lead gets an e-mail", async () => {
    const before = mail("partner-response").length;
    const statement = "Our cybercrime prosecutors will lead the exercise on the simulated call-centre case.";
    const result = await answer(cybercrime(), "applicant.rs", { intent: "confirm", statement });
    expect(location(result)).toBe(`/proposals/${cybercrime()}/partners?notice=confirmed`);

    const row = partnerRow(cybercrime(), "Prosecutor's Office for Organised Crime of Serbia")!;
    expect(row).toMatchObject({ status: "confirmed", statement, respondedByUserId: userId("applicant.rs@taf.example") });
    expect(row.respondedAt).toBeInstanceOf(Date);

    expect(await partnersPage(cybercrime(), "applicant.rs", "?notice=confirmed")).toMatchObject({ ownAnswer: "confirmed", notice: expect.stringMatching(/participation is confirmed/) });
    const view = await partnersPage(cybercrime(), "applicant.xk");
    expect(view.isJoint).toBe(true);
    expect(view.jointCountries.map((c) => c.name)).toEqual(["Kosovo", "Serbia"]);
    expect(view.partners.find((p) => p.status === "confirmed")).toMatchObject({ respondedBy: "Milan Jovanović", statement });

    const sent = mail("partner-response").slice(before);
    expect(sent.map((m) => m.recipient)).toEqual(["applicant.xk@taf.example"]);
    expect(sent[0]!.subject).toBe("Prosecutor's Office for Organised Crime of Serbia confirmed: Cybercrime: cross-border electronic evidence");
    expect(sent[0]!.text).toContain("Milan Jovanović confirmed that Prosecutor's Office for Organised Crime of Serbia (Serbia) takes part");
    expect(sent[0]!.text).toContain(statement);
    expect(sent[0]!.text).toContain("Institutions from Kosovo* and Serbia now stand behind the proposal: it is joint.");

    const again = (await answer(cybercrime(), "applicant.rs", { intent: "confirm", statement })) as Reply;
    expect(again.result.error?.[""]?.join(" ")).toMatch(/already confirmed/);
  });

  it("declines with an optional reason, after a confirmation checkbox; the institution then no longer sees the proposal", async () => {
    await invite(cybercrime(), "applicant.xk", institutionId("Albanian State Police"));
    expect(partnerRow(cybercrime(), "Albanian State Police")?.status).toBe("invited");
    const unticked = (await answer(cybercrime(), "applicant.al", { intent: "decline", reason: "Our unit has no capacity this year." })) as Reply;
    expect(unticked.result.error?.confirm?.join(" ")).toMatch(/Tick the box/);
    expect(unticked.result.initialValue?.reason).toBe("Our unit has no capacity this year.");

    const before = mail("partner-response").length;
    const result = await answer(cybercrime(), "applicant.al", { intent: "decline", reason: "Our unit has no capacity this year.", confirm: "on" });
    expect(location(result)).toBe("/?notice=partnership-declined");
    expect(partnerRow(cybercrime(), "Albanian State Police")).toMatchObject({
      status: "declined",
      statement: "Our unit has no capacity this year.",
      respondedByUserId: userId("applicant.al@taf.example"),
    });
    const sent = mail("partner-response").slice(before);
    expect(sent.map((m) => m.recipient)).toEqual(["applicant.xk@taf.example"]);
    expect(sent[0]!.text).toContain("The reason given:");
    expect(statusOf(await load(partnersRoute, page(cybercrime()), { cookie: as("applicant.al"), ...params(cybercrime()) }))).toBe(404);
    // The lead may now remove it, and invite it again later.
    expect((await partnersPage(cybercrime(), "applicant.xk")).partners.find((p) => p.name === "Albanian State Police")?.status).toBe("declined");
  });

  it("lets a confirmed partner withdraw while the proposal is a draft", async () => {
    addAlbanianColleagues();
    const before = mail("partner-response").length;
    const result = await answer(stolenVehicles(), "applicant.xk", { intent: "decline", reason: "", confirm: "on" });
    expect(location(result)).toBe("/?notice=partnership-withdrew");
    expect(partnerRow(stolenVehicles(), "Kosovo* Police")).toMatchObject({ status: "declined", statement: null });
    const sent = mail("partner-response").slice(before);
    // The lead's active applicants: the demo one and the colleague, not the deactivated one.
    expect(sent.map((m) => m.recipient)).toEqual(["applicant.al@taf.example", "colleague.al@taf.example"]);
    expect(sent[0]!.subject).toBe("Kosovo* Police withdrew its confirmation: A shared alert channel for stolen vehicles");
    expect(sent[0]!.text).toContain("Only institutions from Albania stand behind the proposal now: it is not joint yet.");
    expect(sent[0]!.text).toContain("UNSCR 1244/1999");
    expect(db().select().from(auditLog).where(eq(auditLog.action, "partnerWithdrew")).all()).toHaveLength(1);
  });
});
