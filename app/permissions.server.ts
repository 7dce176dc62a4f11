import type { Role } from "../db/schema";
import type { SessionUser } from "./auth/session.server";
import { requireUser } from "./auth/session.server";
import type { Participation } from "./proposals/participation.server";
import { participationIn } from "./proposals/participation.server";

// Every permission in the portal is a named predicate here, so that who may do what can be read
// in one place. Loaders and actions ask `requirePermission`; pages ask `can` to show a link.

function hasRole(user: SessionUser, role: Role) {
  return user.memberships.some((m) => m.role === role);
}

const predicates = {
  /** Invite, edit and deactivate people. */
  managePeople: (user: SessionUser) => hasRole(user, "administrator"),
  /** Add and edit institutions in the directory. */
  manageInstitutions: (user: SessionUser) => hasRole(user, "administrator"),
  /** Read the mail the embedded SMTP server received (it holds other people's links). */
  readMailbox: (user: SessionUser) => hasRole(user, "administrator"),
  /** See the applicants' home: their institution's proposals and the open rounds. */
  viewApplicantHome: (user: SessionUser) => hasRole(user, "applicant"),
  /** See one's review assignments. */
  viewReviewerHome: (user: SessionUser) => hasRole(user, "reviewer"),
  /** Follow the proposals of one's country. */
  viewCountryAdvisorHome: (user: SessionUser) => hasRole(user, "countryAdvisor"),
  /** See the administrators' overview. */
  viewAdministratorHome: (user: SessionUser) => hasRole(user, "administrator"),
  /** What the TAF team keeps to itself: names of the team and reviewers, internal reasons, the automatic check. */
  viewInternalNotes: (user: SessionUser) => hasRole(user, "administrator"),
} satisfies Record<string, (user: SessionUser) => boolean>;

export type Permission = keyof typeof predicates;

export function can(user: SessionUser, permission: Permission) {
  return predicates[permission](user);
}

/** The signed-in user, if they hold the permission; otherwise sign-in (signed out) or 403. */
export async function requirePermission(request: Request, permission: Permission) {
  const user = await requireUser(request);
  if (!can(user, permission)) {
    throw new Response("You do not have access to this page.", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export function applicantInstitutions(user: SessionUser) {
  return user.memberships.flatMap((m) => (m.role === "applicant" && m.institutionId !== null ? [m.institutionId] : []));
}

/**
 * Proposals are seen by administrators; by applicants of the lead or of an invited partner
 * institution; by reviewers assigned to them; by country advisors of a country taking part.
 * Which actions a person may take on a proposal is the statechart's to say (allowedEvents).
 */
const proposalPredicates = {
  viewProposal(user: SessionUser, proposal: Participation) {
    if (hasRole(user, "administrator")) return true;
    const own = applicantInstitutions(user);
    if (own.includes(proposal.leadInstitutionId) || proposal.partnerInstitutionIds.some((id) => own.includes(id))) return true;
    if (hasRole(user, "reviewer") && proposal.reviewerUserIds.includes(user.id)) return true;
    return user.memberships.some((m) => m.role === "countryAdvisor" && m.countryCode !== null && proposal.countryCodes.includes(m.countryCode));
  },
};

export type ProposalPermission = keyof typeof proposalPredicates;

export function canOnProposal(user: SessionUser, permission: ProposalPermission, proposal: Participation) {
  return proposalPredicates[permission](user, proposal);
}

/** The signed-in user and the proposal's participation, if they may see it; otherwise 404. */
export async function requireProposal(request: Request, proposalId: number) {
  const user = await requireUser(request);
  const proposal = Number.isSafeInteger(proposalId) ? participationIn(proposalId) : null;
  // A proposal one may not see answers like one that does not exist: its existence is not told.
  if (!proposal || !proposalPredicates.viewProposal(user, proposal)) {
    throw new Response("No such proposal", { status: 404 });
  }
  return { user, proposal };
}

/** The permissions the layout needs to draw the navigation, computed once per request. */
export function navigationFor(user: SessionUser) {
  return {
    managePeople: can(user, "managePeople"),
    manageInstitutions: can(user, "manageInstitutions"),
    readMailbox: can(user, "readMailbox"),
  };
}
