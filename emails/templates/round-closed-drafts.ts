import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { oneLine } from "./typed-text";

/**
 * A round closed while drafts of the recipient's institution were still open: one message per
 * applicant of a lead institution, naming every such draft, so no one learns it from a refusal.
 */
export function roundClosedDraftsEmail(closing: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  roundCode: string;
  roundTitle: string;
  /** "16 October 2026, 00:00 (Brussels time)". */
  closedAt: string;
  drafts: { title: string; url: string }[];
}): RenderedEmail {
  const round = `“${oneLine(closing.roundTitle)}” (${closing.roundCode})`;
  const several = closing.drafts.length > 1;
  const subject = `${closing.roundCode} is closed: ${several ? `${closing.drafts.length} drafts were` : "your draft was"} not submitted`;
  const [first] = closing.drafts;
  return {
    subject,
    ...renderEmail({
      appUrl: closing.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${closing.recipientName},`,
        `The submission round ${round} closed on ${closing.closedAt}. ${several ? "These drafts your institution leads were" : "This draft your institution leads was"} not submitted before it closed:`,
        ...closing.drafts.map((draft) => `• ${oneLine(draft.title) || "Untitled proposal"}: ${draft.url}`),
        `What this means: ${several ? "they" : "it"} can no longer be submitted to this round. Nothing is lost: you can still open ${several ? "them" : "it"} on the TAF portal and read what you wrote.`,
        "If the round is reopened, you will be able to submit again. If you think the round closed too early for you, please contact the TAF team.",
      ],
      action: first ? { label: several ? "Open the first draft" : "Open the draft", url: first.url } : undefined,
    }),
  };
}
