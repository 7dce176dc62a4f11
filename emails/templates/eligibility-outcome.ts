import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf } from "./typed-text";

/** The TAF team's eligibility decision, to the proposal's applicants. */
export function eligibilityOutcomeEmail(outcome: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  eligible: boolean;
  /** Why; required when ineligible, may be empty when eligible. */
  reason: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(outcome.title);
  const name = outcome.reference ?? "Your proposal";
  const subject = outcome.eligible ? `${name} is eligible: ${title}` : `${name} is not eligible: ${title}`;
  const proposal = outcome.reference ? `the proposal “${title}” (${outcome.reference})` : `the proposal “${title}”`;
  const reason = paragraphsOf(outcome.reason);
  return {
    subject,
    ...renderEmail({
      appUrl: outcome.appUrl,
      heading: subject,
      paragraphs: outcome.eligible
        ? [
            `Dear ${outcome.recipientName},`,
            `Good news: the TAF team checked ${proposal} and found it eligible.`,
            ...(reason.length > 0 ? ["A note from the TAF team:", ...reason] : []),
            "What happens next: the proposal goes to the EU review. EU representatives and the project's experts read it, score it and say whether it is promising. You do not need to do anything now. We will write to you with the result.",
          ]
        : [
            `Dear ${outcome.recipientName},`,
            `The TAF team checked ${proposal} and found that it does not meet the eligibility criteria of the round.`,
            ...(reason.length > 0 ? ["The reason given by the TAF team:", ...reason] : []),
            "This decision is final for this round. If you have questions about it, please contact the TAF team.",
            "Thank you for your work on this proposal. You are welcome to apply again in a later round.",
          ],
      action: { label: "Open the proposal", url: outcome.proposalUrl },
    }),
  };
}
