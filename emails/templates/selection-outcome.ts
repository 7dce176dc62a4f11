import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

/** The result of the EU review, to the proposal's applicants: promising (selected) or not selected. */
export function selectionOutcomeEmail(outcome: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  promising: boolean;
  /** Feedback from the review that the TAF team chose to share; may be empty. */
  sharedFeedback: string;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(outcome.language);
  const title = titleOf(t, outcome.title);
  const named = { reference: outcome.reference, title };
  const ref = outcome.reference !== null;
  const subject = outcome.promising
    ? ref ? t("mail.selectionOutcome.selectedSubjectRef", named) : t("mail.selectionOutcome.selectedSubject", named)
    : ref ? t("mail.selectionOutcome.resultSubjectRef", named) : t("mail.selectionOutcome.resultSubject", named);
  const proposal = titled(t, title, outcome.reference);
  const feedback = paragraphsOf(outcome.sharedFeedback);
  const feedbackParagraphs = feedback.length > 0 ? [t("mail.selectionOutcome.feedback"), ...feedback] : [];
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: outcome.appUrl,
      language,
      heading: subject,
      paragraphs: outcome.promising
        ? [t("mail.greeting", { name: outcome.recipientName }), t("mail.selectionOutcome.selected", { proposal }), ...feedbackParagraphs, t("mail.selectionOutcome.selectedNext")]
        : [t("mail.greeting", { name: outcome.recipientName }), t("mail.selectionOutcome.notSelected", { proposal }), ...feedbackParagraphs, t("mail.selectionOutcome.notSelectedNext")],
      action: { label: t("mail.openProposal"), url: outcome.proposalUrl },
    }),
  };
}
