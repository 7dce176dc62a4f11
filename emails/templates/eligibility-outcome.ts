import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

/** The TAF team's eligibility decision, to the proposal's applicants. */
export function eligibilityOutcomeEmail(outcome: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  eligible: boolean;
  /** Why; required when ineligible, may be empty when eligible. */
  reason: string;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(outcome.language);
  const title = titleOf(t, outcome.title);
  const named = { reference: outcome.reference, title };
  const subject = outcome.eligible
    ? outcome.reference ? t("mail.eligibilityOutcome.eligibleSubjectRef", named) : t("mail.eligibilityOutcome.eligibleSubject", named)
    : outcome.reference ? t("mail.eligibilityOutcome.ineligibleSubjectRef", named) : t("mail.eligibilityOutcome.ineligibleSubject", named);
  const proposal = titled(t, title, outcome.reference);
  const reason = paragraphsOf(outcome.reason);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: outcome.appUrl,
      language,
      heading: subject,
      paragraphs: outcome.eligible
        ? [
            t("mail.greeting", { name: outcome.recipientName }),
            t("mail.eligibilityOutcome.eligible", { proposal }),
            ...(reason.length > 0 ? [t("mail.teamNote"), ...reason] : []),
            t("mail.eligibilityOutcome.eligibleNext"),
          ]
        : [
            t("mail.greeting", { name: outcome.recipientName }),
            t("mail.eligibilityOutcome.ineligible", { proposal }),
            ...(reason.length > 0 ? [t("mail.eligibilityOutcome.reason"), ...reason] : []),
            t("mail.eligibilityOutcome.final"),
            t("mail.eligibilityOutcome.thanks"),
          ],
      action: { label: t("mail.openProposal"), url: outcome.proposalUrl },
    }),
  };
}
