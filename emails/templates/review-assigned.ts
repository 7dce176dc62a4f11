import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { titled, titleOf, wordsIn } from "../words";

/** To a reviewer the TAF team has just assigned a proposal: what, by when, and the first step. */
export function reviewAssignedEmail(assignment: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  dueAt: Date;
  reviewUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(assignment.language);
  const title = titleOf(t, assignment.title);
  const subject = assignment.reference
    ? t("mail.reviewAssigned.subjectRef", { reference: assignment.reference, title })
    : t("mail.reviewAssigned.subject", { title });
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: assignment.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: assignment.recipientName }),
        t("mail.reviewAssigned.asked", { proposal: titled(t, title, assignment.reference), due: formatBrusselsIn(language, assignment.dueAt) }),
        t("mail.reviewAssigned.first"),
      ],
      action: { label: t("mail.openReview"), url: assignment.reviewUrl },
      becauseOf: t("mail.reviewAssigned.because"),
    }),
  };
}
