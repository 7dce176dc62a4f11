import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine } from "./typed-text";

/** The TAF team approved the concept: the proposal moves towards implementation. */
export function conceptApprovedEmail(approval: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(approval.title);
  const subject = approval.reference ? `Concept approved for ${approval.reference}: ${title}` : `Concept approved: ${title}`;
  const proposal = approval.reference ? `the proposal “${title}” (${approval.reference})` : `the proposal “${title}”`;
  return {
    subject,
    ...renderEmail({
      appUrl: approval.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${approval.recipientName},`,
        `Good news: the TAF team approved the concept of ${proposal}. Thank you for your work on it.`,
        "What happens next: the project team prepares the implementation and will contact you to agree when the activities can start. You do not need to do anything now. We will write to you when implementation starts.",
      ],
      action: { label: "Open the proposal", url: approval.proposalUrl },
    }),
  };
}
