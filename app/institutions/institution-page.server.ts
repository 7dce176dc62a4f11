import { formatBrussels } from "../../workflows/time";
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

const AUDIT_ACTION_LABELS: Record<string, string> = {
  institutionCreated: "Added to the directory",
  institutionUpdated: "Details changed",
  institutionDeactivated: "Deactivated",
  institutionReactivated: "Reactivated",
  institutionMerged: "Merged into another institution",
};

/** The institution's page for an administrator. */
export function institutionPage(institutionId: number) {
  const institution = findInstitution(institutionId) ?? institutionNotFound();
  return {
    institution: { ...institution, createdAt: formatBrussels(institution.createdAt) },
    people: institutionPeople(institution.id),
    activity: auditActivity("institution", institution.id, AUDIT_ACTION_LABELS),
    countries: listCountries(),
    ...mergeLinks(institution.id),
  };
}
