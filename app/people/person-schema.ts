import { z } from "../zod";
import { singleLine } from "../free-text-schema";
import type { Role } from "../../workflows/actors";
import { roles } from "../../workflows/actors";
import type { Language } from "../../workflows/languages";
import { LANGUAGES } from "../../workflows/languages";

// A person as the people pages and their forms know them: status, roles, and the one schema of
// the invite and edit forms (server and browser).

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

// Which of institution, country and affiliation a role needs. Checked with `when` so that every
// missing field is reported at once, not only after the other fields are right.
const roleFields = {
  role: z.enum(roles, { error: "personForms.error.role" }),
  institutionId: z.number({ error: "personForms.error.institution" }).int().positive("personForms.error.institution").optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "personForms.error.country").optional(),
  affiliation: singleLine().trim().max(200, "personForms.error.tooLong200").optional(),
};

const personFields = {
  name: singleLine({ error: "personForms.error.name" }).trim().min(2, "personForms.error.name").max(200, "personForms.error.tooLong200"),
  jobTitle: singleLine().trim().max(200, "personForms.error.tooLong200").optional(),
};

type RoleInput = { role?: unknown; institutionId?: unknown; countryCode?: unknown; affiliation?: unknown };

function requireRoleDetails<T extends z.ZodType<RoleInput>>(schema: T) {
  const always = { when: () => true };
  return schema
    .refine((v) => v.role !== "applicant" || v.institutionId !== undefined, {
      ...always,
      path: ["institutionId"],
      message: "personForms.error.applicantInstitution",
    })
    .refine((v) => v.role !== "countryAdvisor" || v.countryCode !== undefined, {
      ...always,
      path: ["countryCode"],
      message: "personForms.error.advisorCountry",
    })
    .refine((v) => v.role !== "reviewer" || (typeof v.affiliation === "string" && v.affiliation.trim() !== ""), {
      ...always,
      path: ["affiliation"],
      message: "personForms.error.reviewerAffiliation",
    });
}

const LANGUAGE_TAGS = LANGUAGES.map((language) => language.tag) as [Language, ...Language[]];

// The language usually spoken in an institution's offices, for the invitation's first choice. The
// BCMS countries get the Latin script: it is the common default of their offices' correspondence
// (Serbian institutions write in both scripts; Bosnia and Herzegovina and Montenegro mostly in Latin).
const USUAL_LANGUAGES: Record<string, Language> = { AL: "sq", XK: "sq", MK: "mk", RS: "sr-Latn", BA: "sr-Latn", ME: "sr-Latn" };

/** The language an invitation to someone in this country is usually best written in, if the portal knows one. */
export function usualLanguageOf(countryCode: string | null | undefined): Language | null {
  return (countryCode && USUAL_LANGUAGES[countryCode]) || null;
}

export const inviteSchema = requireRoleDetails(
  z.object({
    ...personFields,
    email: z
      .email({ error: "personForms.error.email" })
      .max(254, "personForms.error.tooLong254")
      .transform((e) => e.toLowerCase()),
    // The account's language: the invitation, later mail and the first sign-in are in it. Left
    // out (the command line), the account has none and mail goes in English, the language of record.
    locale: z.enum(LANGUAGE_TAGS, { error: "personForms.error.language" }).optional(),
    ...roleFields,
  }),
);

export const editPersonSchema = requireRoleDetails(z.object({ ...personFields, ...roleFields }));

export type InviteInput = z.infer<typeof inviteSchema>;
export type PersonInput = z.infer<typeof editPersonSchema>;

export const deactivatePersonSchema = z.object({
  confirm: z.boolean({ error: "personForms.error.confirmDeactivation" }),
});

// Sending the invitation again and reactivating carry no fields, only the button pressed.
export const noFieldsSchema = z.object({});
