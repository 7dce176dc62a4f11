import { z } from "../zod";
import { multiLine, singleLine } from "../free-text-schema";
import { INSTITUTION_TYPES } from "../../workflows/vocabulary";

export type CountryChoice = { code: string; name: string; needsFootnote: boolean };

export type InstitutionChoice = { id: number; name: string; active: boolean; countryCode: string; countryName: string; countryNeedsFootnote: boolean };

// One schema for adding and editing, used by the server and the browser. A missing mandate is
// allowed (the page warns): whether it makes a proposal ineligible is the round's criterion to
// judge, and the directory should record the institution as it is.
export const institutionSchema = z.object({
  name: singleLine({ error: "institutionForm.error.name" })
    .trim()
    .min(2, "institutionForm.error.fullName")
    .max(200, "personForms.error.tooLong200"),
  countryCode: z.string({ error: "personForms.error.country" }).regex(/^[A-Z]{2}$/, "personForms.error.country"),
  type: z.enum(INSTITUTION_TYPES, { error: "institutionForm.error.type" }),
  chapter23: z.boolean().default(false),
  chapter24: z.boolean().default(false),
  active: z.boolean().default(false),
});

export type InstitutionInput = z.infer<typeof institutionSchema>;

// Merging a duplicate: the institution to keep and why, recorded in the audit log.
export const mergeSchema = z.object({
  into: z.coerce.number({ error: "mergeInstitutions.error.into" }).int("mergeInstitutions.error.into").positive("mergeInstitutions.error.into"),
  reason: multiLine({ error: "mergeInstitutions.error.reason" })
    .trim()
    .min(10, "mergeInstitutions.error.reasonShort")
    .max(1000, "mergeInstitutions.error.tooLong1000"),
});
