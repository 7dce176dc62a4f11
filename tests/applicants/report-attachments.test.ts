import { and, count, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import * as download from "../../app/routes/proposals.$proposalId.attachments.$attachmentId";
import * as proposalAttachments from "../../app/routes/proposals.$proposalId.attachments";
import * as documentPage from "../../app/routes/proposals.$proposalId.$document.attachments";
import * as concept from "../../app/routes/proposals.$proposalId.concept";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import * as versions from "../../app/routes/proposals.$proposalId.versions";
import { activities, attachments } from "../../db/schema";
import { load, ORIGIN, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// The files of the concept note and the reports (agendas, lists of participants, minutes):
// added and removed by the lead while it may write that document, read by whoever sees the
// proposal, and listed with each version sent, never with the proposal's own attachments.

// "Drug networks": Kosovo* Police lead, Albania and North Macedonia partners, implementation
// ongoing. "Foreign fighters": North Macedonia's prosecution lead, on hold. "Follow the money":
// Serbia's organised crime prosecution lead, concept note sent back for revision.
const drugNetworks = () => demoProposalId("drugNetworks");
const foreignFighters = () => demoProposalId("foreignFighters");
const followTheMoney = () => demoProposalId("followTheMoney");
const LEAD = "applicant.xk@taf.example";
const PARTNER = "applicant.al@taf.example";
const OUTSIDER = "applicant.me@taf.example";

const pdf = (text = "an agenda") => Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126), Buffer.from("PE\0\0")]);

type Result = { intent: string; ok: boolean; message: string };
type ImplementationPage = Awaited<ReturnType<typeof implementation.loader>>;
type DocumentPage = Awaited<ReturnType<typeof documentPage.loader>>;

const activityId = (proposalId: number, key: string) =>
  db().select({ id: activities.id }).from(activities).where(and(eq(activities.proposalId, proposalId), eq(activities.key, key))).get()!.id;
const activityDocument = (proposalId: number, key: string) => `activity-${activityId(proposalId, key)}`;
const rowCount = () => db().select({ n: count() }).from(attachments).get()!.n;
const latest = () => db().select().from(attachments).orderBy(attachments.id).all().at(-1)!;

/** Posts the upload form as a browser does: multipart, the file under "file", what it is under "documentKind". */
async function upload(email: string, proposalId: number, document: string, name: string, bytes: Buffer, documentKind: string | null = "agenda") {
  const form = new FormData();
  form.append("intent", "upload");
  if (documentKind !== null) form.append("documentKind", documentKind);
  form.append("file", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
  const request = new Request(`${ORIGIN}/proposals/${proposalId}/${document}/attachments`, { method: "POST", headers: { Cookie: await signInAs(email) }, body: form });
  try {
    return (await documentPage.action({ request, params: { proposalId: String(proposalId), document }, context: {} })) as Result | Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** An upload that must be refused in words: no row is left behind. */
async function refusedUpload(...args: Parameters<typeof upload>) {
  const before = rowCount();
  const result = (await upload(...args)) as Result;
  expect(result.ok).toBe(false);
  expect(rowCount()).toBe(before);
  return result.message;
}

/** An upload that must be refused with a status (403, 404): no row is left behind. */
async function refusedWith(status: number, ...args: Parameters<typeof upload>) {
  const before = rowCount();
  const result = await upload(...args);
  expect(statusOf(result)).toBe(status);
  expect(rowCount()).toBe(before);
  return result instanceof Response ? result.text() : "";
}

const remove = async (email: string, proposalId: number, document: string, attachmentId: number) =>
  submit(documentPage, `/proposals/${proposalId}/${document}/attachments`, { intent: "remove", attachmentId: String(attachmentId) }, { cookie: await signInAs(email), params: { proposalId: String(proposalId), document } });
const viewDocument = async (email: string, proposalId: number, document: string) =>
  load(documentPage, `/proposals/${proposalId}/${document}/attachments`, { cookie: await signInAs(email), params: { proposalId: String(proposalId), document } });
const viewImplementation = async (email: string, proposalId: number, path = `/proposals/${proposalId}/implementation`) =>
  (await load(implementation, path, { cookie: await signInAs(email), params: { proposalId: String(proposalId) } })) as ImplementationPage;
const get = async (email: string, proposalId: number, attachmentId: number) =>
  load(download, `/proposals/${proposalId}/attachments/${attachmentId}`, { cookie: await signInAs(email), params: { proposalId: String(proposalId), attachmentId: String(attachmentId) } });
const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const reportActivity = async (key: string, outcome: string) =>
  submit(implementation, `/proposals/${drugNetworks()}/implementation`, { intent: "reportActivity", activityKey: key, heldOn: daysAgo(3), participants: "20", outcome }, { cookie: await signInAs(LEAD), params: { proposalId: String(drugNetworks()) } });
const activityReportVersions = async () => {
  const page = (await load(versions, `/proposals/${drugNetworks()}/versions`, { cookie: await signInAs(LEAD), params: { proposalId: String(drugNetworks()) } })) as Awaited<ReturnType<typeof versions.loader>>;
  return page.kinds.find((kind) => kind.kind === "activityReport")!;
};

useDatabase("demo");

describe("an activity report's files", () => {
  it("takes the lead's agenda, listed on the activity's card with what it is, and not among the proposal's attachments", async () => {
    const result = (await upload(LEAD, drugNetworks(), activityDocument(drugNetworks(), "activity-3"), "Agenda of the joint exercise.pdf", pdf())) as Result;
    expect(result).toEqual({ intent: "upload", ok: true, message: "“Agenda of the joint exercise.pdf” was added (PDF document, 81 bytes)." });
    expect(latest()).toMatchObject({ purpose: "activityReport", activityId: activityId(drugNetworks(), "activity-3"), documentKind: "agenda" });

    const page = await viewImplementation(PARTNER, drugNetworks());
    const card = page.attachments.activities[activityId(drugNetworks(), "activity-3")]!;
    expect(card.files.map((f) => [f.name, f.documentKind])).toEqual([["Agenda of the joint exercise.pdf", "Agenda"]]);
    expect(card.canEdit).toBe(false);
    expect(page.attachments.activities[activityId(drugNetworks(), "activity-1")]!.files).toEqual([]);
    expect((await viewImplementation(LEAD, drugNetworks())).attachments.completion.canEdit).toBe(true);

    const own = (await load(proposalAttachments, `/proposals/${drugNetworks()}/attachments`, { cookie: await signInAs(LEAD), params: { proposalId: String(drugNetworks()) } })) as Awaited<ReturnType<typeof proposalAttachments.loader>>;
    expect(own.attachments.map((a) => a.name)).not.toContain("Agenda of the joint exercise.pdf");
  });

  it("is downloaded by those who see the proposal, and by no one else", async () => {
    await upload(LEAD, drugNetworks(), activityDocument(drugNetworks(), "activity-1"), "List of participants.pdf", pdf("participants"), "participants");
    const file = latest();
    expect(statusOf(await get(PARTNER, drugNetworks(), file.id))).toBe(200);
    expect(statusOf(await get("advisor.mk@taf.example", drugNetworks(), file.id))).toBe(200);
    expect(statusOf(await get(OUTSIDER, drugNetworks(), file.id))).toBe(404);
    // Under another proposal it is not found, even by someone who sees that one.
    expect(statusOf(await get("applicant.mk@taf.example", foreignFighters(), file.id))).toBe(404);
  });

  it("refuses a file of the wrong type, one too big, and one without saying what it is", async () => {
    const document = activityDocument(drugNetworks(), "activity-3");
    expect(await refusedUpload(LEAD, drugNetworks(), document, "minutes.pdf", exe, "minutes")).toMatch(/“minutes\.pdf” is a program\. The portal accepts PDF.*Nothing was saved/);
    const big = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024 + 1 - pdf().length, 0x20)]);
    expect(await refusedUpload(LEAD, drugNetworks(), document, "scan.pdf", big)).toMatch(/“scan\.pdf” is larger than 10 MB.*Nothing was saved/);
    expect(await refusedUpload(LEAD, drugNetworks(), document, "agenda.pdf", pdf(), null)).toBe(
      "Choose what the document is: an agenda, a list of participants, minutes or another document.",
    );
    expect(await refusedUpload(LEAD, drugNetworks(), document, "agenda.pdf", pdf(), "poem")).toMatch(/^Choose what the document is/);
  });

  it("refuses a partner and the TAF team (403), and an activity of another proposal (404)", async () => {
    const document = activityDocument(drugNetworks(), "activity-3");
    expect(await refusedWith(403, PARTNER, drugNetworks(), document, "agenda.pdf", pdf())).toMatch(/lead/i);
    await refusedWith(403, "admin@taf.example", drugNetworks(), document, "agenda.pdf", pdf());
    await refusedWith(404, LEAD, drugNetworks(), activityDocument(foreignFighters(), "activity-1"), "agenda.pdf", pdf());
    expect(statusOf(await viewDocument(LEAD, drugNetworks(), activityDocument(foreignFighters(), "activity-1")))).toBe(404);
  });

  it("refuses while implementation is on hold, with the statechart's reason (403)", async () => {
    const text = await refusedWith(403, "applicant.mk@taf.example", foreignFighters(), "completion-report", "minutes.pdf", pdf(), "minutes");
    expect(text).toBe("No one can submit the implementation report while the proposal is at “Implementation: on hold until the TAF team resumes it”.");
  });

  it("is frozen with the report sent: a later removal leaves the version as it was, and the correction without it", async () => {
    const document = activityDocument(drugNetworks(), "activity-3");
    await upload(LEAD, drugNetworks(), document, "Minutes of the exercise.pdf", pdf("minutes"), "minutes");
    const minutes = latest();
    await reportActivity("activity-3", "Held at the two crossings.");
    const sent = await activityReportVersions();
    expect(sent.only?.find((f) => f.key === "attachments")?.text).toBe("Minutes of the exercise.pdf");
    // A minute later the lead takes the file off, and sends a correction.
    vi.setSystemTime(Date.now() + 60_000);

    const removed = (await remove(LEAD, drugNetworks(), document, minutes.id)) as Result;
    expect(removed).toEqual({ intent: "remove", ok: true, message: "“Minutes of the exercise.pdf” was removed from the activity’s report." });
    await reportActivity("activity-3", "Held at the two crossings, with 20 officers.");
    const corrected = await activityReportVersions();
    const field = corrected.comparison!.fields.find((f) => f.key === "attachments")!;
    expect(field.changed).toBe(true);
    expect(field.left.filter((piece) => piece.mark === "removed").map((piece) => piece.text)).toEqual(["Minutes of the exercise.pdf"]);
    // The file itself is kept for the version that had it, on a list of removed files.
    const page = (await viewDocument(LEAD, drugNetworks(), document)) as DocumentPage;
    expect(page.attachments).toEqual([]);
    expect(page.removed.map((f) => f.name)).toEqual(["Minutes of the exercise.pdf"]);
    expect(statusOf(await get(PARTNER, drugNetworks(), minutes.id))).toBe(200);
  });

  it("removes only a file of this document: another activity's file is not found here", async () => {
    await upload(LEAD, drugNetworks(), activityDocument(drugNetworks(), "activity-1"), "agenda.pdf", pdf());
    const file = latest();
    const result = (await remove(LEAD, drugNetworks(), activityDocument(drugNetworks(), "activity-3"), file.id)) as Result;
    expect(result).toEqual({ intent: "remove", ok: false, message: "There is no such attachment on the activity’s report. Reload the page." });
    expect(latest().removedAt).toBeNull();
  });

  it("lists the files of a page of activities with the same queries however many files there are", async () => {
    const spy = spyOnStatements();
    await viewImplementation(LEAD, drugNetworks());
    const few = spy.mock.calls.length;
    for (const key of ["activity-1", "activity-2", "activity-3"]) await upload(LEAD, drugNetworks(), activityDocument(drugNetworks(), key), `${key}.pdf`, pdf(key));
    await upload(LEAD, drugNetworks(), "completion-report", "Final minutes.pdf", pdf("final"), "minutes");
    spy.mockClear();
    const page = await viewImplementation(LEAD, drugNetworks());
    expect(spy.mock.calls.length).toBe(few);
    spy.mockRestore();
    expect(Object.values(page.attachments.activities).flatMap((a) => a.files.map((f) => f.name))).toEqual(["activity-1.pdf", "activity-2.pdf", "activity-3.pdf"]);
    expect(page.attachments.completion.files.map((f) => [f.name, f.documentKind])).toEqual([["Final minutes.pdf", "Minutes"]]);
  });
});

describe("the concept note's files", () => {
  it("are added by the lead while it may submit the note, and shown on the concept note page", async () => {
    const result = (await upload("applicant.rs@taf.example", followTheMoney(), "concept", "Workshop agenda.pdf", pdf())) as Result;
    expect(result.ok).toBe(true);
    expect(latest()).toMatchObject({ purpose: "conceptNote", activityId: null, documentKind: "agenda" });
    const page = (await load(concept, `/proposals/${followTheMoney()}/concept`, { cookie: await signInAs("applicant.rs@taf.example"), params: { proposalId: String(followTheMoney()) } })) as Awaited<
      ReturnType<typeof concept.loader>
    >;
    expect(page.attachments.files.map((f) => f.name)).toEqual(["Workshop agenda.pdf"]);
    expect(page.attachments.canEdit).toBe(true);
  });

  it("are closed once the note is approved (403), and do not exist before conceptual work (404)", async () => {
    expect(await refusedWith(403, LEAD, drugNetworks(), "concept", "agenda.pdf", pdf())).toBe("No one can submit the concept while the proposal is at “Implementation: activities running”.");
    await refusedWith(404, "applicant.al@taf.example", demoProposalId("cocaineRoutes"), "concept", "agenda.pdf", pdf());
    expect(statusOf(await viewDocument("applicant.al@taf.example", demoProposalId("cocaineRoutes"), "concept"))).toBe(404);
  });

  it("answers a document that does not exist with a 404", async () => {
    expect(statusOf(await viewDocument(LEAD, drugNetworks(), "budget"))).toBe(404);
    expect(statusOf(await viewDocument(LEAD, drugNetworks(), "activity-0"))).toBe(404);
  });
});
