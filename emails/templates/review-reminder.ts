import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { titled, titleOf, wordsIn } from "../words";

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
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(reminder.language);
  const title = titleOf(t, reminder.title);
  const passed = reminder.dueToday && reminder.duePassed;
  const words = { reference: reminder.reference, title, proposal: titled(t, title, reminder.reference), due: formatBrusselsIn(language, reminder.dueAt) };
  const ref = reminder.reference !== null;
  const subject = passed
    ? ref ? t("mail.reviewReminder.subjectPassedRef", words) : t("mail.reviewReminder.subjectPassed", words)
    : reminder.dueToday
      ? ref ? t("mail.reviewReminder.subjectTodayRef", words) : t("mail.reviewReminder.subjectToday", words)
      : ref ? t("mail.reviewReminder.subjectSoonRef", words) : t("mail.reviewReminder.subjectSoon", words);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: reminder.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: reminder.recipientName }),
        passed ? t("mail.reviewReminder.passed", words) : reminder.dueToday ? t("mail.reviewReminder.today", words) : t("mail.reviewReminder.soon", words),
        passed ? t("mail.reviewReminder.submitSoonest") : t("mail.reviewReminder.submitBefore"),
        t("mail.reviewReminder.next"),
      ],
      action: { label: t("mail.openReview"), url: reminder.reviewUrl },
      footerNote: t("mail.reviewReminder.ignore"),
    }),
  };
}
