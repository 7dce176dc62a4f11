import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { titled, titleOf, wordsIn } from "../words";

/** To administrators: every reviewer holding a place on a proposal has submitted; the review can close. */
export function reviewsCompleteEmail(notice: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  submittedReviews: number;
  deskUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(notice.language);
  const title = titleOf(t, notice.title);
  const subject = notice.reference
    ? t("mail.reviewsComplete.subjectRef", { reference: notice.reference, title })
    : t("mail.reviewsComplete.subject", { title });
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: notice.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: notice.recipientName }),
        t("mail.reviewsComplete.submitted", { count: notice.submittedReviews, proposal: titled(t, title, notice.reference) }),
        t("mail.reviewsComplete.next"),
      ],
      action: { label: t("mail.openDesk"), url: notice.deskUrl },
    }),
  };
}
