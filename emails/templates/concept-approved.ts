import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { titled, titleOf, wordsIn } from "../words";

/** The TAF team approved the concept: the proposal moves towards implementation. */
export function conceptApprovedEmail(approval: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(approval.language);
  const title = titleOf(t, approval.title);
  const subject = approval.reference
    ? t("mail.conceptApproved.subjectRef", { reference: approval.reference, title })
    : t("mail.conceptApproved.subject", { title });
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: approval.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: approval.recipientName }),
        t("mail.conceptApproved.approved", { proposal: titled(t, title, approval.reference) }),
        t("mail.conceptApproved.next"),
      ],
      action: { label: t("mail.openProposal"), url: approval.proposalUrl },
    }),
  };
}
