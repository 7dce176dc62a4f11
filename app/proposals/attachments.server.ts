import type { UploadHandlerPart } from "@remix-run/node";
import { unstable_parseMultipartFormData } from "@remix-run/node";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { fileTypeFromFile } from "file-type";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import type { Tx } from "../../db/client";
import { activities, attachments, proposals, users } from "../../db/schema";
import type { VersionKind } from "../../db/schema";
import { formatBrussels } from "../../workflows/time";
import type { AttachmentDocumentKind } from "../../workflows/vocabulary";
import { ATTACHMENT_DOCUMENT_KINDS } from "../../workflows/vocabulary";
import { audit } from "../audit.server";
import { acceptableFileName } from "../free-text-schema";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { env } from "../env.server";
import type { ProposalPermission } from "../permissions.server";
import { canOnProposal } from "../permissions.server";
import type { AttachedDocument } from "./attachment-schema";
import { participationIn } from "./participation.server";
import { fileNameAsChosen, withEscapedFileNames } from "./upload-names.server";

// Letters of support and supporting documents of the proposal, and the agendas, lists of
// participants and minutes of its concept note and reports: each file belongs to one document
// (its `purpose`, named as the kind of version that freezes it). A file's type is read from its content (a PNG
// named "letter.pdf" is a PNG); it is stored under a random name outside the web root, and
// nothing is kept of a refused upload: it is written to a temporary name and moved into place
// only in the transaction that records it.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 10;
// server.ts lets multipart posts to /attachments carry this much; past it nothing more is read.
const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;
const MAX_FIELD_CHARS = 1000;
// A temporary file older than this belongs to an upload that was cut off (e.g. a restart).
const ABANDONED_AFTER_MS = 60 * 60 * 1000;

/** The accepted types, keyed by the extension file-type gives the content it recognises. */
const ACCEPTED_TYPES: Record<string, { mediaType: string; words: string; extensions: string[] }> = {
  pdf: { mediaType: "application/pdf", words: "PDF document", extensions: ["pdf"] },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", words: "Word document (DOCX)", extensions: ["docx"] },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", words: "Excel workbook (XLSX)", extensions: ["xlsx"] },
  odt: { mediaType: "application/vnd.oasis.opendocument.text", words: "OpenDocument text (ODT)", extensions: ["odt"] },
  png: { mediaType: "image/png", words: "PNG image", extensions: ["png"] },
  jpg: { mediaType: "image/jpeg", words: "JPEG image", extensions: ["jpg", "jpeg"] },
};

export const ACCEPTED_IN_WORDS = "PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG or JPEG";

/** For the file field's `accept`: helps the browser's file picker, decides nothing. */
export const ACCEPT_ATTRIBUTE = Object.values(ACCEPTED_TYPES)
  .flatMap((type) => [...type.extensions.map((ext) => `.${ext}`), type.mediaType])
  .join(",");

// Types people are likely to try, named so the refusal tells them what to do instead.
const REFUSED_TYPE_WORDS: Record<string, string> = {
  cfb: "an older Microsoft Office file (DOC or XLS): save it as DOCX, XLSX or PDF and upload that",
  zip: "a ZIP archive: upload the documents inside it one by one",
  exe: "a program",
};

function attachmentsFolder() {
  const folder = resolve(env().ATTACHMENTS_PATH);
  mkdirSync(join(folder, ".incoming"), { recursive: true });
  return folder;
}

function typeWords(mediaType: string) {
  return Object.values(ACCEPTED_TYPES).find((type) => type.mediaType === mediaType)?.words ?? mediaType;
}

function sizeInWords(bytes: number) {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1000 * 1000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / (1000 * 1000)).toFixed(1)} MB`;
}

function cleanName(name: string) {
  // Control characters would break headers and listings; the name is shown and offered back, never used as a path.
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return cleaned.slice(0, 200) || "attachment";
}

/** The document a file belongs to: the proposal itself, or one of those written after it. */
export type AttachmentList = { purpose: "proposal" } | AttachedDocument;
const PROPOSAL_LIST: AttachmentList = { purpose: "proposal" };

/** Who adds and removes a document's files, and when: whoever may write that document, while they may. */
const LIST_PERMISSION: Record<VersionKind, ProposalPermission> = {
  proposal: "editProposal",
  conceptNote: "editConceptNote",
  activityReport: "reportImplementation",
  completionReport: "reportImplementation",
};

export function attachmentPermission(list: AttachmentList): ProposalPermission {
  return LIST_PERMISSION[list.purpose];
}

const LIST_WORDS: Record<VersionKind, { document: string; the: string; closed: string }> = {
  proposal: { document: "This proposal", the: "the proposal", closed: "The proposal can no longer be changed: it was submitted meanwhile. Nothing was saved. Reload the page." },
  conceptNote: { document: "The concept note", the: "the concept note", closed: "The concept note can no longer be changed: it was submitted meanwhile. Nothing was saved. Reload the page." },
  activityReport: { document: "This activity’s report", the: "the activity’s report", closed: "Reporting has closed meanwhile: the proposal moved on. Nothing was saved. Reload the page." },
  completionReport: { document: "The completion report", the: "the completion report", closed: "Reporting has closed meanwhile: the proposal moved on. Nothing was saved. Reload the page." },
};

function inList(list: AttachmentList) {
  return and(eq(attachments.purpose, list.purpose), list.purpose === "activityReport" ? eq(attachments.activityId, list.activityId) : undefined);
}

function documentKindLabel(kind: AttachmentDocumentKind | null) {
  return ATTACHMENT_DOCUMENT_KINDS.find((k) => k.id === kind)?.label ?? null;
}

/** The proposal's heading, its own attachments in the order they were added, and those removed. */
export function attachmentsPage(proposalId: number) {
  const proposal = db().select({ reference: proposals.reference, title: proposals.title }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  return { proposal, ...documentAttachments(proposalId, PROPOSAL_LIST) };
}

/** A document's attachments now, and those removed (kept for the versions that had them). */
export function documentAttachments(proposalId: number, list: AttachmentList) {
  const rows = attachmentRows(and(eq(attachments.proposalId, proposalId), inList(list))!);
  return {
    attachments: rows.filter((row) => row.removedAt === null),
    removed: rows.filter((row) => row.removedAt !== null),
  };
}

/** The proposal's own attachments now (not those removed), as the submission preview lists them. */
export function currentAttachments(proposalId: number) {
  return attachmentRows(and(eq(attachments.proposalId, proposalId), inList(PROPOSAL_LIST), isNull(attachments.removedAt))!);
}

/** The files of the reports of a page of activities, by activity id, in one query. */
export function activityAttachments(proposalId: number, activityIds: number[]) {
  const byActivity: Record<number, AttachmentRow[]> = Object.fromEntries(activityIds.map((id) => [id, []]));
  if (!activityIds.length) return byActivity;
  const rows = attachmentRows(
    and(eq(attachments.proposalId, proposalId), eq(attachments.purpose, "activityReport"), inArray(attachments.activityId, activityIds), isNull(attachments.removedAt))!,
  );
  for (const row of rows) byActivity[row.activityId!]?.push(row);
  return byActivity;
}

export type AttachmentRow = ReturnType<typeof attachmentRows>[number];

function attachmentRows(where: SQL) {
  return db()
    .select({ attachment: attachments, addedBy: users.name })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedByUserId))
    .where(where)
    .orderBy(attachments.createdAt, attachments.id)
    .all()
    .map(({ attachment, addedBy }) => ({
      id: attachment.id,
      activityId: attachment.activityId,
      name: attachment.originalName,
      type: typeWords(attachment.mediaType),
      documentKind: documentKindLabel(attachment.documentKind),
      size: sizeInWords(attachment.sizeBytes),
      addedBy,
      addedAt: formatBrussels(attachment.createdAt),
      removedAt: attachment.removedAt ? formatBrussels(attachment.removedAt) : null,
    }));
}

/** The activity of this proposal a report's files are for; undefined for another proposal's or none. */
export function activityOfProposal(proposalId: number, activityId: number, tx: Tx = db()) {
  return tx
    .select({ id: activities.id, key: activities.key, title: activities.title })
    .from(activities)
    .where(and(eq(activities.id, activityId), eq(activities.proposalId, proposalId)))
    .get();
}

type ReceivedFile = { originalName: string; tempPath: string; sizeBytes: number; sha256: string; tooLarge: boolean };

export type ReceivedUpload = {
  /** The form's other fields, as text. */
  fields: Record<string, string>;
  /** The file chosen in the field named "file"; null when none was chosen. */
  file: ReceivedFile | null;
  /** Set when the body was not a readable multipart form. */
  malformed: boolean;
};

class UploadTooLarge extends Error {}

/**
 * Reads a multipart form, writing the part named "file" to a temporary file while counting and
 * hashing it. Past 10 MB the temporary file is dropped and the rest is read and thrown away, so
 * the browser receives the answer; past what server.ts lets through, reading stops.
 * The caller must pass the result to `discardUpload` once done with it.
 */
export async function receiveUpload(request: Request): Promise<ReceivedUpload> {
  const incoming = join(attachmentsFolder(), ".incoming");
  sweepAbandoned(incoming);
  const received: ReceivedUpload = { fields: {}, file: null, malformed: false };
  let total = 0;
  const countBytes = (chunk: Uint8Array) => {
    total += chunk.byteLength;
    if (total > MAX_UPLOAD_BYTES) throw new UploadTooLarge();
  };

  async function handler(part: UploadHandlerPart) {
    if (part.filename === undefined) {
      let text = "";
      for await (const chunk of part.data) {
        countBytes(chunk);
        text += Buffer.from(chunk).toString("utf8");
      }
      received.fields[part.name] = text.slice(0, MAX_FIELD_CHARS);
      return undefined;
    }
    // A file field left empty arrives as a part with an empty file name and no content.
    if (part.name !== "file" || part.filename === "" || received.file !== null) {
      for await (const chunk of part.data) countBytes(chunk);
      return undefined;
    }
    const file: ReceivedFile = {
      originalName: cleanName(fileNameAsChosen(part.filename)),
      tempPath: join(incoming, `${randomBytes(16).toString("hex")}.part`),
      sizeBytes: 0,
      sha256: "",
      tooLarge: false,
    };
    received.file = file;
    const hash = createHash("sha256");
    const handle = await open(file.tempPath, "wx", 0o600);
    try {
      for await (const chunk of part.data) {
        countBytes(chunk);
        file.sizeBytes += chunk.byteLength;
        if (file.sizeBytes > MAX_ATTACHMENT_BYTES) {
          file.tooLarge = true;
          continue;
        }
        hash.update(chunk);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    if (file.tooLarge) await rm(file.tempPath, { force: true });
    file.sha256 = hash.digest("hex");
    return undefined;
  }

  try {
    await unstable_parseMultipartFormData(withEscapedFileNames(request), handler);
  } catch (error) {
    if (error instanceof UploadTooLarge) {
      if (received.file) received.file.tooLarge = true;
      else received.malformed = true;
    } else if (error instanceof TypeError) {
      // "Could not parse content as FormData": not multipart, or no boundary.
      received.malformed = true;
    } else {
      await discardUpload(received);
      throw error;
    }
  }
  return received;
}

/** Removes the temporary file of an upload that was not (or was already) moved into place. */
export async function discardUpload(received: ReceivedUpload) {
  if (received.file) await rm(received.file.tempPath, { force: true });
}

function sweepAbandoned(incoming: string) {
  const cutoff = Date.now() - ABANDONED_AFTER_MS;
  for (const name of readdirSync(incoming)) {
    const path = join(incoming, name);
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // Another upload's cleanup removed it meanwhile.
    }
  }
}

export type AttachmentOutcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * Checks an uploaded file (chosen, size, type by content, not already attached, room left) and,
 * if all is well, records it and moves it into place in one transaction: a refused file leaves
 * neither a row nor a file behind.
 */
export async function addAttachment(input: {
  proposalId: number;
  user: SessionUser;
  received: ReceivedUpload;
  ip: string;
  list?: AttachmentList;
  documentKind?: AttachmentDocumentKind;
}): Promise<AttachmentOutcome> {
  const { file } = input.received;
  const list = input.list ?? PROPOSAL_LIST;
  if (input.received.malformed && !file?.tooLarge) return { ok: false, message: "The file did not arrive complete. Choose it again and upload it." };
  if (!file) return { ok: false, message: "Choose a file to upload." };
  if (acceptableFileName(file.originalName) === null) {
    return { ok: false, message: `The name of this file contains an invisible character that changes the order or direction of its letters, so it would not read as it is: “${file.originalName.replace(/[^\p{L}\p{N}\p{P}\p{Zs}]/gu, "�")}”. Rename the file and upload it again. Nothing was saved.` };
  }
  if (file.tooLarge) {
    return { ok: false, message: `“${file.originalName}” is larger than 10 MB, the most a file may be. Make it smaller (for example, scan it at a lower resolution or split it in parts) and upload it again. Nothing was saved.` };
  }
  if (file.sizeBytes === 0) return { ok: false, message: `“${file.originalName}” is empty. Choose the file again.` };

  const detected = await fileTypeFromFile(file.tempPath);
  const accepted = detected ? ACCEPTED_TYPES[detected.ext] : undefined;
  if (!detected || !accepted) {
    const what = detected ? (REFUSED_TYPE_WORDS[detected.ext] ?? `a ${detected.ext.toUpperCase()} file`) : "of a type the portal does not recognise";
    return { ok: false, message: `“${file.originalName}” is ${what}. The portal accepts ${ACCEPTED_IN_WORDS} files only. Nothing was saved.` };
  }

  const folder = attachmentsFolder();
  const storedName = `${randomBytes(16).toString("hex")}.${detected.ext}`;
  const now = new Date();
  return db().transaction(
    (tx): AttachmentOutcome => {
      const refusal = listRefusal(tx, input.proposalId, input.user, list);
      if (refusal) return { ok: false, message: refusal };
      const current = tx
        .select({ id: attachments.id, name: attachments.originalName, sha256: attachments.sha256 })
        .from(attachments)
        .where(and(eq(attachments.proposalId, input.proposalId), inList(list), isNull(attachments.removedAt)))
        .all();
      const same = current.find((a) => a.sha256 === file.sha256);
      if (same) return { ok: false, message: `This file is already attached, as “${same.name}”. Nothing was saved.` };
      if (current.length >= MAX_ATTACHMENTS) {
        return {
          ok: false,
          message: `${LIST_WORDS[list.purpose].document} already has ${MAX_ATTACHMENTS} attachments, the most allowed. Remove one before adding another. Nothing was saved.`,
        };
      }
      const row = tx
        .insert(attachments)
        .values({
          proposalId: input.proposalId,
          uploadedByUserId: input.user.id,
          originalName: file.originalName,
          storedName,
          mediaType: accepted.mediaType,
          sizeBytes: file.sizeBytes,
          sha256: file.sha256,
          createdAt: now,
          purpose: list.purpose,
          activityId: list.purpose === "activityReport" ? list.activityId : null,
          documentKind: list.purpose === "proposal" ? null : (input.documentKind ?? "other"),
        })
        .returning({ id: attachments.id })
        .get();
      audit({ actorUserId: input.user.id, action: "attachmentAdded", subjectType: "proposal", subjectId: input.proposalId, detail: { attachmentId: row.id, name: file.originalName, mediaType: accepted.mediaType, sizeBytes: file.sizeBytes, purpose: list.purpose }, ip: input.ip }, tx);
      // Last, so that a failed move rolls the row back; a failed commit after it is not expected from SQLite.
      renameSync(file.tempPath, join(folder, storedName));
      return { ok: true, message: `“${file.originalName}” was added (${accepted.words}, ${sizeInWords(file.sizeBytes)}).` };
    },
    { behavior: "immediate" },
  );
}

/**
 * Why this person may not change this document's files now, asked inside the write (the
 * document may have been submitted while the file was on its way); null when they may.
 */
function listRefusal(tx: Tx, proposalId: number, user: SessionUser, list: AttachmentList) {
  const participation = participationIn(proposalId);
  if (!participation || !canOnProposal(user, LIST_PERMISSION[list.purpose], participation)) return LIST_WORDS[list.purpose].closed;
  if (list.purpose === "activityReport" && !activityOfProposal(proposalId, list.activityId, tx)) return "This activity is not in the plan of this proposal. Reload the page.";
  return null;
}

/**
 * Takes an attachment off its document's list. The file and row stay: the TAF team may have
 * read it with a submitted version, and the versions page lists what was attached at each.
 */
export function removeAttachment(input: { proposalId: number; attachmentId: number; user: SessionUser; ip: string; list?: AttachmentList }): AttachmentOutcome {
  const list = input.list ?? PROPOSAL_LIST;
  return db().transaction(
    (tx): AttachmentOutcome => {
      const refusal = listRefusal(tx, input.proposalId, input.user, list);
      if (refusal) return { ok: false, message: refusal };
      const row = tx
        .select({ name: attachments.originalName, removedAt: attachments.removedAt })
        .from(attachments)
        .where(and(eq(attachments.id, input.attachmentId), eq(attachments.proposalId, input.proposalId), inList(list)))
        .get();
      if (!row) return { ok: false, message: `There is no such attachment on ${list.purpose === "proposal" ? "this proposal" : LIST_WORDS[list.purpose].the}. Reload the page.` };
      if (row.removedAt) return { ok: false, message: `“${row.name}” was already removed.` };
      tx.update(attachments).set({ removedAt: new Date() }).where(eq(attachments.id, input.attachmentId)).run();
      audit({ actorUserId: input.user.id, action: "attachmentRemoved", subjectType: "proposal", subjectId: input.proposalId, detail: { attachmentId: input.attachmentId, name: row.name, purpose: list.purpose }, ip: input.ip }, tx);
      return { ok: true, message: `“${row.name}” was removed from ${LIST_WORDS[list.purpose].the}.` };
    },
    { behavior: "immediate" },
  );
}

/**
 * The stored file of one of this proposal's attachments, of any of its documents (removed ones
 * included, see above): whoever sees the proposal reads all its documents, so its files too,
 * with the name to offer it under: the original name, with the extension of its real type
 * added when the name says otherwise, so that the computer opens it with the right program.
 */
export function attachmentFile(proposalId: number, attachmentId: number) {
  const row = db()
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.proposalId, proposalId)))
    .get();
  if (!row) return null;
  const type = Object.values(ACCEPTED_TYPES).find((t) => t.mediaType === row.mediaType);
  const extension = extname(row.originalName).slice(1).toLowerCase();
  const downloadName = type && !type.extensions.includes(extension) ? `${row.originalName}.${type.extensions[0]}` : row.originalName;
  return { path: join(attachmentsFolder(), row.storedName), mediaType: row.mediaType, sizeBytes: row.sizeBytes, downloadName };
}
