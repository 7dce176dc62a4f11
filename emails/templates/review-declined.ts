import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf, quoted } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

/** To administrators: a reviewer declined an assignment or declared a conflict of interest; the place is free again. */
export function reviewDeclinedEmail(notice: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reviewerName: string;
  how: "declined" | "conflict";
  reason: string;
  reference: string | null;
  title: string;
  deskUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(notice.language);
  const title = titleOf(t, notice.title);
  const words = { reviewer: notice.reviewerName, reference: notice.reference, title, proposal: titled(t, title, notice.reference) };
  const ref = notice.reference !== null;
  const subject =
    notice.how === "declined"
      ? ref ? t("mail.reviewDeclined.declinedSubjectRef", words) : t("mail.reviewDeclined.declinedSubject", words)
      : ref ? t("mail.reviewDeclined.conflictSubjectRef", words) : t("mail.reviewDeclined.conflictSubject", words);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: notice.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: notice.recipientName }),
        notice.how === "declined" ? t("mail.reviewDeclined.declined", words) : t("mail.reviewDeclined.conflict", words),
        ...quoted(paragraphsOf(notice.reason)),
        t("mail.reviewDeclined.free"),
      ],
      action: { label: t("mail.openDesk"), url: notice.deskUrl },
    }),
  };
}
