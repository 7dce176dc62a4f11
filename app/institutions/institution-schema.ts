import { z } from "../zod";
import { multiLine, singleLine } from "../free-text-schema";
import { INSTITUTION_TYPES } from "../../workflows/vocabulary";

export type CountryChoice = { code: string; name: string; needsFootnote: boolean };

export type InstitutionChoice = { id: number; name: string; active: boolean; countryCode: string; countryName: string; countryNeedsFootnote: boolean };

// One schema for adding and editing, used by the server and the browser. A missing mandate is
// allowed (the page warns): whether it makes a proposal ineligible is the round's criterion to
// judge, and the directory should record the institution as it is.
export const institutionSchema = z.object({
  name: singleLine({ error: "Enter the institution's name." })
    .trim()
    .min(2, "Enter the institution's full name.")
    .max(200, "Use at most 200 characters."),
  countryCode: z.string({ error: "Choose the country." }).regex(/^[A-Z]{2}$/, "Choose the country."),
  type: z.enum(INSTITUTION_TYPES, { error: "Choose the type of institution." }),
  chapter23: z.boolean().default(false),
  chapter24: z.boolean().default(false),
  active: z.boolean().default(false),
});

export type InstitutionInput = z.infer<typeof institutionSchema>;

// Merging a duplicate: the institution to keep and why, recorded in the audit log.
export const mergeSchema = z.object({
  into: z.coerce.number({ error: "Choose the institution to keep." }).int("Choose the institution to keep.").positive("Choose the institution to keep."),
  reason: multiLine({ error: "Say why these two records are one institution." })
    .trim()
    .min(10, "Say in a sentence why these two records are one institution.")
    .max(1000, "Use at most 1000 characters."),
});
