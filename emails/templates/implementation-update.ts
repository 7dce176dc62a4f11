import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { titled, titleOf, wordsIn } from "../words";

export type ImplementationChange = "started" | "onHold" | "resumed" | "completed";

/** A change in a proposal's implementation, to its applicants. */
export function implementationUpdateEmail(update: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  change: ImplementationChange;
  /** Why implementation was put on hold; shown as a note for the other changes when given. */
  reason?: string;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(update.language);
  const title = titleOf(t, update.title);
  const named = { reference: update.reference, title };
  const ref = update.reference !== null;
  const subject = {
    started: ref ? t("mail.implementationUpdate.startedSubjectRef", named) : t("mail.implementationUpdate.startedSubject", named),
    onHold: ref ? t("mail.implementationUpdate.onHoldSubjectRef", named) : t("mail.implementationUpdate.onHoldSubject", named),
    resumed: ref ? t("mail.implementationUpdate.resumedSubjectRef", named) : t("mail.implementationUpdate.resumedSubject", named),
    completed: ref ? t("mail.implementationUpdate.completedSubjectRef", named) : t("mail.implementationUpdate.completedSubject", named),
  }[update.change];
  const proposal = titled(t, title, update.reference);
  const reason = paragraphsOf(update.reason ?? "");
  const reasonParagraphs = reason.length > 0 ? [update.change === "onHold" ? t("mail.implementationUpdate.reason") : t("mail.teamNote"), ...reason] : [];
  const body = {
    started: [t("mail.implementationUpdate.started", { proposal }), ...reasonParagraphs, t("mail.implementationUpdate.startedNext")],
    onHold: [t("mail.implementationUpdate.onHold", { proposal }), ...reasonParagraphs, t("mail.implementationUpdate.onHoldNext")],
    resumed: [t("mail.implementationUpdate.resumed", { proposal }), ...reasonParagraphs, t("mail.implementationUpdate.resumedNext")],
    completed: [t("mail.implementationUpdate.completed", { proposal }), ...reasonParagraphs, t("mail.implementationUpdate.completedNext")],
  }[update.change];
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: update.appUrl,
      language,
      heading: subject,
      paragraphs: [t("mail.greeting", { name: update.recipientName }), ...body],
      action: { label: t("mail.openProposal"), url: update.proposalUrl },
    }),
  };
}
