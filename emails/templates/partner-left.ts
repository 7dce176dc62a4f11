import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { listInWords } from "../../workflows/eligibility";
import { oneLine, paragraphsOf } from "./typed-text";

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
}): RenderedEmail {
  const title = oneLine(departure.title);
  const subject = departure.reference ? `${departure.reference} is no longer joint: ${title}` : `Proposal no longer joint: ${title}`;
  const proposal = departure.reference ? `the proposal “${title}” (${departure.reference})` : `the proposal “${title}”`;
  const remaining = departure.countries.length === 0 ? "no country" : `only ${listInWords(departure.countries)}`;
  return {
    subject,
    ...renderEmail({
      appUrl: departure.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${departure.recipientName},`,
        `${departure.recordedByName} recorded that ${departure.partner} left ${proposal}.`,
        ...(departure.reason.trim() ? ["The reason given:", ...paragraphsOf(departure.reason)] : []),
        `Institutions from ${remaining} now stand behind it: fewer than the ${departure.minimumCountries} countries the joint rule asks for.`,
        "What happens next: the TAF team decides with the lead institution whether another partner joins, or whether the proposal ends.",
      ],
      action: { label: "Open the proposal", url: departure.proposalUrl },
    }),
  };
}
