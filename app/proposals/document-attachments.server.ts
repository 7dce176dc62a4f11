import { eq } from "drizzle-orm";
import { proposals } from "../../db/schema";
import { ATTACHMENT_DOCUMENT_KINDS } from "../../workflows/vocabulary";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { canOnProposal } from "../permissions.server";
import type { AttachedDocument } from "./attachment-schema";
import { attachedDocumentPath } from "./attachment-schema";
import type { AttachmentRow, AttachmentWords } from "./attachments.server";
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

/** What the upload form needs to say and check before a file is sent, in the page's words. */
export function attachmentLimits({ t }: AttachmentWords) {
  return {
    accept: ACCEPT_ATTRIBUTE,
    acceptedInWords: t(ACCEPTED_IN_WORDS),
    maxBytes: MAX_ATTACHMENT_BYTES,
    maxCount: MAX_ATTACHMENTS,
    documentKinds: ATTACHMENT_DOCUMENT_KINDS.map((kind) => ({ id: kind.id, label: t(kind.key) })),
  };
}

/** The concept note's files, for its page (which exists once the proposal reached conceptual work). */
export function conceptNoteAttachments(participation: Participation, user: SessionUser, words: AttachmentWords) {
  const document: AttachedDocument = { purpose: "conceptNote" };
  return {
    proposalId: participation.proposalId,
    path: attachedDocumentPath(participation.proposalId, document),
    files: documentAttachments(participation.proposalId, document, words).attachments,
    canEdit: canOnProposal(user, attachmentPermission(document), participation),
    limits: attachmentLimits(words),
  };
}

/** The files of the completion report and of the page's activities' reports, in two queries. */
export function implementationAttachments(participation: Participation, user: SessionUser, activityIds: number[], words: AttachmentWords) {
  const { proposalId } = participation;
  const section = (document: AttachedDocument, files: AttachmentRow[]) => ({
    proposalId,
    path: attachedDocumentPath(proposalId, document),
    files,
    canEdit: canOnProposal(user, attachmentPermission(document), participation),
    limits: attachmentLimits(words),
  });
  const completion: AttachedDocument = { purpose: "completionReport" };
  const byActivity = activityAttachments(proposalId, activityIds, words);
  return {
    completion: section(completion, documentAttachments(proposalId, completion, words).attachments),
    activities: Object.fromEntries(activityIds.map((activityId) => [activityId, section({ purpose: "activityReport", activityId }, byActivity[activityId] ?? [])])),
  };
}

/**
 * One document's files on a page of their own, with the way back to the document; a 404 for a
 * document the proposal does not have (yet): no concept note before conceptual work, no reports
 * before implementation, no activity of another proposal.
 */
export function documentAttachmentsPage(participation: Participation, user: SessionUser, document: AttachedDocument, words: AttachmentWords) {
  const proposalId = participation.proposalId;
  const heading = documentHeading(proposalId, document, words);
  if (!heading) throw new Response(words.t("attachmentsPage.noSuchDocument"), { status: 404 });
  const proposal = db().select({ reference: proposals.reference, title: proposals.title }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  return {
    id: proposalId,
    reference: proposal.reference,
    title: proposal.title,
    ...heading,
    path: attachedDocumentPath(proposalId, document),
    ...documentAttachments(proposalId, document, words),
    canEdit: canOnProposal(user, attachmentPermission(document), participation),
    limits: attachmentLimits(words),
  };
}

function documentHeading(proposalId: number, document: AttachedDocument, { t }: AttachmentWords) {
  if (document.purpose === "conceptNote") {
    return hasReached(proposalId, "conceptualWork")
      ? { heading: t("conceptNotePage.attachmentsHeading"), back: { to: `/proposals/${proposalId}/concept`, label: t("attachmentsPage.backToConceptNote") } }
      : null;
  }
  if (!hasReached(proposalId, "implementation")) return null;
  const back = { to: `/proposals/${proposalId}/implementation`, label: t("attachmentsPage.backToImplementation") };
  if (document.purpose === "completionReport") return { heading: t("implementationPage.reportAttachments"), back };
  const activity = activityOfProposal(proposalId, document.activityId);
  return activity ? { heading: t("attachmentsPage.activityReportHeading", { title: activity.title || t("implementationPage.activity.untitled") }), back } : null;
}
