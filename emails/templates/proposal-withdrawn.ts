import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

/** The lead institution withdrew a proposal: to the applicants of the lead and partners, and to administrators. */
export function proposalWithdrawnEmail(withdrawal: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  /** Who withdrew it; null when their account is gone, then the lead institution is named. */
  withdrawnByName: string | null;
  withdrawnByInstitution: string;
  reason: string;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(withdrawal.language);
  const title = titleOf(t, withdrawal.title);
  const subject = withdrawal.reference
    ? t("mail.proposalWithdrawn.subjectRef", { reference: withdrawal.reference, title })
    : t("mail.proposalWithdrawn.subject", { title });
  const by = withdrawal.withdrawnByName ?? t("mail.proposalWithdrawn.lead");
  const reason = paragraphsOf(withdrawal.reason);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: withdrawal.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: withdrawal.recipientName }),
        t("mail.proposalWithdrawn.withdrew", { by, institution: withdrawal.withdrawnByInstitution, proposal: titled(t, title, withdrawal.reference) }),
        ...(reason.length > 0 ? [t("mail.reasonGiven"), ...reason] : []),
        t("mail.proposalWithdrawn.means"),
        t("mail.proposalWithdrawn.mistake", { by }),
      ],
      action: { label: t("mail.openProposal"), url: withdrawal.proposalUrl },
    }),
  };
}
