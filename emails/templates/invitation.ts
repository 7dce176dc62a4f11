import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";

export function invitationEmail(invitation: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  invitedByName: string;
  /** What the person will be, e.g. "applicant at Ministry of Interior, Kosovo*" or "reviewer (EU Delegation)". */
  roleLabel: string;
  setPasswordUrl: string;
  expiresAt: Date;
}): RenderedEmail {
  const subject = "You are invited to the TAF portal";
  return {
    subject,
    ...renderEmail({
      appUrl: invitation.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${invitation.recipientName},`,
        `${invitation.invitedByName} has invited you to the TAF portal as ${invitation.roleLabel}.`,
        "On the TAF portal, security institutions of the Western Balkans propose joint work against serious and organised crime and terrorism, and follow their proposals from submission to implementation.",
        `To accept, choose your password with the link below. The link works once and expires on ${formatBrussels(invitation.expiresAt)}. If it has expired, ask ${invitation.invitedByName} for a new invitation.`,
      ],
      action: { label: "Choose your password", url: invitation.setPasswordUrl },
      footerNote: "If you did not expect this invitation, you can ignore this e-mail: no account is opened until a password is chosen.",
      becauseOf: `${invitation.invitedByName} invited you to`,
    }),
  };
}
