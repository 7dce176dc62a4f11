import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { paragraphsOf, quoted } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

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
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(reminder.language);
  const title = titleOf(t, reminder.title);
  const subject = reminder.reference
    ? t("mail.clarificationReminder.subjectRef", { reference: reminder.reference, title })
    : t("mail.clarificationReminder.subject", { title });
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: reminder.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: reminder.recipientName }),
        t("mail.clarificationReminder.due", { proposal: titled(t, title, reminder.reference), due: formatBrusselsIn(language, reminder.dueAt) }),
        ...(reminder.question.trim() ? [t("mail.clarificationReminder.question"), ...quoted(paragraphsOf(reminder.question))] : []),
        t("mail.clarificationReminder.meanwhile"),
        t("mail.clarificationReminder.next"),
      ],
      action: { label: t("mail.answerAction"), url: reminder.proposalUrl },
      footerNote: t("mail.clarificationReminder.ignore"),
    }),
  };
}
