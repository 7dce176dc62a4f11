import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf } from "./typed-text";

/** The lead institution withdrew a proposal: to the applicants of the lead and partners, and to administrators. */
export function proposalWithdrawnEmail(withdrawal: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  withdrawnByName: string;
  withdrawnByInstitution: string;
  reason: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(withdrawal.title);
  const subject = withdrawal.reference ? `${withdrawal.reference} withdrawn: ${title}` : `Proposal withdrawn: ${title}`;
  const proposal = withdrawal.reference ? `the proposal “${title}” (${withdrawal.reference})` : `the proposal “${title}”`;
  const reason = paragraphsOf(withdrawal.reason);
  return {
    subject,
    ...renderEmail({
      appUrl: withdrawal.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${withdrawal.recipientName},`,
        `${withdrawal.withdrawnByName} (${withdrawal.withdrawnByInstitution}) withdrew ${proposal}.`,
        ...(reason.length > 0 ? ["The reason given:", ...reason] : []),
        "What this means: the proposal is closed. Nobody can change it any more, and the TAF team does not take it further. You can still read it on the TAF portal.",
        `If you think this is a mistake, please contact ${withdrawal.withdrawnByName} or the TAF team.`,
      ],
      action: { label: "Open the proposal", url: withdrawal.proposalUrl },
    }),
  };
}
