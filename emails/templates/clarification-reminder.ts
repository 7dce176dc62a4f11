import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";
import { oneLine, paragraphsOf, quoted } from "./typed-text";

/** The lead's reminder, sent by the scheduler once, two days before a clarification request is due. */
export function clarificationReminderEmail(reminder: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  question: string;
  dueAt: Date;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(reminder.title);
  const subject = reminder.reference ? `Answer due soon for ${reminder.reference}: ${title}` : `Answer due soon: ${title}`;
  const proposal = reminder.reference ? `the proposal “${title}” (${reminder.reference})` : `the proposal “${title}”`;
  return {
    subject,
    ...renderEmail({
      appUrl: reminder.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${reminder.recipientName},`,
        `This is a reminder: the TAF team's question about ${proposal} is due for an answer on ${formatBrussels(reminder.dueAt)}.`,
        ...(reminder.question.trim() ? ["The question was:", ...quoted(paragraphsOf(reminder.question))] : []),
        "Until then you can edit the proposal and its partners on the TAF portal and submit it again with your answer.",
        "What happens next: if there is no answer by the due date, the TAF team decides on eligibility with the information it has.",
      ],
      action: { label: "Answer on the TAF portal", url: reminder.proposalUrl },
      footerNote: "If you have already answered, you can ignore this e-mail.",
    }),
  };
}
