import { renderEmail } from "../layout";
import type { RenderedEmail } from "../outbox";
import type { Language } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { wordsIn } from "../words";

/** What the invited person will be; countries already labelled for display ("Kosovo*"). */
export type InvitedRole =
  | { role: "applicant"; institutionName: string | null; country: string | null }
  | { role: "reviewer"; affiliation: string | null }
  | { role: "countryAdvisor"; country: string | null }
  | { role: "administrator" };

export function invitationEmail(invitation: {
  /** The portal's address, for the footer's link. */
  appUrl: string;
  recipientName: string;
  invitedByName: string;
  role: InvitedRole;
  setPasswordUrl: string;
  expiresAt: Date;
  /** The recipient's language. */
  language?: Language;
}): RenderedEmail {
  const { language, t } = wordsIn(invitation.language);
  const subject = t("mail.invitation.subject");
  const invitedBy = invitation.invitedByName;
  return {
    subject,
    language,
    ...renderEmail({
      appUrl: invitation.appUrl,
      language,
      heading: subject,
      paragraphs: [
        t("mail.greeting", { name: invitation.recipientName }),
        t("mail.invitation.invited", { invitedBy, role: roleIn(t, invitation.role) }),
        t("mail.invitation.portal"),
        t("mail.invitation.accept", { invitedBy, expiresAt: formatBrusselsIn(language, invitation.expiresAt) }),
      ],
      action: { label: t("mail.invitation.action"), url: invitation.setPasswordUrl },
      footerNote: t("mail.invitation.note"),
      becauseOf: t("mail.invitation.because", { invitedBy }),
    }),
  };
}

/** "an applicant at Ministry of Interior, Serbia", "a reviewer (EU Delegation)"… */
function roleIn(t: ReturnType<typeof wordsIn>["t"], role: InvitedRole): string {
  switch (role.role) {
    case "applicant": {
      const institution = role.institutionName ?? t("mail.invitation.someInstitution");
      return role.country ? t("mail.invitation.applicantIn", { institution, country: role.country }) : t("mail.invitation.applicant", { institution });
    }
    case "reviewer":
      return role.affiliation ? t("mail.invitation.reviewerOf", { affiliation: role.affiliation }) : t("mail.invitation.reviewer");
    case "countryAdvisor":
      return t("mail.invitation.advisor", { country: role.country ?? t("mail.invitation.someCountry") });
    case "administrator":
      return t("mail.invitation.administrator");
  }
}
