import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import type { JointRule } from "../../workflows/joint-rule";
import { jointRuleInWords } from "../../workflows/eligibility";
import { listIn, titled, titleOf, wordsIn } from "../words";

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
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(invitation.language);
  const title = titleOf(t, invitation.title);
  const subject = t("mail.partnerInvitation.subject", { title });
  // The joint rule's sentence is the eligibility criteria's own words (workflows/), in the recipient's language.
  const soFar = `${t("mail.partnerInvitation.soFar", { countries: listIn(language, invitation.countries) })} ${jointRuleInWords(invitation.jointRule, t)}`;
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: invitation.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: invitation.recipientName }),
        t("mail.partnerInvitation.invites", {
          invitedBy: invitation.invitedByName,
          lead: invitation.leadInstitutionName,
          leadCountry: invitation.leadCountry,
          partner: invitation.partnerInstitutionName,
          proposal: titled(t, title, null),
          round: invitation.roundTitle,
        }),
        soFar,
        t("mail.partnerInvitation.read"),
        ...whenToAnswer(invitation, language, t),
      ],
      action: { label: t("mail.partnerInvitation.action"), url: invitation.partnershipUrl },
      footerNote: t("mail.partnerInvitation.note"),
    }),
  };
}

/** What the lead's timetable is: the answer to a clarification request, or else the round's deadline. */
function whenToAnswer(
  invitation: { clarificationDueAt: Date | null; roundClosesAt: Date | null },
  language: Language,
  t: ReturnType<typeof wordsIn>["t"],
): string[] {
  if (invitation.clarificationDueAt) {
    return [t("mail.partnerInvitation.clarifying", { due: formatBrusselsIn(language, invitation.clarificationDueAt) })];
  }
  return invitation.roundClosesAt ? [t("mail.partnerInvitation.roundCloses", { closes: formatBrusselsIn(language, invitation.roundClosesAt) })] : [];
}
