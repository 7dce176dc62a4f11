import { describe, expect, it } from "vitest";
import * as root from "../../app/root";
import * as proposalAttachments from "../../app/routes/proposals.$proposalId.attachments";
import * as documentPage from "../../app/routes/proposals.$proposalId.$document.attachments";
import { load, ORIGIN, signInAs } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// The proposal's attachments and a report's files in the reader's language: the page's title,
// what a file is and how large, and the answer to an upload; the file's name stays as chosen.

useDatabase("demo");

const LEAD = "applicant.xk@taf.example";
const drugNetworks = () => demoProposalId("drugNetworks");
const cybercrime = () => demoProposalId("cybercrime");
const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Title (an agenda) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

/** The session and the language a browser sends after `?lng=` set it. */
async function readerIn(language: string, email: string) {
  const response = (await load(root, `/login?lng=${language}`)) as Response;
  return `${await signInAs(email)}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

type Result = { intent: string; ok: boolean; message: string };
type AttachmentsPage = Awaited<ReturnType<typeof proposalAttachments.loader>>;

describe("attachments in another language", () => {
  it("lists the proposal's files in Macedonian: title, type and size in its words", async () => {
    const id = cybercrime();
    const cookie = await readerIn("mk", LEAD);
    const form = new FormData();
    form.append("intent", "upload");
    form.append("file", new File([new Uint8Array(pdf)], "Letter of support.pdf", { type: "application/pdf" }));
    const request = new Request(`${ORIGIN}/proposals/${id}/attachments`, { method: "POST", headers: { Cookie: cookie }, body: form });
    const result = (await proposalAttachments.action({ request, params: { proposalId: String(id) }, context: {} })) as Result;
    expect(result.message).toBe("„Letter of support.pdf“ е додадена (PDF-документ, 81 бајти).");
    const page = (await load(proposalAttachments, `/proposals/${id}/attachments`, { cookie, params: { proposalId: String(id) } })) as AttachmentsPage;
    expect(page.pageTitle).toMatch(/^Прилози · .+ · /);
    expect(page.acceptedInWords).toContain("или JPEG");
    expect(page.attachments.map((file) => [file.name, file.type, file.size])).toEqual([["Letter of support.pdf", "PDF-документ", "81 бајти"]]);
  });

  it("answers an agenda's upload to an activity's report in Albanian, the file's name as chosen", async () => {
    const id = drugNetworks();
    const form = new FormData();
    form.append("intent", "upload");
    form.append("documentKind", "agenda");
    form.append("file", new File([new Uint8Array(pdf)], "Axhenda e ushtrimit.pdf", { type: "application/pdf" }));
    const request = new Request(`${ORIGIN}/proposals/${id}/completion-report/attachments`, { method: "POST", headers: { Cookie: await readerIn("sq", LEAD) }, body: form });
    const result = (await documentPage.action({ request, params: { proposalId: String(id), document: "completion-report" }, context: {} })) as Result;
    expect(result).toEqual({ intent: "upload", ok: true, message: "“Axhenda e ushtrimit.pdf” u shtua (Dokument PDF, 81 bajt)." });
  });
});
