import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { and, count, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { env, parseEnv } from "../../app/env.server";
import * as download from "../../app/routes/proposals.$proposalId.attachments.$attachmentId";
import * as page from "../../app/routes/proposals.$proposalId.attachments";
import { attachments } from "../../db/schema";
import { load, ORIGIN, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// Attachments: checked by content, limited in size and number, stored under generated names
// outside the web root, and handed out only to those who may see the proposal.

// The cybercrime draft is led by the Kosovo* Police with the Serbian OC prosecutor invited; the
// stolen vehicles draft by the Albanian State Police with the Kosovo* Police confirmed.
const cybercrime = () => demoProposalId("cybercrime");
const stolenVehicles = () => demoProposalId("stolenVehicles");
const LEAD = "applicant.xk@taf.example";
const PARTNER = "applicant.rs@taf.example";
const OUTSIDER = "applicant.al@taf.example";
const LETTER = "Letter of support – Ministry.pdf";

// ---- Tiny real files ---------------------------------------------------------------------

const pdf = (text = "a letter of support") => Buffer.from(`%PDF-1.4\n1 0 obj << /Title (${text}) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
// The signature and a header for a 1×1 pixel image: what a reader of PNG recognises.
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  pngChunk("IHDR", Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
  pngChunk("IEND", Buffer.alloc(0)),
]);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);

/** A ZIP archive with its entries stored uncompressed: DOCX, XLSX and ODT files are such archives. */
function zip(entries: [string, string][]) {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
const docx = zip([
  [
    "[Content_Types].xml",
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  ],
  ["word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'],
]);
const xlsx = zip([
  [
    "[Content_Types].xml",
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
  ],
  ["xl/workbook.xml", "<workbook/>"],
]);
const odt = zip([
  ["mimetype", "application/vnd.oasis.opendocument.text"],
  ["content.xml", "<office:document-content/>"],
]);
const plainZip = zip([["notes.txt", "meeting notes"]]);
const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126), Buffer.from("PE\0\0")]);

// ---- Helpers -----------------------------------------------------------------------------

type Result = { intent: string; ok: boolean; message: string };
type Page = Awaited<ReturnType<typeof page.loader>>;

/** Posts the upload form as a browser does: multipart, with the file under the name "file". */
async function upload(email: string, proposalId: number, name: string, bytes: Buffer, browserType = "application/pdf") {
  const form = new FormData();
  form.append("intent", "upload");
  form.append("file", new File([new Uint8Array(bytes)], name, { type: browserType }));
  const request = new Request(`${ORIGIN}/proposals/${proposalId}/attachments`, { method: "POST", headers: { Cookie: await signInAs(email) }, body: form });
  try {
    return (await page.action({ request, params: { proposalId: String(proposalId) }, context: {} })) as Result | Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const uploadOk = async (...args: Parameters<typeof upload>) => {
  const result = (await upload(...args)) as Result;
  expect(result.message).toMatch(/was added/);
  return latest();
};

const view = async (email: string | null, proposalId: number) =>
  load(page, `/proposals/${proposalId}/attachments`, { cookie: email ? await signInAs(email) : null, params: { proposalId: String(proposalId) } });

const get = async (email: string | null, proposalId: number, attachmentId: number) =>
  (await load(download, `/proposals/${proposalId}/attachments/${attachmentId}`, {
    cookie: email ? await signInAs(email) : null,
    params: { proposalId: String(proposalId), attachmentId: String(attachmentId) },
  })) as Response;

const latest = () => db().select().from(attachments).orderBy(attachments.id).all().at(-1)!;
const rowCount = () => db().select({ n: count() }).from(attachments).get()!.n;
const folder = () => env().ATTACHMENTS_PATH;
/** Every file under ATTACHMENTS_PATH, temporary ones included. */
const storedFiles = () => (existsSync(folder()) ? readdirSync(folder(), { recursive: true, encoding: "utf8" }).filter((p) => statSync(join(folder(), p)).isFile()) : []);

/** Runs an upload that must be refused, and checks that it left no row and no file. */
async function refused(...args: Parameters<typeof upload>) {
  const rows = rowCount();
  const files = storedFiles();
  const result = (await upload(...args)) as Result;
  expect(result.ok).toBe(false);
  expect(rowCount()).toBe(rows);
  expect(storedFiles()).toEqual(files);
  return result.message;
}

/** The lead's letter of support on the cybercrime draft, as the lead uploads it. */
const attachLetter = () => uploadOk(LEAD, cybercrime(), LETTER, pdf());

useDatabase("demo");

describe("uploading", () => {
  it("accepts a PDF from the lead, under a generated name outside the web root, with its hash", async () => {
    const bytes = pdf();
    const row = await uploadOk(LEAD, cybercrime(), LETTER, bytes);
    expect(row).toMatchObject({ proposalId: cybercrime(), originalName: LETTER, mediaType: "application/pdf", sizeBytes: bytes.length, removedAt: null });
    expect(row.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(row.storedName).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(readFileSync(join(folder(), row.storedName))).toEqual(bytes);
    expect(storedFiles().filter((f) => f.startsWith(".incoming"))).toEqual([]);

    const listed = (await view(LEAD, cybercrime())) as Page;
    expect(listed.attachments.at(-1)).toMatchObject({ name: "Letter of support – Ministry.pdf", type: "PDF document", addedBy: "Arben Krasniqi" });
    expect(listed.canEdit).toBe(true);
  });

  it("accepts DOCX, XLSX, ODT and JPEG files, recognised by what is inside them", async () => {
    expect((await uploadOk(LEAD, cybercrime(), "workplan.docx", docx, "application/octet-stream")).mediaType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect((await uploadOk(LEAD, cybercrime(), "budget.xlsx", xlsx)).mediaType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect((await uploadOk(LEAD, cybercrime(), "minutes.odt", odt)).mediaType).toBe("application/vnd.oasis.opendocument.text");
    expect((await uploadOk(LEAD, cybercrime(), "photo.jpeg", jpeg)).mediaType).toBe("image/jpeg");
  });

  it("takes a PNG named .pdf as the PNG it is, keeping its name", async () => {
    const row = await uploadOk(LEAD, cybercrime(), "scanned letter.pdf", png, "application/pdf");
    expect(row).toMatchObject({ originalName: "scanned letter.pdf", mediaType: "image/png" });
    expect(row.storedName).toMatch(/\.png$/);
    const response = await get(LEAD, cybercrime(), row.id);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("Content-Disposition")).toContain("filename*=UTF-8''scanned%20letter.pdf.png");
  });

  it("takes any name a computer gives a file, with = ; % and quotes, and offers it back exactly", async () => {
    for (const name of ["Budget=2026.pdf", "report (final; v2).pdf", "100% done; a=b \"quoted\".pdf"]) {
      const row = await uploadOk(LEAD, cybercrime(), name, pdf(name));
      expect(row.originalName).toBe(name);
      const disposition = (await get(LEAD, cybercrime(), row.id)).headers.get("Content-Disposition")!;
      expect(decodeURIComponent(disposition.match(/filename\*=UTF-8''(.+)$/)![1]!)).toBe(row.originalName);
    }
  });

  it("refuses a file whose name hides its type with a direction override, and keeps nothing", async () => {
    const before = db().select({ n: count() }).from(attachments).get()!.n;
    expect(await refused(LEAD, cybercrime(), "\u202egnp.pdf", pdf())).toMatch(/invisible character that changes the order or direction.*Rename the file/);
    expect(db().select({ n: count() }).from(attachments).get()!.n).toBe(before);
  });

  it("refuses programs, archives and text whatever their names say, and keeps nothing", async () => {
    expect(await refused(LEAD, cybercrime(), "report.pdf", exe)).toMatch(/“report\.pdf” is a program\. The portal accepts PDF, Word \(DOCX\).*Nothing was saved/);
    expect(await refused(LEAD, cybercrime(), "documents.docx", plainZip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toMatch(/ZIP archive/);
    expect(await refused(LEAD, cybercrime(), "notes.pdf", Buffer.from("Just some notes, not a PDF at all.\n"))).toMatch(/type the portal does not recognise/);
  });

  it("refuses a file over 10 MB with a clear message, leaving no row and no file", async () => {
    const big = Buffer.concat([pdf(), Buffer.alloc(10 * 1024 * 1024 + 1 - pdf().length, 0x20)]);
    expect(big.length).toBe(10 * 1024 * 1024 + 1);
    expect(await refused(LEAD, cybercrime(), "scan.pdf", big)).toMatch(/“scan\.pdf” is larger than 10 MB/);
  });

  it("stops reading past what the server lets through, still with a clear message", async () => {
    const huge = Buffer.concat([pdf(), Buffer.alloc(12 * 1024 * 1024, 0x20)]);
    expect(await refused(LEAD, cybercrime(), "huge.pdf", huge)).toMatch(/“huge\.pdf” is larger than 10 MB/);
  });

  it("accepts a file of exactly 10 MB", async () => {
    const full = Buffer.concat([pdf("ten megabytes"), Buffer.alloc(10 * 1024 * 1024 - pdf("ten megabytes").length, 0x20)]);
    expect((await uploadOk(LEAD, cybercrime(), "full.pdf", full)).sizeBytes).toBe(10 * 1024 * 1024);
  });

  it("asks for a file when none was chosen, and refuses an empty one or one already attached", async () => {
    const form = new FormData();
    form.append("intent", "upload");
    form.append("file", new File([], "", { type: "application/octet-stream" }));
    const request = new Request(`${ORIGIN}/proposals/${cybercrime()}/attachments`, { method: "POST", headers: { Cookie: await signInAs(LEAD) }, body: form });
    expect(((await page.action({ request, params: { proposalId: String(cybercrime()) }, context: {} })) as Result).message).toBe("Choose a file to upload.");
    expect(await refused(LEAD, cybercrime(), "empty.pdf", Buffer.alloc(0))).toMatch(/“empty\.pdf” is empty/);
    await attachLetter();
    expect(await refused(LEAD, cybercrime(), "again.pdf", pdf())).toMatch(/already attached, as “Letter of support – Ministry\.pdf”/);
  });

  it("refuses the 11th attachment, and accepts one again after one is removed", async () => {
    const lead = "applicant.al@taf.example";
    for (let i = 1; i <= 10; i++) await uploadOk(lead, stolenVehicles(), `letter ${i}.pdf`, pdf(`letter ${i}`));
    expect(await refused(lead, stolenVehicles(), "letter 11.pdf", pdf("letter 11"))).toMatch(/already has 10 attachments, the most allowed/);
    expect(((await view(lead, stolenVehicles())) as Page).attachments).toHaveLength(10);

    const first = db().select().from(attachments).where(and(eq(attachments.proposalId, stolenVehicles()), isNull(attachments.removedAt))).orderBy(attachments.id).get()!;
    const removed = (await submit(page, `/proposals/${stolenVehicles()}/attachments`, { intent: "remove", attachmentId: String(first.id) }, { cookie: await signInAs(lead), params: { proposalId: String(stolenVehicles()) } })) as Result;
    expect(removed).toMatchObject({ ok: true, message: "“letter 1.pdf” was removed from the proposal." });
    // Soft: the row and the file stay for the versions that listed it, and it can still be downloaded.
    const after = db().select().from(attachments).where(eq(attachments.id, first.id)).get()!;
    expect(after.removedAt).toBeInstanceOf(Date);
    expect(existsSync(join(folder(), after.storedName))).toBe(true);
    expect(statusOf(await get(lead, stolenVehicles(), first.id))).toBe(200);
    const listed = (await view(lead, stolenVehicles())) as Page;
    expect(listed.attachments).toHaveLength(9);
    expect(listed.removed.map((r) => r.name)).toEqual(["letter 1.pdf"]);

    await uploadOk(lead, stolenVehicles(), "letter 11.pdf", pdf("letter 11"));
  });
});

describe("where files are kept", () => {
  it("refuses to start with ATTACHMENTS_PATH inside the folders the web server hands out", () => {
    const environment = (values: Record<string, string>) => ({ NODE_ENV: "test", ...values }) as NodeJS.ProcessEnv;
    expect(() => parseEnv(environment({ ATTACHMENTS_PATH: "public/uploads" }))).toThrow(/ATTACHMENTS_PATH: must not be inside public\/ or build\//);
    expect(() => parseEnv(environment({ ATTACHMENTS_PATH: "build" }))).toThrow(/ATTACHMENTS_PATH/);
    expect(parseEnv(environment({})).ATTACHMENTS_PATH).toBe("data/attachments");
  });
});

describe("who may upload and remove", () => {
  it("refuses a partner (403), and the lead once the proposal is past the draft (403), storing nothing", async () => {
    const target = await attachLetter();
    const rows = rowCount();
    const files = storedFiles();
    expect(statusOf(await upload(PARTNER, cybercrime(), "partner letter.pdf", pdf("partner")))).toBe(403);
    expect(statusOf(await upload("applicant.xk@taf.example", demoProposalId("drugNetworks"), "late.pdf", pdf("late")))).toBe(403);
    const remove = await submit(page, `/proposals/${cybercrime()}/attachments`, { intent: "remove", attachmentId: String(target.id) }, { cookie: await signInAs(PARTNER), params: { proposalId: String(cybercrime()) } });
    expect(statusOf(remove)).toBe(403);
    expect(rowCount()).toBe(rows);
    expect(storedFiles()).toEqual(files);
    expect(db().select().from(attachments).where(eq(attachments.id, target.id)).get()!.removedAt).toBeNull();
  });

  it("refuses anyone who may not see the proposal with 404, and sends a signed-out visitor to sign in", async () => {
    expect(statusOf(await upload(OUTSIDER, cybercrime(), "intruder.pdf", pdf("intruder")))).toBe(404);
    expect(statusOf(await view(OUTSIDER, cybercrime()))).toBe(404);
    const signedOut = (await view(null, cybercrime())) as Response;
    expect(signedOut.headers.get("Location")).toMatch(/^\/login/);
  });

  it("lets partners see the list without the upload form", async () => {
    await attachLetter();
    const listed = (await view(PARTNER, cybercrime())) as Page;
    expect(listed.canEdit).toBe(false);
    expect(listed.attachments.length).toBeGreaterThan(0);
  });

  it("does not remove an attachment of another proposal", async () => {
    const ofStolenVehicles = await uploadOk("applicant.al@taf.example", stolenVehicles(), "alert procedure.pdf", pdf("alert procedure"));
    const result = (await submit(page, `/proposals/${cybercrime()}/attachments`, { intent: "remove", attachmentId: String(ofStolenVehicles.id) }, { cookie: await signInAs(LEAD), params: { proposalId: String(cybercrime()) } })) as Result;
    expect(result).toMatchObject({ ok: false, message: "There is no such attachment on this proposal. Reload the page." });
    expect(db().select().from(attachments).where(eq(attachments.id, ofStolenVehicles.id)).get()!.removedAt).toBeNull();
  });
});

describe("downloading", () => {
  it("sends the file with its checked type, a safe file name and no caching", async () => {
    const row = await attachLetter();
    for (const email of [LEAD, PARTNER, "admin@taf.example"]) {
      const response = await get(email, cybercrime(), row.id);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="Letter of support _ Ministry.pdf"; filename*=UTF-8''Letter%20of%20support%20%E2%80%93%20Ministry.pdf`,
      );
      expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      expect(Buffer.from(await response.arrayBuffer())).toEqual(pdf());
    }
  });

  it("answers 404 to a non-participant, to a reviewer not assigned, and for an attachment of another proposal", async () => {
    const row = await attachLetter();
    expect(statusOf(await get(OUTSIDER, cybercrime(), row.id))).toBe(404);
    expect(statusOf(await get("reviewer.eu@taf.example", cybercrime(), row.id))).toBe(404);
    // applicant.al leads the stolen vehicles draft but asks for the cybercrime draft's file through it.
    expect(statusOf(await get(OUTSIDER, stolenVehicles(), row.id))).toBe(404);
    expect(statusOf(await get(LEAD, cybercrime(), 999999))).toBe(404);
    expect((await get(null, cybercrime(), row.id)).headers.get("Location")).toMatch(/^\/login/);
  });
});
