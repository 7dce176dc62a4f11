import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";
import { oneLine } from "./typed-text";

/** To a reviewer the TAF team has just assigned a proposal: what, by when, and the first step. */
export function reviewAssignedEmail(assignment: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  dueAt: Date;
  reviewUrl: string;
}): RenderedEmail {
  const title = oneLine(assignment.title) || "Untitled proposal";
  const subject = assignment.reference ? `Please review ${assignment.reference}: ${title}` : `Please review: ${title}`;
  return {
    subject,
    ...renderEmail({
      appUrl: assignment.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${assignment.recipientName},`,
        `The TAF team has asked you to review the proposal “${title}”${assignment.reference ? ` (${assignment.reference})` : ""}. Your review is due on ${formatBrussels(assignment.dueAt)}.`,
        "First you see only who takes part: please declare whether you have a conflict of interest with any of them. The proposal opens to you once you declare none. Your draft review is saved as you write, and you can decline the assignment with a reason.",
      ],
      action: { label: "Open your review", url: assignment.reviewUrl },
      becauseOf: "you are a reviewer on",
    }),
  };
}
