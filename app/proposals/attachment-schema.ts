import { z } from "../zod";
import { ATTACHMENT_DOCUMENT_KIND_IDS } from "../../workflows/vocabulary";

// The upload form is multipart (its file is read by receiveUpload, never held in memory);
// the remove buttons post ordinary forms.
export const attachmentForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("upload") }),
  z.object({ intent: z.literal("remove"), attachmentId: z.coerce.number().int().positive() }),
]);

// A file of the concept note or a report says what it is (agenda, list of participants...).
export const reportAttachmentForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("upload"),
    documentKind: z.enum(ATTACHMENT_DOCUMENT_KIND_IDS, { error: "attachmentsPage.chooseDocumentKind" }),
  }),
  z.object({ intent: z.literal("remove"), attachmentId: z.coerce.number().int().positive() }),
]);

/** The document a list of files belongs to, besides the proposal's own. */
export type AttachedDocument = { purpose: "conceptNote" } | { purpose: "completionReport" } | { purpose: "activityReport"; activityId: number };

/** The `$document` of /proposals/:id/:document/attachments: "concept", "completion-report" or "activity-12". */
export const attachedDocumentParam = z.string().transform((value, context): AttachedDocument => {
  if (value === "concept") return { purpose: "conceptNote" };
  if (value === "completion-report") return { purpose: "completionReport" };
  const activity = /^activity-([1-9]\d{0,9})$/.exec(value);
  if (activity) return { purpose: "activityReport", activityId: Number(activity[1]) };
  context.addIssue({ code: "custom", message: "No such document" });
  return z.NEVER;
});

/** Where a document's files are listed and sent: the path ends in /attachments, as server.ts lets uploads through only there. */
export function attachedDocumentPath(proposalId: number, document: AttachedDocument) {
  const segment = document.purpose === "conceptNote" ? "concept" : document.purpose === "completionReport" ? "completion-report" : `activity-${document.activityId}`;
  return `/proposals/${proposalId}/${segment}/attachments`;
}
