import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";

/** Security notice: tells the owner of an account that its password changed, in case it was not them. */
export function passwordChangedEmail(change: { recipientName: string; changedAt: Date; appUrl: string }): RenderedEmail {
  const subject = "Your TAF portal password was changed";
  return {
    subject,
    ...renderEmail({
      heading: subject,
      paragraphs: [
        `Dear ${change.recipientName},`,
        `The password of your account on the TAF portal was changed on ${formatBrussels(change.changedAt)}.`,
        "If you made this change, there is nothing more to do.",
        'If you did not, someone else may have your password: choose a new one at once with "Forgot your password?" on the sign-in page, and tell the TAF team.',
      ],
      action: { label: "Open the TAF portal", url: change.appUrl },
      appUrl: change.appUrl,
    }),
  };
}
