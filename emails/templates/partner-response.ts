import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { listInWords } from "../../workflows/eligibility";
import { oneLine, paragraphsOf } from "./typed-text";

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
}): RenderedEmail {
  const title = oneLine(response.title) || "Untitled proposal";
  const who = `${response.partnerInstitutionName} (${response.partnerCountry})`;
  const subject = {
    confirmed: `${response.partnerInstitutionName} confirmed: ${title}`,
    declined: `${response.partnerInstitutionName} declined: ${title}`,
    withdrew: `${response.partnerInstitutionName} withdrew its confirmation: ${title}`,
  }[response.answer];
  const what = {
    confirmed: `${response.respondentName} confirmed that ${who} takes part as a partner in your proposal “${title}”.`,
    declined: `${response.respondentName} declined, for ${who}, the invitation to take part in your proposal “${title}”.`,
    withdrew: `${response.respondentName} withdrew the confirmation of ${who}: the institution no longer takes part in your proposal “${title}”.`,
  }[response.answer];
  const text = paragraphsOf(response.text);
  const label = response.answer === "confirmed" ? "Their role, in their words:" : "The reason given:";
  return {
    subject,
    ...renderEmail({
      appUrl: response.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${response.recipientName},`,
        what,
        ...(text.length > 0 ? [label, ...text] : []),
        response.isJoint
          ? `Institutions from ${listInWords(response.countries)} now stand behind the proposal: it is joint.`
          : `Only institutions from ${listInWords(response.countries)} stand behind the proposal now: it is not joint yet. It needs confirmed institutions from at least two Western Balkan countries before you can submit it.`,
      ],
      action: { label: "See the partners", url: response.partnersUrl },
    }),
  };
}
