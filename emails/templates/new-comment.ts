import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine, paragraphsOf } from "./typed-text";

/** To the applicants of the other institutions of a proposal: someone wrote a comment. */
export function newCommentEmail(comment: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  /** "Arben Krasniqi (Kosovo* Police)" or "The TAF team". */
  authorLabel: string;
  reference: string | null;
  title: string;
  body: string;
  commentsUrl: string;
}): RenderedEmail {
  const title = oneLine(comment.title) || "Untitled proposal";
  const subject = comment.reference ? `New comment on ${comment.reference}: ${title}` : `New comment on the proposal: ${title}`;
  return {
    subject,
    ...renderEmail({
      appUrl: comment.appUrl,
      heading: subject,
      paragraphs: [`Dear ${comment.recipientName},`, `${comment.authorLabel} wrote:`, ...paragraphsOf(comment.body)],
      action: { label: "Read and answer on the TAF portal", url: comment.commentsUrl },
      footerNote: "Please answer on the portal rather than by e-mail, so that everyone taking part in the proposal reads it.",
    }),
  };
}
