import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { paragraphsOf } from "./typed-text";
import { listIn, titled, titleOf, wordsIn } from "../words";

/** To the TAF team: a partner left a submitted proposal, and fewer countries than the joint rule asks for remain. */
export function partnerLeftEmail(departure: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  recordedByName: string;
  /** "Albanian State Police (Albania)", labelled for display. */
  partner: string;
  reason: string;
  /** Countries whose institutions still stand behind it, labelled for display (Kosovo* with its asterisk). */
  countries: string[];
  minimumCountries: number;
  proposalUrl: string;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(departure.language);
  const title = titleOf(t, departure.title);
  const subject = departure.reference
    ? t("mail.partnerLeft.subjectRef", { reference: departure.reference, title })
    : t("mail.partnerLeft.subject", { title });
  const count = departure.minimumCountries;
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: departure.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: departure.recipientName }),
        t("mail.partnerLeft.recorded", { recordedBy: departure.recordedByName, partner: departure.partner, proposal: titled(t, title, departure.reference) }),
        ...(departure.reason.trim() ? [t("mail.reasonGiven"), ...paragraphsOf(departure.reason)] : []),
        departure.countries.length === 0
          ? t("mail.partnerLeft.noneRemain", { count })
          : t("mail.partnerLeft.someRemain", { count, countries: listIn(language, departure.countries) }),
        t("mail.partnerLeft.next"),
      ],
      action: { label: t("mail.openProposal"), url: departure.proposalUrl },
    }),
  };
}
