import { formatBrussels } from "../../workflows/time";
import { idInAddress } from "../address.server";
import { auditActivity } from "../audit.server";
import { institutionChoices, listCountries } from "../institutions/institutions.server";
import { findPerson } from "./people.server";

// One person as the TAF team manages them: their details, the choices the edit form offers, and
// what the audit log recorded about them, in words.

export function personNotFound(): never {
  throw new Response("There is no person at this address.", { status: 404, statusText: "Not Found" });
}

/** The person of the address; anything but a plain positive number is a 404, not an error. */
export function personIdOf(param: string | undefined) {
  return idInAddress(param, personNotFound);
}

const AUDIT_ACTION_LABELS: Record<string, string> = {
  personInvited: "Invited",
  invitationResent: "Invitation sent again",
  invitationAccepted: "Accepted the invitation and chose a password",
  personUpdated: "Details changed",
  personDeactivated: "Deactivated",
  personReactivated: "Reactivated",
  signIn: "Signed in",
  signInHeldUnderAttack: "Sign-in from a new address held (account under attack); link e-mailed",
  passwordCheckFailed: "Typed a wrong current password",
  passwordChanged: "Changed their password",
  passwordResetRequested: "Asked for a password reset link",
  passwordReset: "Chose a new password with a reset link",
  signInPasswordAccepted: "Gave the right password; a code was asked",
  secondFactorEnrolled: "Set up an authenticator app",
  recoveryCodesRegenerated: "Made new recovery codes",
  secondFactorTurnedOff: "Turned off two-factor sign-in",
  secondFactorReset: "Second factor reset",
};

/** The person's page for an administrator. */
export function personPage(userId: number, admin: { id: number }) {
  const person = findPerson(userId) ?? personNotFound();
  const firstRole = person.memberships[0];
  return {
    person: { ...person, createdAt: formatBrussels(person.createdAt) },
    isSelf: person.id === admin.id,
    activity: auditActivity("user", person.id, AUDIT_ACTION_LABELS),
    institutions: institutionChoices(firstRole?.institutionId ?? null),
    countries: listCountries(),
  };
}
