import type { UploadHandlerPart } from "@remix-run/node";
import { unstable_parseMultipartFormData } from "@remix-run/node";
import { and, eq, isNull } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { fileTypeFromFile } from "file-type";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import { attachments, proposals, users } from "../../db/schema";
import { formatBrussels } from "../../workflows/time";
import { audit } from "../audit.server";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { canOnProposal } from "../permissions.server";
import { participationIn } from "./participation.server";

// Letters of support and supporting documents. A file's type is read from its content (a PNG
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

/** The proposal's heading, its attachments in the order they were added, and those removed. */
export function attachmentsPage(proposalId: number) {
  const proposal = db().select({ reference: proposals.reference, title: proposals.title }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  const rows = attachmentRows(proposalId);
  return {
    proposal,
    attachments: rows.filter((row) => row.removedAt === null),
    removed: rows.filter((row) => row.removedAt !== null),
  };
}

/** The attachments the proposal has now (not those removed), as the submission preview lists them. */
export function currentAttachments(proposalId: number) {
  return attachmentRows(proposalId, isNull(attachments.removedAt));
}

function attachmentRows(proposalId: number, only?: SQL) {
  return db()
    .select({ attachment: attachments, addedBy: users.name })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedByUserId))
    .where(and(eq(attachments.proposalId, proposalId), only))
    .orderBy(attachments.createdAt, attachments.id)
    .all()
    .map(({ attachment, addedBy }) => ({
      id: attachment.id,
      name: attachment.originalName,
      type: typeWords(attachment.mediaType),
      size: sizeInWords(attachment.sizeBytes),
      addedBy,
      addedAt: formatBrussels(attachment.createdAt),
      removedAt: attachment.removedAt ? formatBrussels(attachment.removedAt) : null,
    }));
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
      originalName: cleanName(part.filename),
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
    await unstable_parseMultipartFormData(request, handler);
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
export async function addAttachment(input: { proposalId: number; user: SessionUser; received: ReceivedUpload; ip: string }): Promise<AttachmentOutcome> {
  const { file } = input.received;
  if (input.received.malformed && !file?.tooLarge) return { ok: false, message: "The file did not arrive complete. Choose it again and upload it." };
  if (!file) return { ok: false, message: "Choose a file to upload." };
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
      // Checked again inside the write: the proposal may have been submitted while the file was on its way.
      const participation = participationIn(input.proposalId);
      if (!participation || !canOnProposal(input.user, "editProposal", participation)) return { ok: false, message: EDITING_CLOSED };
      const current = tx
        .select({ id: attachments.id, name: attachments.originalName, sha256: attachments.sha256 })
        .from(attachments)
        .where(and(eq(attachments.proposalId, input.proposalId), isNull(attachments.removedAt)))
        .all();
      const same = current.find((a) => a.sha256 === file.sha256);
      if (same) return { ok: false, message: `This file is already attached, as “${same.name}”. Nothing was saved.` };
      if (current.length >= MAX_ATTACHMENTS) {
        return { ok: false, message: `This proposal already has ${MAX_ATTACHMENTS} attachments, the most allowed. Remove one before adding another. Nothing was saved.` };
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
        })
        .returning({ id: attachments.id })
        .get();
      audit({ actorUserId: input.user.id, action: "attachmentAdded", subjectType: "proposal", subjectId: input.proposalId, detail: { attachmentId: row.id, name: file.originalName, mediaType: accepted.mediaType, sizeBytes: file.sizeBytes }, ip: input.ip }, tx);
      // Last, so that a failed move rolls the row back; a failed commit after it is not expected from SQLite.
      renameSync(file.tempPath, join(folder, storedName));
      return { ok: true, message: `“${file.originalName}” was added (${accepted.words}, ${sizeInWords(file.sizeBytes)}).` };
    },
    { behavior: "immediate" },
  );
}

const EDITING_CLOSED = "The proposal can no longer be changed: it was submitted meanwhile. Nothing was saved. Reload the page.";

/**
 * Takes an attachment off the proposal's list. The file and row stay: the TAF team may have
 * read it with a submitted version, and the versions page lists what was attached at each.
 */
export function removeAttachment(input: { proposalId: number; attachmentId: number; user: SessionUser; ip: string }): AttachmentOutcome {
  return db().transaction(
    (tx): AttachmentOutcome => {
      // Checked again inside the write: the proposal may have been submitted while the file was on its way.
      const participation = participationIn(input.proposalId);
      if (!participation || !canOnProposal(input.user, "editProposal", participation)) return { ok: false, message: EDITING_CLOSED };
      const row = tx
        .select({ name: attachments.originalName, removedAt: attachments.removedAt })
        .from(attachments)
        .where(and(eq(attachments.id, input.attachmentId), eq(attachments.proposalId, input.proposalId)))
        .get();
      if (!row) return { ok: false, message: "There is no such attachment on this proposal. Reload the page." };
      if (row.removedAt) return { ok: false, message: `“${row.name}” was already removed.` };
      tx.update(attachments).set({ removedAt: new Date() }).where(eq(attachments.id, input.attachmentId)).run();
      audit({ actorUserId: input.user.id, action: "attachmentRemoved", subjectType: "proposal", subjectId: input.proposalId, detail: { attachmentId: input.attachmentId, name: row.name }, ip: input.ip }, tx);
      return { ok: true, message: `“${row.name}” was removed from the proposal.` };
    },
    { behavior: "immediate" },
  );
}

/**
 * The stored file of one of this proposal's attachments (removed ones included, see above),
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
