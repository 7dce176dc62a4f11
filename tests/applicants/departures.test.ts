import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as departuresRoute from "../../app/routes/proposals.$proposalId.departures";
import * as proposalRoute from "../../app/routes/proposals.$proposalId._index";
import { auditLog, outbox, partnerDepartures, proposalPartners } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { changedTables, tableChecksums } from "../support/tables";
import { ALBANIAN_POLICE, demoProposalId, institutionId, MK_PROSECUTION } from "../workflow-server/builders";

// A partner leaving a submitted proposal: the demo's proposal in implementation, Kosovo* Police
// leading with the Albanian State Police and North Macedonia's prosecution confirmed.

useDatabase("demo");

const cookies: Record<string, string> = {};
beforeEach(async () => {
  for (const who of ["applicant.xk", "applicant.al", "applicant.me", "admin"]) cookies[who] = await signInAs(`${who}@taf.example`);
});

const at = (name: Parameters<typeof demoProposalId>[0], who: string) => {
  const id = demoProposalId(name);
  return { path: `/proposals/${id}/departures`, options: { cookie: cookies[who]!, params: { proposalId: String(id) } } };
};
const leave = (who: string, institution: string, reason: string, name: Parameters<typeof demoProposalId>[0] = "drugNetworks") => {
  const { path, options } = at(name, who);
  return submit(departuresRoute, path, { institutionId: String(institutionId(institution)), reason }, options);
};
const partnerStatus = (institution: string) =>
  db()
    .select({ status: proposalPartners.status })
    .from(proposalPartners)
    .where(and(eq(proposalPartners.proposalId, demoProposalId("drugNetworks")), eq(proposalPartners.institutionId, institutionId(institution))))
    .get()!.status;
const partnerLeftMail = () => db().select().from(outbox).where(eq(outbox.template, "partner-left")).all();

type Page = { departures: { institution: string; reason: string; recordedBy: string }[]; partners: { label: string }[]; mayRecord: boolean };
type Reply = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
type ProposalPage = { isJoint: boolean; jointLost: { last: { institution: string } } | null; links: { label: string }[] };

describe("a partner leaves a submitted proposal", () => {
  it("the lead records it: who, when and why; while two countries remain the TAF team is not alarmed", async () => {
    const result = await leave("applicant.xk", ALBANIAN_POLICE, "The unit was dissolved in a reorganisation.");
    expect((result as Response).headers.get("Location")).toBe(`${at("drugNetworks", "applicant.xk").path}?recorded=joint`);
    expect(partnerStatus(ALBANIAN_POLICE)).toBe("declined");
    expect(db().select().from(partnerDepartures).all()).toMatchObject([{ institutionId: institutionId(ALBANIAN_POLICE), reason: "The unit was dissolved in a reorganisation." }]);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.partnerLeft")).all()).toHaveLength(1);
    expect(partnerLeftMail()).toEqual([]);
    const page = (await load(departuresRoute, at("drugNetworks", "admin").path, at("drugNetworks", "admin").options)) as Page;
    expect(page.departures).toMatchObject([{ institution: ALBANIAN_POLICE, reason: "The unit was dissolved in a reorganisation.", recordedBy: expect.any(String) }]);
    expect(page.partners.map((p) => p.label)).toEqual([`${MK_PROSECUTION}, North Macedonia`]);
    // An institution that left no longer takes part, so its applicants no longer see the proposal.
    expect(statusOf(await load(departuresRoute, at("drugNetworks", "applicant.al").path, at("drugNetworks", "applicant.al").options))).toBe(404);
  });

  it("when fewer than two countries remain, the administrators are told and the proposal page says so", async () => {
    await leave("applicant.xk", ALBANIAN_POLICE, "Reorganised.");
    const result = await leave("admin", MK_PROSECUTION, "The prosecutor's office withdrew its staff.");
    expect((result as Response).headers.get("Location")).toMatch(/recorded=notJoint$/);
    const mail = partnerLeftMail();
    expect(mail.map((m) => m.recipient)).toEqual(["admin@taf.example"]);
    expect(mail[0]!.subject).toContain("is no longer joint");
    expect(mail[0]!.text).toContain("Institutions from only Kosovo* now stand behind it");
    const id = demoProposalId("drugNetworks");
    const page = (await load(proposalRoute, `/proposals/${id}`, { cookie: cookies["applicant.xk"]!, params: { proposalId: String(id) } })) as ProposalPage;
    expect(page.isJoint).toBe(false);
    expect(page.jointLost).toMatchObject({ last: { institution: MK_PROSECUTION } });
    expect(page.links.map((l) => l.label)).toContain("Record that a partner left");
  });

  it("refuses, changing nothing: a partner's applicant, no reason, a partner that never confirmed, a draft, a closed proposal", async () => {
    const before = tableChecksums();
    expect(statusOf(await leave("applicant.al", ALBANIAN_POLICE, "We leave."))).toBe(403);
    const unexplained = (await leave("applicant.xk", ALBANIAN_POLICE, "   ")) as Reply;
    expect(unexplained.result.error?.reason).toEqual(["Give the reason the partner left."]);
    const stranger = (await leave("applicant.xk", "Ministry of Justice of Serbia", "Never here.")) as Reply;
    expect(stranger.result.error?.[""]).toEqual(["Only a partner that confirmed its participation can leave the proposal."]);
    expect(stranger.result.initialValue).toMatchObject({ reason: "Never here." });
    const draft = await leave("applicant.xk", "Prosecutor's Office for Organised Crime of Serbia", "Draft.", "cybercrime");
    expect(statusOf(draft)).toBe(403);
    expect(await (draft as Response).text()).toBe("Before submission the lead removes a partner on the partners page.");
    const closed = await leave("applicant.me", "Ministry of Justice of Serbia", "Closed.", "legalAssistance");
    expect(statusOf(closed)).toBe(403);
    expect(await (closed as Response).text()).toBe("The proposal is closed: its partners no longer change.");
    expect(changedTables(before, tableChecksums())).toEqual([]);
  });
});
