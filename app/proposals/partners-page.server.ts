import type { SessionUser } from "../auth/session.server";
import { findInstitution, listCountries } from "../institutions/institutions.server";
import { applicantInstitutions, canOnProposal } from "../permissions.server";
import type { Participation } from "./participation.server";
import { ownPartnership, partnersOverview, searchDirectory } from "./partners.server";

// The partners page: who takes part, how joint the proposal is, and for the lead the directory
// to invite from, with the message that follows an invitation, a removal or a confirmation.

/** The page for one viewer; `params` are the page's search (q, country) and notice. */
export function partnersPage(user: SessionUser, proposal: Participation, params: URLSearchParams) {
  const overview = partnersOverview(proposal.proposalId)!;
  const manage = canOnProposal(user, "managePartners", proposal);
  const countries = listCountries();
  const filter = searchOf(params, countries.map((c) => c.code));
  // The status of this person's own institution, when they may still answer for it.
  const ownAnswer = canOnProposal(user, "respondAsPartner", proposal) ? (ownPartnership(user, proposal.proposalId)?.status ?? null) : null;
  return {
    proposal: { id: overview.id, title: overview.title, reference: overview.reference, stateLabel: overview.stateLabel },
    lead: overview.lead,
    partners: overview.partners,
    jointCountries: overview.jointCountries,
    isJoint: overview.isJoint,
    jointRule: overview.jointRule,
    manage,
    isLeadApplicant: applicantInstitutions(user).includes(proposal.leadInstitutionId),
    ownAnswer,
    filter,
    countries,
    directory: manage ? searchDirectory(proposal.proposalId, proposal.leadInstitutionId, filter) : null,
    notice: noticeFor(params, overview, ownAnswer),
  };
}

function searchOf(params: URLSearchParams, countryCodes: string[]) {
  const country = params.get("country") ?? "";
  return {
    search: params.get("q")?.trim().slice(0, 200) || undefined,
    countryCode: countryCodes.includes(country) ? country : undefined,
  };
}

/** The message after a redirect: what was just done, in words. */
function noticeFor(params: URLSearchParams, overview: NonNullable<ReturnType<typeof partnersOverview>>, ownAnswer: string | null) {
  const institutionId = Number(params.get("institution"));
  switch (params.get("notice")) {
    case "invited": {
      const partner = overview.partners.find((p) => p.institutionId === institutionId);
      if (!partner) return null;
      if (partner.activeApplicants === 0) {
        return `${partner.name} is invited. No one there has an account on the portal yet, so no e-mail was sent: ask the TAF team to give one of its staff an account. They will find the invitation when they sign in.`;
      }
      return `${partner.name} is invited. ${partner.activeApplicants === 1 ? "Its applicant has" : `Its ${partner.activeApplicants} applicants have`} been sent an e-mail to confirm or decline.`;
    }
    case "removed": {
      const institution = findInstitution(institutionId);
      return institution ? `${institution.name} is no longer a partner of this proposal.` : null;
    }
    case "confirmed":
      if (ownAnswer !== "confirmed") return null;
      return "Thank you: your institution's participation is confirmed. The lead has been told by e-mail.";
    default:
      return null;
  }
}
