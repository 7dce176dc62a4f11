import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf, quoted } from "./typed-text";

export type DecisionWaiting = "eligibility" | "clarificationAnswered" | "clarificationExpired" | "reportSubmitted" | "conceptSubmitted";

/**
 * A short notice to administrators: a proposal waits for their decision. A concept note sent
 * back for revision returns with the lead's answer, quoted so it can be read before opening.
 */
export function proposalToDecideEmail(notice: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  what: DecisionWaiting;
  /** The lead's answer to the clarification or revision request the resubmission answers. */
  answer?: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(notice.title);
  const named = notice.reference ? ` for ${notice.reference}: ${title}` : `: ${title}`;
  const proposal = notice.reference ? `the proposal “${title}” (${notice.reference})` : `the proposal “${title}”`;
  const answer = quoted(paragraphsOf(notice.answer ?? ""));
  const { subject, paragraphs } = {
    eligibility: {
      subject: `Eligibility to decide${named}`,
      paragraphs: [
        `${proposal[0]!.toUpperCase()}${proposal.slice(1)} was submitted and the automatic eligibility check has run.`,
        "Please decide: confirm that it is eligible, declare it ineligible with a reason, or ask the applicants for clarification.",
      ],
    },
    clarificationAnswered: {
      subject: `Clarification answered${named}`,
      paragraphs: [
        `The applicants answered your clarification request and submitted ${proposal} again.`,
        ...(answer.length ? ["Their answer:", ...answer] : []),
        "Please decide on its eligibility.",
      ],
    },
    clarificationExpired: {
      subject: `Clarification not answered in time${named}`,
      paragraphs: [
        `The time to answer your clarification request on ${proposal} has ended without an answer.`,
        "Please decide on its eligibility with the information you have.",
      ],
    },
    reportSubmitted: {
      subject: `Completion report to review${named}`,
      paragraphs: [
        `The applicants submitted the completion report of ${proposal}.`,
        "Please read it, then approve it to complete the proposal, or ask for a revision with a reason.",
      ],
    },
    conceptSubmitted: answer.length
      ? {
          subject: `Revised concept note to review${named}`,
          paragraphs: [
            `The applicants revised the concept note of ${proposal} and answered your revision request:`,
            ...answer,
            "Please read it, then approve it, or ask for another revision with a reason.",
          ],
        }
      : {
          subject: `Concept note to review${named}`,
          paragraphs: [
            `The applicants submitted the concept note of ${proposal}.`,
            "Please read it, then approve it, or ask for a revision with a reason.",
          ],
        },
  }[notice.what];
  return {
    subject,
    ...renderEmail({
      appUrl: notice.appUrl,
      heading: subject,
      paragraphs: [`Dear ${notice.recipientName},`, ...paragraphs],
      action: { label: "Open the proposal", url: notice.proposalUrl },
    }),
  };
}
