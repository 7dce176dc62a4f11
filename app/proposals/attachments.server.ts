import type { UploadHandlerPart } from "@remix-run/node";
import { unstable_parseMultipartFormData } from "@remix-run/node";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import { extname, join, resolve } from "node:path";
import type { Tx } from "../../db/client";
import { activities, attachments, proposals, users } from "../../db/schema";
import type { VersionKind } from "../../db/schema";
import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn, formatNumberIn } from "../../workflows/time";
import type { AttachmentDocumentKind } from "../../workflows/vocabulary";
import { ATTACHMENT_DOCUMENT_KINDS } from "../../workflows/vocabulary";
import { audit } from "../audit.server";
import { acceptableFileName } from "../free-text-schema";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { storageRefusal } from "../storage-faults.server";
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
  pdf: { mediaType: "application/pdf", words: "attachmentsPage.types.pdf", extensions: ["pdf"] },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", words: "attachmentsPage.types.docx", extensions: ["docx"] },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", words: "attachmentsPage.types.xlsx", extensions: ["xlsx"] },
  odt: { mediaType: "application/vnd.oasis.opendocument.text", words: "attachmentsPage.types.odt", extensions: ["odt"] },
  png: { mediaType: "image/png", words: "attachmentsPage.types.png", extensions: ["png"] },
  jpg: { mediaType: "image/jpeg", words: "attachmentsPage.types.jpg", extensions: ["jpg", "jpeg"] },
};

/** The accepted types in a sentence (a catalogue key): "PDF, Word (DOCX), …, PNG or JPEG". */
export const ACCEPTED_IN_WORDS = "attachmentsPage.acceptedInWords";

/** How files are described: in the page's language, on every page that lists them. */
export type AttachmentWords = { t: TFunction; language: PageLanguage };

/** For the file field's `accept`: helps the browser's file picker, decides nothing. */
export const ACCEPT_ATTRIBUTE = Object.values(ACCEPTED_TYPES)
  .flatMap((type) => [...type.extensions.map((ext) => `.${ext}`), type.mediaType])
  .join(",");

// Types people are likely to try, named so the refusal tells them what to do instead.
const REFUSED_TYPE_WORDS: Record<string, string> = {
  cfb: "attachmentsPage.refusedType.cfb",
  zip: "attachmentsPage.refusedType.zip",
  exe: "attachmentsPage.refusedType.exe",
};

function attachmentsFolder() {
  const folder = resolve(env().ATTACHMENTS_PATH);
  mkdirSync(join(folder, ".incoming"), { recursive: true });
  return folder;
}

function typeWords(mediaType: string, { t }: AttachmentWords) {
  const words = Object.values(ACCEPTED_TYPES).find((type) => type.mediaType === mediaType)?.words;
  return words ? t(words) : mediaType;
}

function sizeInWords(bytes: number, { t, language }: AttachmentWords) {
  if (bytes < 1000) return t("attachmentsPage.size.bytes", { size: formatNumberIn(language, bytes) });
  if (bytes < 1000 * 1000) return t("attachmentsPage.size.kB", { size: formatNumberIn(language, Math.round(bytes / 1000)) });
  // To a tenth, with the language's decimal sign: "1.5 MB", "1,5 MB".
  return t("attachmentsPage.size.MB", { size: formatNumberIn(language, Math.round(bytes / 100_000) / 10) });
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

/** What is said of each document's files, whole sentences (catalogue keys): a document's name does not decline the same in every language. */
const LIST_WORDS: Record<VersionKind, { full: string; closed: string; noSuch: string; removed: string }> = {
  proposal: { full: "attachmentsPage.outcome.full.proposal", closed: "attachmentsPage.outcome.closed.proposal", noSuch: "attachmentsPage.outcome.noSuch.proposal", removed: "attachmentsPage.outcome.removed.proposal" },
  conceptNote: { full: "attachmentsPage.outcome.full.conceptNote", closed: "attachmentsPage.outcome.closed.conceptNote", noSuch: "attachmentsPage.outcome.noSuch.conceptNote", removed: "attachmentsPage.outcome.removed.conceptNote" },
  activityReport: { full: "attachmentsPage.outcome.full.activityReport", closed: "attachmentsPage.outcome.closed.report", noSuch: "attachmentsPage.outcome.noSuch.activityReport", removed: "attachmentsPage.outcome.removed.activityReport" },
  completionReport: { full: "attachmentsPage.outcome.full.completionReport", closed: "attachmentsPage.outcome.closed.report", noSuch: "attachmentsPage.outcome.noSuch.completionReport", removed: "attachmentsPage.outcome.removed.completionReport" },
};

function inList(list: AttachmentList) {
  return and(eq(attachments.purpose, list.purpose), list.purpose === "activityReport" ? eq(attachments.activityId, list.activityId) : undefined);
}

function documentKindLabel(kind: AttachmentDocumentKind | null, { t }: AttachmentWords) {
  const found = ATTACHMENT_DOCUMENT_KINDS.find((k) => k.id === kind);
  return found ? t(found.key) : null;
}

/** The proposal's heading, its own attachments in the order they were added, and those removed. */
export function attachmentsPage(proposalId: number, words: AttachmentWords) {
  const proposal = db().select({ reference: proposals.reference, title: proposals.title }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  return { proposal, ...documentAttachments(proposalId, PROPOSAL_LIST, words) };
}

/** A document's attachments now, and those removed (kept for the versions that had them). */
export function documentAttachments(proposalId: number, list: AttachmentList, words: AttachmentWords) {
  const rows = attachmentRows(and(eq(attachments.proposalId, proposalId), inList(list))!, words);
  return {
    attachments: rows.filter((row) => row.removedAt === null),
    removed: rows.filter((row) => row.removedAt !== null),
  };
}

/** The proposal's own attachments now (not those removed), as the submission preview lists them. */
export function currentAttachments(proposalId: number, words: AttachmentWords) {
  return attachmentRows(and(eq(attachments.proposalId, proposalId), inList(PROPOSAL_LIST), isNull(attachments.removedAt))!, words);
}

/** The files of the reports of a page of activities, by activity id, in one query. */
export function activityAttachments(proposalId: number, activityIds: number[], words: AttachmentWords) {
  const byActivity: Record<number, AttachmentRow[]> = Object.fromEntries(activityIds.map((id) => [id, []]));
  if (!activityIds.length) return byActivity;
  const rows = attachmentRows(
    and(eq(attachments.proposalId, proposalId), eq(attachments.purpose, "activityReport"), inArray(attachments.activityId, activityIds), isNull(attachments.removedAt))!,
    words,
  );
  for (const row of rows) byActivity[row.activityId!]?.push(row);
  return byActivity;
}

export type AttachmentRow = ReturnType<typeof attachmentRows>[number];

function attachmentRows(where: SQL, words: AttachmentWords) {
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
      type: typeWords(attachment.mediaType, words),
      documentKind: documentKindLabel(attachment.documentKind, words),
      size: sizeInWords(attachment.sizeBytes, words),
      addedBy,
      addedAt: formatBrusselsIn(words.language, attachment.createdAt),
      removedAt: attachment.removedAt ? formatBrusselsIn(words.language, attachment.removedAt) : null,
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
  /** The refusal (a catalogue key) when the disk had no room for the file; the partial file is gone. */
  storageRefusal: string | null;
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
  const received: ReceivedUpload = { fields: {}, file: null, malformed: false, storageRefusal: null };
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
      received.file = null;
      // No room for the file (ENOSPC): an answer beside the form; anything else is a defect.
      received.storageRefusal = storageRefusal(error);
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
  words: AttachmentWords;
}): Promise<AttachmentOutcome> {
  const { file } = input.received;
  const { t } = input.words;
  if (input.received.storageRefusal) return { ok: false, message: t(input.received.storageRefusal) };
  if (input.received.malformed && !file?.tooLarge) return { ok: false, message: t("attachmentsPage.outcome.incomplete") };
  if (!file) return { ok: false, message: t("attachmentsPage.outcome.chooseFile") };
  if (acceptableFileName(file.originalName) === null) {
    return { ok: false, message: t("attachmentsPage.outcome.invisibleCharacter", { name: file.originalName.replace(/[^\p{L}\p{N}\p{P}\p{Zs}]/gu, "�") }) };
  }
  if (file.tooLarge) return { ok: false, message: t("attachmentsPage.outcome.tooLarge", { name: file.originalName }) };
  if (file.sizeBytes === 0) return { ok: false, message: t("attachmentsPage.outcome.empty", { name: file.originalName }) };

  // Loaded by the first upload, not by every worker at start.
  const { fileTypeFromFile } = await import("file-type");
  const detected = await fileTypeFromFile(file.tempPath);
  const accepted = detected ? ACCEPTED_TYPES[detected.ext] : undefined;
  if (!detected || !accepted) {
    const refused = detected ? REFUSED_TYPE_WORDS[detected.ext] : undefined;
    const what = refused ? t(refused) : detected ? t("attachmentsPage.refusedType.other", { type: detected.ext.toUpperCase() }) : t("attachmentsPage.refusedType.unknown");
    return { ok: false, message: t("attachmentsPage.outcome.wrongType", { name: file.originalName, what, accepted: t(ACCEPTED_IN_WORDS) }) };
  }

  const storedName = `${randomBytes(16).toString("hex")}.${detected.ext}`;
  const now = new Date();
  try {
    return recordAttachment(input, file, accepted, storedName, now);
  } catch (error) {
    return { ok: false, message: t(storageRefusal(error)) };
  }
}

/** The row, its audit and the move into place, in one transaction: a refusal leaves none of them. */
function recordAttachment(
  input: Parameters<typeof addAttachment>[0],
  file: ReceivedFile,
  accepted: (typeof ACCEPTED_TYPES)[string],
  storedName: string,
  now: Date,
): AttachmentOutcome {
  const { t } = input.words;
  const list = input.list ?? PROPOSAL_LIST;
  const folder = attachmentsFolder();
  return db().transaction(
    (tx): AttachmentOutcome => {
      const refusal = listRefusal(tx, input.proposalId, input.user, list);
      if (refusal) return { ok: false, message: t(refusal) };
      const current = tx
        .select({ id: attachments.id, name: attachments.originalName, sha256: attachments.sha256 })
        .from(attachments)
        .where(and(eq(attachments.proposalId, input.proposalId), inList(list), isNull(attachments.removedAt)))
        .all();
      const same = current.find((a) => a.sha256 === file.sha256);
      if (same) return { ok: false, message: t("attachmentsPage.outcome.duplicate", { name: same.name }) };
      if (current.length >= MAX_ATTACHMENTS) return { ok: false, message: t(LIST_WORDS[list.purpose].full, { max: MAX_ATTACHMENTS }) };
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
      return { ok: true, message: t("attachmentsPage.outcome.added", { name: file.originalName, type: t(accepted.words), size: sizeInWords(file.sizeBytes, input.words) }) };
    },
    { behavior: "immediate" },
  );
}

/**
 * Why this person may not change this document's files now (a catalogue key), asked inside the
 * write (the document may have been submitted while the file was on its way); null when they may.
 */
function listRefusal(tx: Tx, proposalId: number, user: SessionUser, list: AttachmentList) {
  const participation = participationIn(proposalId);
  if (!participation || !canOnProposal(user, LIST_PERMISSION[list.purpose], participation)) return LIST_WORDS[list.purpose].closed;
  if (list.purpose === "activityReport" && !activityOfProposal(proposalId, list.activityId, tx)) return "implementationPage.outcome.notInPlan";
  return null;
}

/**
 * Takes an attachment off its document's list. The file and row stay: the TAF team may have
 * read it with a submitted version, and the versions page lists what was attached at each.
 */
export function removeAttachment(input: { proposalId: number; attachmentId: number; user: SessionUser; ip: string; list?: AttachmentList; words: AttachmentWords }): AttachmentOutcome {
  const list = input.list ?? PROPOSAL_LIST;
  const { t } = input.words;
  return db().transaction(
    (tx): AttachmentOutcome => {
      const refusal = listRefusal(tx, input.proposalId, input.user, list);
      if (refusal) return { ok: false, message: t(refusal) };
      const row = tx
        .select({ name: attachments.originalName, removedAt: attachments.removedAt })
        .from(attachments)
        .where(and(eq(attachments.id, input.attachmentId), eq(attachments.proposalId, input.proposalId), inList(list)))
        .get();
      if (!row) return { ok: false, message: t(LIST_WORDS[list.purpose].noSuch) };
      if (row.removedAt) return { ok: false, message: t("attachmentsPage.outcome.alreadyRemoved", { name: row.name }) };
      tx.update(attachments).set({ removedAt: new Date() }).where(eq(attachments.id, input.attachmentId)).run();
      audit({ actorUserId: input.user.id, action: "attachmentRemoved", subjectType: "proposal", subjectId: input.proposalId, detail: { attachmentId: input.attachmentId, name: row.name, purpose: list.purpose }, ip: input.ip }, tx);
      return { ok: true, message: t(LIST_WORDS[list.purpose].removed, { name: row.name }) };
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
