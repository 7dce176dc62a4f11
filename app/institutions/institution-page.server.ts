import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { idInAddress } from "../address.server";
import { auditActivity } from "../audit.server";
import { findInstitution, institutionPeople, listCountries } from "./institutions.server";
import { mergeLinks } from "./merge.server";

// One institution as the TAF team manages it: its details, its people, and what the audit log
// recorded about it, in words.

export function institutionNotFound(): never {
  throw new Response("There is no institution at this address.", { status: 404, statusText: "Not Found" });
}

/** The institution of the address; anything but a plain positive number is a 404, not an error. */
export function institutionIdOf(param: string | undefined) {
  return idInAddress(param, institutionNotFound);
}

function auditActionWords(t: TFunction): Record<string, string> {
  return {
    institutionCreated: t("institutionPage.action.institutionCreated"),
    institutionUpdated: t("institutionPage.action.institutionUpdated"),
    institutionDeactivated: t("institutionPage.action.institutionDeactivated"),
    institutionReactivated: t("institutionPage.action.institutionReactivated"),
    institutionMerged: t("institutionPage.action.institutionMerged"),
  };
}

/** The institution's page for an administrator, in the page's language. */
export function institutionPage(institutionId: number, t: TFunction, language: PageLanguage) {
  const institution = findInstitution(institutionId) ?? institutionNotFound();
  return {
    institution: { ...institution, createdAt: formatBrusselsIn(language, institution.createdAt) },
    people: institutionPeople(institution.id),
    activity: auditActivity("institution", institution.id, auditActionWords(t), t, language),
    countries: listCountries(),
    ...mergeLinks(institution.id, language),
  };
}
