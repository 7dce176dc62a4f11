import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { translatorFor } from "../../workflows/messages";
import { formatBrusselsIn } from "../../workflows/time";

/** Tells a person an administrator removed their second factor, so a reset they did not ask for is noticed. */
export function secondFactorResetEmail(reset: { recipientName: string; resetAt: Date; appUrl: string; language: Language }): RenderedEmail {
  const t = translatorFor(reset.language);
  const subject = t("email.secondFactorReset.subject");
  return {
    subject,
    language: reset.language,
    ...renderEmail({
      appUrl: reset.appUrl,
      language: reset.language,
      heading: subject,
      paragraphs: [
        t("email.secondFactorReset.greeting", { name: reset.recipientName }),
        t("email.secondFactorReset.done", { resetAt: formatBrusselsIn(reset.language, reset.resetAt) }),
        t("email.secondFactorReset.next"),
      ],
      action: { label: t("email.secondFactorReset.action"), url: `${reset.appUrl}/account/two-factor` },
      footerNote: t("email.secondFactorReset.notYou"),
    }),
  };
}
