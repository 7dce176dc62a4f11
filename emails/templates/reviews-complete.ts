import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine } from "./typed-text";

/** To administrators: every reviewer holding a place on a proposal has submitted; the review can close. */
export function reviewsCompleteEmail(notice: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  submittedReviews: number;
  deskUrl: string;
}): RenderedEmail {
  const title = oneLine(notice.title) || "Untitled proposal";
  const subject = notice.reference ? `All reviews are in for ${notice.reference}: ${title}` : `All reviews are in: ${title}`;
  const reviews = notice.submittedReviews === 1 ? "The 1 reviewer assigned has" : `All ${notice.submittedReviews} reviewers assigned have`;
  return {
    subject,
    ...renderEmail({
      appUrl: notice.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${notice.recipientName},`,
        `${reviews} submitted their review of the proposal “${title}”${notice.reference ? ` (${notice.reference})` : ""}.`,
        "You can close its EU review when the round's minimum number of reviews is in, then decide whether it is promising.",
      ],
      action: { label: "Open the review desk", url: notice.deskUrl },
    }),
  };
}
