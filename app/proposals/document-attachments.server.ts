import { eq } from "drizzle-orm";
import { proposals } from "../../db/schema";
import { ATTACHMENT_DOCUMENT_KINDS } from "../../workflows/vocabulary";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { canOnProposal } from "../permissions.server";
import type { AttachedDocument } from "./attachment-schema";
import { attachedDocumentPath } from "./attachment-schema";
import type { AttachmentRow } from "./attachments.server";
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_IN_WORDS,
  activityAttachments,
  activityOfProposal,
  attachmentPermission,
  documentAttachments,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
} from "./attachments.server";
import { hasReached } from "./concept-note.server";
import type { Participation } from "./participation.server";

// The files of the concept note and of the reports (agendas, lists of participants, minutes),
// as the concept note and implementation pages show them beside the document, and as their own
// page (/proposals/:id/:document/attachments) shows them to whoever posts a form without JavaScript.

/** What the upload form needs to say and check before a file is sent. */
export function attachmentLimits() {
  return { accept: ACCEPT_ATTRIBUTE, acceptedInWords: ACCEPTED_IN_WORDS, maxBytes: MAX_ATTACHMENT_BYTES, maxCount: MAX_ATTACHMENTS, documentKinds: ATTACHMENT_DOCUMENT_KINDS };
}

/** The concept note's files, for its page (which exists once the proposal reached conceptual work). */
export function conceptNoteAttachments(participation: Participation, user: SessionUser) {
  const document: AttachedDocument = { purpose: "conceptNote" };
  return {
    proposalId: participation.proposalId,
    path: attachedDocumentPath(participation.proposalId, document),
    files: documentAttachments(participation.proposalId, document).attachments,
    canEdit: canOnProposal(user, attachmentPermission(document), participation),
    limits: attachmentLimits(),
  };
}

/** The files of the completion report and of the page's activities' reports, in two queries. */
export function implementationAttachments(participation: Participation, user: SessionUser, activityIds: number[]) {
  const { proposalId } = participation;
  const section = (document: AttachedDocument, files: AttachmentRow[]) => ({
    proposalId,
    path: attachedDocumentPath(proposalId, document),
    files,
    canEdit: canOnProposal(user, attachmentPermission(document), participation),
    limits: attachmentLimits(),
  });
  const completion: AttachedDocument = { purpose: "completionReport" };
  const byActivity = activityAttachments(proposalId, activityIds);
  return {
    completion: section(completion, documentAttachments(proposalId, completion).attachments),
    activities: Object.fromEntries(activityIds.map((activityId) => [activityId, section({ purpose: "activityReport", activityId }, byActivity[activityId] ?? [])])),
  };
}

/**
 * One document's files on a page of their own, with the way back to the document; a 404 for a
 * document the proposal does not have (yet): no concept note before conceptual work, no reports
 * before implementation, no activity of another proposal.
 */
export function documentAttachmentsPage(participation: Participation, user: SessionUser, document: AttachedDocument) {
  const proposalId = participation.proposalId;
  const heading = documentHeading(proposalId, document);
  if (!heading) throw new Response("This proposal has no such document.", { status: 404 });
  const proposal = db().select({ reference: proposals.reference, title: proposals.title }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  return {
    id: proposalId,
    reference: proposal.reference,
    title: proposal.title,
    ...heading,
    path: attachedDocumentPath(proposalId, document),
    ...documentAttachments(proposalId, document),
    canEdit: canOnProposal(user, attachmentPermission(document), participation),
    limits: attachmentLimits(),
  };
}

function documentHeading(proposalId: number, document: AttachedDocument) {
  if (document.purpose === "conceptNote") {
    return hasReached(proposalId, "conceptualWork") ? { heading: "Attachments of the concept note", back: { to: `/proposals/${proposalId}/concept`, label: "Back to the concept note" } } : null;
  }
  if (!hasReached(proposalId, "implementation")) return null;
  const back = { to: `/proposals/${proposalId}/implementation`, label: "Back to implementation" };
  if (document.purpose === "completionReport") return { heading: "Attachments of the completion report", back };
  const activity = activityOfProposal(proposalId, document.activityId);
  return activity ? { heading: `Attachments of the report on “${activity.title || "Untitled activity"}”`, back } : null;
}
