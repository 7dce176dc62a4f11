import type { Role } from "../../workflows/actors";
import type { Language } from "../../workflows/languages";

// A person as the people pages know them: status, roles, and the language an invitation to
// them is usually best written in. Without zod, so the pages that show them load none (issue 13).

export const personStatuses = ["active", "invited", "deactivated"] as const;
export type PersonStatus = (typeof personStatuses)[number];

export function personStatus(active: boolean, hasPassword: boolean): PersonStatus {
  if (!active) return "deactivated";
  return hasPassword ? "active" : "invited";
}

/** A role as the people pages show it: the institution's country, or the advisor's own. */
export type RoleView = {
  role: Role;
  institutionId: number | null;
  institutionName: string | null;
  countryCode: string | null;
  countryName: string | null;
  countryNeedsFootnote: boolean;
  affiliation: string | null;
};

// The language usually spoken in an institution's offices, for the invitation's first choice. The
// BCMS countries get the Latin script: it is the common default of their offices' correspondence
// (Serbian institutions write in both scripts; Bosnia and Herzegovina and Montenegro mostly in Latin).
const USUAL_LANGUAGES: Record<string, Language> = { AL: "sq", XK: "sq", MK: "mk", RS: "sr-Latn", BA: "sr-Latn", ME: "sr-Latn" };

/** The language an invitation to someone in this country is usually best written in, if the portal knows one. */
export function usualLanguageOf(countryCode: string | null | undefined): Language | null {
  return (countryCode && USUAL_LANGUAGES[countryCode]) || null;
}

