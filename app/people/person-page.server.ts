import { formatBrussels } from "../../workflows/time";
import { auditTrail } from "../audit.server";
import { institutionChoices, listCountries } from "../institutions/institutions.server";
import { findPerson } from "./people.server";

// One person as the TAF team manages them: their details, the choices the edit form offers, and
// what the audit log recorded about them, in words.

export function personNotFound(): never {
  throw new Response("There is no person at this address.", { status: 404, statusText: "Not Found" });
}

/** The person of the address; anything but a plain positive number is a 404, not an error. */
export function personIdOf(param: string | undefined) {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) personNotFound();
  return Number(param);
}

const AUDIT_ACTION_LABELS: Record<string, string> = {
  personInvited: "Invited",
  invitationResent: "Invitation sent again",
  invitationAccepted: "Accepted the invitation and chose a password",
  personUpdated: "Details changed",
  personDeactivated: "Deactivated",
  personReactivated: "Reactivated",
  signIn: "Signed in",
  passwordChanged: "Changed their password",
  passwordResetRequested: "Asked for a password reset link",
  passwordReset: "Chose a new password with a reset link",
};

function auditActionLabel(action: string) {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** The person's page for an administrator. */
export function personPage(userId: number, admin: { id: number }) {
  const person = findPerson(userId) ?? personNotFound();
  const firstRole = person.memberships[0];
  return {
    person: { ...person, createdAt: formatBrussels(person.createdAt) },
    isSelf: person.id === admin.id,
    activity: auditTrail("user", person.id).map((entry) => ({
      id: entry.id,
      at: formatBrussels(entry.at),
      what: auditActionLabel(entry.action),
      by: entry.actorId === person.id ? "themselves" : (entry.actorName ?? "the portal"),
    })),
    institutions: institutionChoices(firstRole?.institutionId ?? null),
    countries: listCountries(),
  };
}
