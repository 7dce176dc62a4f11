import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

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
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(ending.language);
  const title = titleOf(t, ending.title);
  const named = { reference: ending.reference, title };
  const ref = ending.reference !== null;
  const subject = {
    conceptRejected: ref ? t("mail.proposalEnded.conceptRejectedSubjectRef", named) : t("mail.proposalEnded.conceptRejectedSubject", named),
    implementationCancelled: ref
      ? t("mail.proposalEnded.implementationCancelledSubjectRef", named)
      : t("mail.proposalEnded.implementationCancelledSubject", named),
  }[ending.ending];
  const proposal = titled(t, title, ending.reference);
  const what = {
    conceptRejected: t("mail.proposalEnded.conceptRejected", { proposal }),
    implementationCancelled: t("mail.proposalEnded.implementationCancelled", { proposal }),
  }[ending.ending];
  const reason = paragraphsOf(ending.reason);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: ending.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: ending.recipientName }),
        what,
        ...(reason.length > 0 ? [t("mail.proposalEnded.reason"), ...reason] : []),
        t("mail.proposalEnded.means"),
        t("mail.proposalEnded.questions"),
      ],
      action: { label: t("mail.openProposal"), url: ending.proposalUrl },
    }),
  };
}
