import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf } from "./typed-text";

/** The result of the EU review, to the proposal's applicants: promising (selected) or not selected. */
export function selectionOutcomeEmail(outcome: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  promising: boolean;
  /** Feedback from the review that the TAF team chose to share; may be empty. */
  sharedFeedback: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(outcome.title);
  const subject = outcome.promising
    ? `${outcome.reference ?? "Your proposal"} is selected: ${title}`
    : `Result of the EU review${outcome.reference ? ` for ${outcome.reference}` : ""}: ${title}`;
  const proposal = outcome.reference ? `the proposal “${title}” (${outcome.reference})` : `the proposal “${title}”`;
  const feedback = paragraphsOf(outcome.sharedFeedback);
  const feedbackParagraphs = feedback.length > 0 ? ["Feedback from the review, shared by the TAF team:", ...feedback] : [];
  return {
    subject,
    ...renderEmail({
      appUrl: outcome.appUrl,
      heading: subject,
      paragraphs: outcome.promising
        ? [
            `Dear ${outcome.recipientName},`,
            `Good news: EU representatives and the project's experts reviewed ${proposal} and found it promising. It is selected for support.`,
            ...feedbackParagraphs,
            "What happens next: conceptual work starts. Together with the project team, you turn your idea into a concept: the activities, the partners, the budget and the timing. The project team will contact you to plan the first steps. When the concept is ready, you submit it on the TAF portal and the TAF team approves it.",
          ]
        : [
            `Dear ${outcome.recipientName},`,
            `Thank you for ${proposal}. EU representatives and the project's experts reviewed it carefully. We are sorry to tell you that it was not selected in this round.`,
            ...feedbackParagraphs,
            "We hope this helps you with future ideas, and we would be glad to receive a proposal from you again in a later round. If you have questions, please contact the TAF team.",
          ],
      action: { label: "Open the proposal", url: outcome.proposalUrl },
    }),
  };
}
