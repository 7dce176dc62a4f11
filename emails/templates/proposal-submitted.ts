import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";
import { listInWords } from "../../workflows/eligibility";
import { oneLine } from "./typed-text";

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
}): RenderedEmail {
  const title = oneLine(submission.title);
  const subject = submission.reference ? `${submission.reference} received: ${title}` : `Proposal received: ${title}`;
  const proposal = submission.reference ? `the proposal “${title}” (${submission.reference})` : `the proposal “${title}”`;
  const when = formatBrussels(submission.submittedAt);
  return {
    subject,
    ...renderEmail({
      appUrl: submission.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${submission.recipientName},`,
        submission.asAdvisor
          ? `${submission.leadInstitutionName} submitted ${proposal} to the round “${submission.roundTitle}” on ${when}. You receive this as the country advisor of a country taking part.`
          : submission.isLead
          ? `Your institution, ${submission.leadInstitutionName}, submitted ${proposal} to the round “${submission.roundTitle}” on ${when}.`
          : `${submission.leadInstitutionName} submitted ${proposal} to the round “${submission.roundTitle}” on ${when}. Your institution takes part in it as a partner.`,
        ...(submission.countries.length > 0 ? [`Institutions from these countries stand behind the proposal: ${listInWords(submission.countries)}.`] : []),
        "What happens next: the TAF team checks that the proposal meets the eligibility criteria of the round. You do not need to do anything now. We will write to you when the check is done, or if the TAF team has a question.",
      ],
      action: { label: "Open the proposal", url: submission.proposalUrl },
    }),
  };
}


