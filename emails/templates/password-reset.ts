import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { translatorFor } from "../../workflows/messages";
import { formatBrusselsIn } from "../../workflows/time";

/** The reset link's mail, in the recipient's language (the first template written through the catalogues). */
export function passwordResetEmail(reset: {
  recipientName: string;
  resetUrl: string;
  expiresAt: Date;
  appUrl: string;
  language?: Language;
}): RenderedEmail {
  const language = reset.language ?? "en";
  const t = translatorFor(language);
  const subject = t("email.passwordReset.subject");
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: reset.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("email.passwordReset.greeting", { name: reset.recipientName }),
        t("email.passwordReset.asked"),
        t("email.passwordReset.link", { expiresAt: formatBrusselsIn(language, reset.expiresAt) }),
      ],
      action: { label: t("email.passwordReset.action"), url: reset.resetUrl },
      footerNote: t("email.passwordReset.ignore"),
    }),
  };
}
