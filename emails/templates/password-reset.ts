import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";

export function passwordResetEmail(reset: { recipientName: string; resetUrl: string; expiresAt: Date; appUrl: string }): RenderedEmail {
  const subject = "Choose a new password for the TAF portal";
  return {
    subject,
    ...renderEmail({
      appUrl: reset.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${reset.recipientName},`,
        "Someone, hopefully you, asked to reset the password of your account on the TAF portal.",
        `To choose a new password, use the link below. The link works once and expires on ${formatBrussels(reset.expiresAt)}.`,
      ],
      action: { label: "Choose a new password", url: reset.resetUrl },
      footerNote: "If you did not ask for this, ignore this e-mail: your password stays as it is.",
    }),
  };
}
