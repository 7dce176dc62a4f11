import { z } from "../zod";
import { singleLine } from "../free-text-schema";
import { roles } from "../../workflows/actors";
import type { Language } from "../../workflows/languages";
import { LANGUAGES } from "../../workflows/languages";

// The one schema of the invite and edit forms, which the server parses; the browser checks
// them with what the server reads from it (app/forms.server.ts, `browserChecks`). What a person
// is on the people pages (status, roles) is in person.ts, which the pages load without zod.

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
