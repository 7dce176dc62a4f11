import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { listIn, titled, titleOf, wordsIn } from "../words";

/** Confirmation to the applicants of the lead and of every partner that a proposal was submitted. */
export function proposalSubmittedEmail(submission: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  /** Whether the recipient works at the lead institution (else at a partner). */
  isLead: boolean;
  /** Whether the recipient is a country advisor of a country taking part (then not an applicant). */
  asAdvisor?: boolean;
  reference: string | null;
  title: string;
  roundTitle: string;
  leadInstitutionName: string;
  /** Country names already labelled for display, e.g. "Kosovo*". */
  countries: string[];
  submittedAt: Date;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(submission.language);
  const title = titleOf(t, submission.title);
  const subject = submission.reference
    ? t("mail.proposalSubmitted.subjectRef", { reference: submission.reference, title })
    : t("mail.proposalSubmitted.subject", { title });
  const facts = {
    lead: submission.leadInstitutionName,
    proposal: titled(t, title, submission.reference),
    round: submission.roundTitle,
    when: formatBrusselsIn(language, submission.submittedAt),
  };
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: submission.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: submission.recipientName }),
        submission.asAdvisor
          ? t("mail.proposalSubmitted.advisor", facts)
          : submission.isLead
            ? t("mail.proposalSubmitted.lead", facts)
            : t("mail.proposalSubmitted.partner", facts),
        ...(submission.countries.length > 0 ? [t("mail.proposalSubmitted.countries", { countries: listIn(language, submission.countries) })] : []),
        t("mail.proposalSubmitted.next"),
      ],
      action: { label: t("mail.openProposal"), url: submission.proposalUrl },
    }),
  };
}
