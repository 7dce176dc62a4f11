import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { wordsIn } from "../words";

/** Security notice: tells the owner of an account that its password changed, in case it was not them. */
export function passwordChangedEmail(change: { recipientName: string; changedAt: Date; appUrl: string; language?: Language }): RenderedEmail {
  const { language, t } = wordsIn(change.language);
  const subject = t("mail.passwordChanged.subject");
  return {
    subject,
    language,
    ...renderEmail({
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: change.recipientName }),
        t("mail.passwordChanged.changed", { when: formatBrusselsIn(language, change.changedAt) }),
        t("mail.passwordChanged.madeIt"),
        t("mail.passwordChanged.notYou"),
      ],
      action: { label: t("mail.passwordChanged.action"), url: change.appUrl },
      appUrl: change.appUrl,
    }),
  };
}
