import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { intlLocale } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { titled, titleOf, wordsIn } from "../words";

/** The pieces of work the applicants owe by a deadline. */
export type DueWork = "conceptNote" | "activityReports" | "completionReport";

const WORK_KEYS = {
  conceptNote: "mail.deadlineReminder.work.conceptNote",
  activityReports: "mail.deadlineReminder.work.activityReports",
  completionReport: "mail.deadlineReminder.work.completionReport",
} as const satisfies Record<DueWork, string>;

/** The applicants' reminder of work due on a proposal, sent by the scheduler before the deadline and on the day. */
export function deadlineReminderEmail(reminder: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  /** What is due. */
  work: DueWork;
  dueAt: Date;
  /** The reminder of the due day itself. */
  dueToday?: boolean;
  /** On the due day, its time has passed: the work was due, not is. */
  duePassed?: boolean;
  workUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(reminder.language);
  const title = titleOf(t, reminder.title);
  const passed = reminder.dueToday && reminder.duePassed;
  const work = t(WORK_KEYS[reminder.work]);
  // "Work" opens a sentence, "work" sits inside one.
  const words = {
    work,
    Work: work.charAt(0).toLocaleUpperCase(intlLocale(language)) + work.slice(1),
    reference: reminder.reference,
    title,
    proposal: titled(t, title, reminder.reference),
    due: formatBrusselsIn(language, reminder.dueAt),
  };
  const ref = reminder.reference !== null;
  const subject = passed
    ? ref ? t("mail.deadlineReminder.subjectPassedRef", words) : t("mail.deadlineReminder.subjectPassed", words)
    : reminder.dueToday
      ? ref ? t("mail.deadlineReminder.subjectTodayRef", words) : t("mail.deadlineReminder.subjectToday", words)
      : ref ? t("mail.deadlineReminder.subjectSoonRef", words) : t("mail.deadlineReminder.subjectSoon", words);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: reminder.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: reminder.recipientName }),
        passed
          ? t("mail.deadlineReminder.passed", words)
          : reminder.dueToday
            ? t("mail.deadlineReminder.today", words)
            : t("mail.deadlineReminder.soon", words),
        passed ? t("mail.deadlineReminder.submitSoonest") : t("mail.deadlineReminder.submitBefore"),
      ],
      action: { label: t("mail.deadlineReminder.action"), url: reminder.workUrl },
      footerNote: t("mail.deadlineReminder.ignore"),
    }),
  };
}
