import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { listIn, titled, titleOf, wordsIn } from "../words";

/** To the lead's applicants: a partner institution confirmed, declined, or withdrew its confirmation. */
export function partnerResponseEmail(response: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  respondentName: string;
  partnerInstitutionName: string;
  /** Already labelled for display, e.g. "Kosovo*". */
  partnerCountry: string;
  answer: "confirmed" | "declined" | "withdrew";
  /** The role statement when confirming; the reason, if any, when declining. */
  text: string;
  title: string;
  /** Countries whose institutions have confirmed now (the lead's included), labelled for display. */
  countries: string[];
  isJoint: boolean;
  partnersUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(response.language);
  const title = titleOf(t, response.title);
  const institution = response.partnerInstitutionName;
  const subject = {
    confirmed: t("mail.partnerResponse.confirmedSubject", { institution, title }),
    declined: t("mail.partnerResponse.declinedSubject", { institution, title }),
    withdrew: t("mail.partnerResponse.withdrewSubject", { institution, title }),
  }[response.answer];
  const words = { respondent: response.respondentName, who: `${institution} (${response.partnerCountry})`, proposal: titled(t, title, null) };
  const what = {
    confirmed: t("mail.partnerResponse.confirmed", words),
    declined: t("mail.partnerResponse.declined", words),
    withdrew: t("mail.partnerResponse.withdrew", words),
  }[response.answer];
  const text = paragraphsOf(response.text);
  const label = response.answer === "confirmed" ? t("mail.partnerResponse.role") : t("mail.reasonGiven");
  const countries = listIn(language, response.countries);
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: response.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: response.recipientName }),
        what,
        ...(text.length > 0 ? [label, ...text] : []),
        response.isJoint ? t("mail.partnerResponse.joint", { countries }) : t("mail.partnerResponse.notJoint", { countries }),
      ],
      action: { label: t("mail.partnerResponse.action"), url: response.partnersUrl },
    }),
  };
}
