import type { SessionUser } from "../auth/session.server";
import { findInstitution, listCountries } from "../institutions/institutions.server";
import { jointRuleInWords } from "../../workflows/eligibility";
import { applicantInstitutions, canOnProposal } from "../permissions.server";
import type { Participation } from "./participation.server";
import type { PageWords } from "./partners.server";
import { countryNameOf, ownPartnership, partnersOverview, searchDirectory } from "./partners.server";

// The partners page: who takes part, how joint the proposal is, and for the lead the directory
// to invite from, with the message that follows an invitation, a removal or a confirmation.

/** The page for one viewer, in its language; `params` are the page's search (q, country) and notice. */
export function partnersPage(user: SessionUser, proposal: Participation, params: URLSearchParams, words: PageWords) {
  const overview = partnersOverview(proposal.proposalId, undefined, words)!;
  const manage = canOnProposal(user, "managePartners", proposal);
  const countries = listCountries().map((c) => ({ ...c, name: countryNameOf(c.code, c.name, words.t) }));
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
    // The rule in words, written here so that the page carries no copy of the rules (issue 13's 100 KiB).
    jointRuleWords: overview.isJoint
      ? null
      : overview.jointRule.required
        ? words.t("partnersPage.joint.notBefore", { rule: jointRuleInWords(overview.jointRule, words.t) })
        : jointRuleInWords(overview.jointRule, words.t),
    manage,
    isLeadApplicant: applicantInstitutions(user).includes(proposal.leadInstitutionId),
    ownAnswer,
    filter,
    countries,
    directory: manage ? searchDirectory(proposal.proposalId, proposal.leadInstitutionId, filter, words.t) : null,
    notice: noticeFor(params, overview, ownAnswer, words.t),
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
function noticeFor(params: URLSearchParams, overview: NonNullable<ReturnType<typeof partnersOverview>>, ownAnswer: string | null, t: PageWords["t"]) {
  const institutionId = Number(params.get("institution"));
  switch (params.get("notice")) {
    case "invited": {
      const partner = overview.partners.find((p) => p.institutionId === institutionId);
      if (!partner) return null;
      if (partner.activeApplicants === 0) {
        return t("partnersPage.notice.invitedNobody", { institution: partner.name });
      }
      return t("partnersPage.notice.invited", { institution: partner.name, count: partner.activeApplicants });
    }
    case "removed": {
      const institution = findInstitution(institutionId);
      return institution ? t("partnersPage.notice.removed", { institution: institution.name }) : null;
    }
    case "confirmed":
      if (ownAnswer !== "confirmed") return null;
      return t("partnersPage.notice.confirmed");
    default:
      return null;
  }
}
