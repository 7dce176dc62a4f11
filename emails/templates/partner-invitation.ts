import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import { formatBrussels } from "../../workflows/time";
import type { JointRule } from "../../workflows/eligibility";
import { jointRuleInWords, listInWords } from "../../workflows/eligibility";
import { oneLine } from "./typed-text";

/** To each applicant of an institution the lead invited as a partner: confirm or decline. */
export function partnerInvitationEmail(invitation: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  invitedByName: string;
  leadInstitutionName: string;
  /** Already labelled for display, e.g. "Kosovo*". */
  leadCountry: string;
  partnerInstitutionName: string;
  title: string;
  roundTitle: string;
  /** The round's deadline; null for rolling intake. */
  roundClosesAt: Date | null;
  /**
   * When the lead's answer to the TAF team's clarification request is due, while the lead is
   * answering one: the round's closing time no longer binds the proposal then, this does.
   */
  clarificationDueAt: Date | null;
  /** The round's joint rule, as the applicants read it. */
  jointRule: JointRule;
  /** Countries whose institutions have confirmed so far (the lead's included), labelled for display. */
  countries: string[];
  partnershipUrl: string;
}): RenderedEmail {
  const title = oneLine(invitation.title) || "Untitled proposal";
  const subject = `Invitation to a joint proposal: ${title}`;
  return {
    subject,
    ...renderEmail({
      appUrl: invitation.appUrl,
      heading: subject,
      paragraphs: [
        `Dear ${invitation.recipientName},`,
        `${invitation.invitedByName} of ${invitation.leadInstitutionName} (${invitation.leadCountry}) invites your institution, ${invitation.partnerInstitutionName}, to take part as a partner in the proposal “${title}” for the round “${invitation.roundTitle}” of the Technical Assistance Facility.`,
        `So far, institutions from ${listInWords(invitation.countries)} stand behind the proposal. ${jointRuleInWords(invitation.jointRule)}`,
        "Please read the proposal on the TAF portal and confirm that your institution takes part, with a short statement of its role, or decline. Until your institution confirms, the lead cannot count it as a partner.",
        ...whenToAnswer(invitation),
      ],
      action: { label: "Confirm or decline", url: invitation.partnershipUrl },
      footerNote: "Only applicants of your institution can answer. If you do not know this proposal, ask your colleagues or the TAF team before you answer.",
    }),
  };
}

/** What the lead's timetable is: the answer to a clarification request, or else the round's deadline. */
function whenToAnswer(invitation: { clarificationDueAt: Date | null; roundClosesAt: Date | null }): string[] {
  if (invitation.clarificationDueAt) {
    return [
      `The proposal has been submitted, and the lead is answering a clarification request from the TAF team, due on ${formatBrussels(invitation.clarificationDueAt)}. Please answer before then, so that the lead can count on your institution in that answer.`,
    ];
  }
  return invitation.roundClosesAt ? [`The round closes on ${formatBrussels(invitation.roundClosesAt)}; the lead must submit the proposal before then.`] : [];
}
