import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf, quoted } from "./typed-text";

/** To administrators: a reviewer declined an assignment or declared a conflict of interest; the place is free again. */
export function reviewDeclinedEmail(notice: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reviewerName: string;
  how: "declined" | "conflict";
  reason: string;
  reference: string | null;
  title: string;
  deskUrl: string;
}): RenderedEmail {
  const title = oneLine(notice.title) || "Untitled proposal";
  const named = notice.reference ? `${notice.reference}: ${title}` : title;
  const subject = notice.how === "declined" ? `${notice.reviewerName} declined to review ${named}` : `${notice.reviewerName} declared a conflict of interest with ${named}`;
  const what = notice.how === "declined" ? "declined the assignment to review" : "declared a conflict of interest with";
  return {
    subject,
    ...renderEmail({
      appUrl: notice.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${notice.recipientName},`,
        `${notice.reviewerName} ${what} the proposal “${title}”${notice.reference ? ` (${notice.reference})` : ""}. Their reason:`,
        ...quoted(paragraphsOf(notice.reason)),
        "Their place on the proposal is free: you may assign another reviewer on the review desk.",
      ],
      action: { label: "Open the review desk", url: notice.deskUrl },
    }),
  };
}
