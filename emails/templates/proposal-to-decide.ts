import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf, quoted } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

export type DecisionWaiting = "eligibility" | "clarificationAnswered" | "clarificationExpired" | "reportSubmitted" | "conceptSubmitted";

/**
 * A short notice to administrators: a proposal waits for their decision. A concept note sent
 * back for revision returns with the lead's answer, quoted so it can be read before opening.
 */
export function proposalToDecideEmail(notice: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  what: DecisionWaiting;
  /** The lead's answer to the clarification or revision request the resubmission answers. */
  answer?: string;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(notice.language);
  const title = titleOf(t, notice.title);
  const proposal = titled(t, title, notice.reference);
  const answer = quoted(paragraphsOf(notice.answer ?? ""));
  const { waiting, paragraphs } = {
    eligibility: {
      waiting: t("mail.proposalToDecide.eligibility"),
      paragraphs: [t("mail.proposalToDecide.eligibilityBody", { proposal }), t("mail.proposalToDecide.eligibilityNext")],
    },
    clarificationAnswered: {
      waiting: t("mail.proposalToDecide.clarificationAnswered"),
      paragraphs: [
        t("mail.proposalToDecide.clarificationAnsweredBody", { proposal }),
        ...(answer.length ? [t("mail.proposalToDecide.theirAnswer"), ...answer] : []),
        t("mail.proposalToDecide.decideEligibility"),
      ],
    },
    clarificationExpired: {
      waiting: t("mail.proposalToDecide.clarificationExpired"),
      paragraphs: [t("mail.proposalToDecide.clarificationExpiredBody", { proposal }), t("mail.proposalToDecide.clarificationExpiredNext")],
    },
    reportSubmitted: {
      waiting: t("mail.proposalToDecide.reportSubmitted"),
      paragraphs: [t("mail.proposalToDecide.reportSubmittedBody", { proposal }), t("mail.proposalToDecide.reportSubmittedNext")],
    },
    conceptSubmitted: answer.length
      ? {
          waiting: t("mail.proposalToDecide.conceptRevised"),
          paragraphs: [t("mail.proposalToDecide.conceptRevisedBody", { proposal }), ...answer, t("mail.proposalToDecide.conceptRevisedNext")],
        }
      : {
          waiting: t("mail.proposalToDecide.conceptSubmitted"),
          paragraphs: [t("mail.proposalToDecide.conceptSubmittedBody", { proposal }), t("mail.proposalToDecide.conceptSubmittedNext")],
        },
  }[notice.what];
  const subject = notice.reference
    ? t("mail.proposalToDecide.subjectRef", { waiting, reference: notice.reference, title })
    : t("mail.proposalToDecide.subject", { waiting, title });
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: notice.appUrl,
      language,
      heading: subject,
      paragraphs: [t("mail.greeting", { name: notice.recipientName }), ...paragraphs],
      action: { label: t("mail.openProposal"), url: notice.proposalUrl },
    }),
  };
}
