import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";
import { oneLine, paragraphsOf, quoted } from "./typed-text";

/** The TAF team's question to the applicants during the eligibility check, with its due date. */
export function clarificationRequestedEmail(request: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  reference: string | null;
  title: string;
  question: string;
  dueAt: Date;
  proposalUrl: string;
  /** The lead answers and may edit; a partner reads the question and can only tell the lead. */
  isLead: boolean;
}): RenderedEmail {
  const title = oneLine(request.title);
  const subject = request.reference ? `Question about ${request.reference}: ${title}` : `Question about your proposal: ${title}`;
  const proposal = request.reference ? `the proposal “${title}” (${request.reference})` : `the proposal “${title}”`;
  const due = formatBrussels(request.dueAt);
  return {
    subject,
    ...renderEmail({
      appUrl: request.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${request.recipientName},`,
        `Before it decides on eligibility, the TAF team has a question about ${proposal}:`,
        ...quoted(paragraphsOf(request.question)),
        ...(request.isLead
          ? [`Please answer by ${due}. Until then you can edit the proposal on the TAF portal and submit it again with your answer.`]
          : [
              `Your institution is a partner: the lead institution answers by ${due}, and only it can edit the proposal and resubmit it. You can read the question and the proposal on the TAF portal, and tell the lead institution what to add in the proposal's comments.`,
            ]),
        `What happens next: when the ${request.isLead ? "proposal is submitted" : "lead institution submits it"} again, the TAF team decides on eligibility. If there is no answer by the due date, the TAF team decides with the information it has.`,
      ],
      action: { label: request.isLead ? "Answer on the TAF portal" : "Read the question on the TAF portal", url: request.proposalUrl },
    }),
  };
}
