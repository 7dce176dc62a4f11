import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";
import { oneLine } from "./typed-text";

/** The applicants' reminder of work due on a proposal, sent by the scheduler before the deadline and on the day. */
export function deadlineReminderEmail(reminder: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  /** What is due, in words: "the concept note". */
  work: string;
  dueAt: Date;
  /** The reminder of the due day itself. */
  dueToday?: boolean;
  /** On the due day, its time has passed: the work was due, not is. */
  duePassed?: boolean;
  workUrl: string;
}): RenderedEmail {
  const title = oneLine(reminder.title);
  const passed = reminder.dueToday && reminder.duePassed;
  const work = reminder.work.charAt(0).toUpperCase() + reminder.work.slice(1);
  const what = passed ? `${work} was due today` : reminder.dueToday ? `${work} due today` : `Reminder: ${reminder.work} due`;
  const subject = reminder.reference ? `${what} for ${reminder.reference}: ${title}` : `${what}: ${title}`;
  const proposal = reminder.reference ? `the proposal “${title}” (${reminder.reference})` : `the proposal “${title}”`;
  const due = formatBrussels(reminder.dueAt);
  return {
    subject,
    ...renderEmail({
      appUrl: reminder.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${reminder.recipientName},`,
        passed
          ? `${work} of ${proposal} was due today, ${due}.`
          : reminder.dueToday
            ? `${work} of ${proposal} is due today, ${due}.`
            : `This is a friendly reminder: ${reminder.work} of ${proposal} is due on ${due}.`,
        `The lead institution submits it on the TAF portal${passed ? " as soon as it can" : " before that time"}; what is written so far is saved there. If you need more time, please write to the TAF team before the deadline: it can move the date for your proposal.`,
      ],
      action: { label: "Open the work on the portal", url: reminder.workUrl },
      footerNote: "If it has already been submitted, you can ignore this e-mail.",
    }),
  };
}
