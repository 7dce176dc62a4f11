import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf } from "./typed-text";

/** The TAF team asks the applicants to revise their concept note or completion report. */
export function revisionRequestedEmail(request: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  document: "concept note" | "completion report";
  reason: string;
  proposalUrl: string;
}): RenderedEmail {
  const title = oneLine(request.title);
  const subject = request.reference
    ? `Changes requested to the ${request.document} of ${request.reference}: ${title}`
    : `Changes requested to your ${request.document}: ${title}`;
  const proposal = request.reference ? `the proposal “${title}” (${request.reference})` : `the proposal “${title}”`;
  const reason = paragraphsOf(request.reason);
  return {
    subject,
    ...renderEmail({
      appUrl: request.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${request.recipientName},`,
        `The TAF team read the ${request.document} of ${proposal} and asks you to change it before it can be approved.`,
        ...(reason.length > 0 ? ["What the TAF team asks:", ...reason] : []),
        `What happens next: please revise the ${request.document} on the TAF portal and submit it again. The TAF team then reads it again and approves it or asks for more changes.`,
      ],
      action: { label: `Revise the ${request.document}`, url: request.proposalUrl },
    }),
  };
}
