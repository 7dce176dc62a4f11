import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";
import { oneLine } from "./typed-text";

/** A reviewer's reminder, sent by the scheduler two days before the review's due date, and on the day. */
export function reviewReminderEmail(reminder: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  dueAt: Date;
  /** The reminder of the due day itself. */
  dueToday?: boolean;
  /** On the due day, its time has passed: the review was due, not is. */
  duePassed?: boolean;
  reviewUrl: string;
}): RenderedEmail {
  const title = oneLine(reminder.title);
  const passed = reminder.dueToday && reminder.duePassed;
  const what = passed ? "Review was due today" : reminder.dueToday ? "Review due today" : "Review reminder";
  const subject = reminder.reference ? `${what} for ${reminder.reference}: ${title}` : `${what}: ${title}`;
  const proposal = reminder.reference ? `the proposal “${title}” (${reminder.reference})` : `the proposal “${title}”`;
  return {
    subject,
    ...renderEmail({
      appUrl: reminder.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${reminder.recipientName},`,
        passed
          ? `Your review of ${proposal} was due today, ${formatBrussels(reminder.dueAt)}.`
          : reminder.dueToday
            ? `Your review of ${proposal} is due today, ${formatBrussels(reminder.dueAt)}.`
            : `This is a friendly reminder: your review of ${proposal} is due on ${formatBrussels(reminder.dueAt)}.`,
        `Please submit your review on the TAF portal ${passed ? "as soon as you can" : "before that time"}. If you have already started, your draft is saved there. If you have a conflict of interest with this proposal, please declare it on the portal instead of scoring.`,
        "What happens next: when enough reviews are in, the TAF team closes the review and decides which proposals are promising.",
      ],
      action: { label: "Open your review", url: reminder.reviewUrl },
      footerNote: "If you have already submitted your review, you can ignore this e-mail.",
    }),
  };
}
