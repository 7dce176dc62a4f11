import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
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

function auditActionWords(t: TFunction): Record<string, string> {
  return {
    personInvited: t("personPage.action.personInvited"),
    invitationResent: t("personPage.action.invitationResent"),
    invitationAccepted: t("personPage.action.invitationAccepted"),
    personUpdated: t("personPage.action.personUpdated"),
    personDeactivated: t("personPage.action.personDeactivated"),
    personReactivated: t("personPage.action.personReactivated"),
    signIn: t("personPage.action.signIn"),
    signInHeldUnderAttack: t("personPage.action.signInHeldUnderAttack"),
    passwordCheckFailed: t("personPage.action.passwordCheckFailed"),
    passwordChanged: t("personPage.action.passwordChanged"),
    passwordResetRequested: t("personPage.action.passwordResetRequested"),
    passwordReset: t("personPage.action.passwordReset"),
    signInPasswordAccepted: t("personPage.action.signInPasswordAccepted"),
    secondFactorEnrolled: t("personPage.action.secondFactorEnrolled"),
    recoveryCodesRegenerated: t("personPage.action.recoveryCodesRegenerated"),
    secondFactorTurnedOff: t("personPage.action.secondFactorTurnedOff"),
    secondFactorReset: t("personPage.action.secondFactorReset"),
    passkeyAdded: t("personPage.action.passkeyAdded"),
    passkeyRemoved: t("personPage.action.passkeyRemoved"),
  };
}

/** The person's page for an administrator, in the page's language. */
export function personPage(userId: number, admin: { id: number }, t: TFunction, language: PageLanguage) {
  const person = findPerson(userId) ?? personNotFound();
  const firstRole = person.memberships[0];
  return {
    person: { ...person, createdAt: formatBrusselsIn(language, person.createdAt) },
    isSelf: person.id === admin.id,
    activity: auditActivity("user", person.id, auditActionWords(t), t, language),
    institutions: institutionChoices(firstRole?.institutionId ?? null),
    countries: listCountries(),
  };
}
