import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf } from "./typed-text";

/** Which piece of work the TAF team ended: the conceptual work, or the implementation. */
export type ProposalEnding = "conceptRejected" | "implementationCancelled";

/** The TAF team ended a proposal after its review, with a reason: to the applicants of the lead and the confirmed partners. */
export function proposalEndedEmail(ending: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  ending: ProposalEnding;
  reason: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(ending.title);
  const ref = ending.reference;
  const subject = {
    conceptRejected: ref ? `Concept of ${ref} not approved: ${title}` : `Concept not approved: ${title}`,
    implementationCancelled: ref ? `Implementation of ${ref} cancelled: ${title}` : `Implementation cancelled: ${title}`,
  }[ending.ending];
  const proposal = ref ? `the proposal “${title}” (${ref})` : `the proposal “${title}”`;
  const what = {
    conceptRejected: `The TAF team has decided not to approve a concept for ${proposal}, and has ended the conceptual work.`,
    implementationCancelled: `The TAF team has cancelled the implementation of ${proposal}. No further activities will be supported.`,
  }[ending.ending];
  const reason = paragraphsOf(ending.reason);
  return {
    subject,
    ...renderEmail({
      appUrl: ending.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${ending.recipientName},`,
        what,
        ...(reason.length > 0 ? ["The TAF team's reason:", ...reason] : []),
        "What this means: the proposal is closed. Nobody can change it any more, and nothing more is needed from you. You can still read it, with its history, on the TAF portal.",
        "If you have questions about this decision, please reply to the TAF team.",
      ],
      action: { label: "Open the proposal", url: ending.proposalUrl },
    }),
  };
}
