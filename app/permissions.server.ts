import type { Role } from "../db/schema";
import type { SessionUser } from "./auth/session.server";
import { requireUser } from "./auth/session.server";

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

/** The permissions the layout needs to draw the navigation, computed once per request. */
export function navigationFor(user: SessionUser) {
  return {
    managePeople: can(user, "managePeople"),
    manageInstitutions: can(user, "manageInstitutions"),
    readMailbox: can(user, "readMailbox"),
  };
}
