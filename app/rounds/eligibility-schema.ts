import { z } from "zod";
import { singleLine } from "../free-text-schema";
import type { CriterionId } from "../../workflows/eligibility";
import { ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { CRITERION_GUIDANCE_LENGTH, CRITERION_NAME_LENGTH, GRACE_HOURS_RANGE, MINIMUM_COUNTRIES_RANGE } from "./round-schema";

// Browser-safe: the form an administrator sets a round's eligibility rules with, shared by the
// server and the browser (Conform). Its bounds are the stored settings' (round-schema.ts), so
// the form and what a round may store cannot disagree. What may change once proposals were
// submitted is the server's to say (app/rounds/eligibility.server.ts).

const CRITERION_IDS = ELIGIBILITY_CRITERIA.map((criterion) => criterion.id) as [CriterionId, ...CriterionId[]];

const nameLength = `Use ${CRITERION_NAME_LENGTH.min} to ${CRITERION_NAME_LENGTH.max} characters.`;

function wholeNumber(range: { min: number; max: number }, message: string) {
  return z.number({ error: message }).int(message).min(range.min, message).max(range.max, message);
}

export const eligibilityCriterionFormSchema = z.object({
  id: z.enum(CRITERION_IDS, { error: "This criterion is not one the portal knows. Reload the page and try again." }),
  // A ticked box sends "on"; an unticked one sends nothing.
  applies: z.boolean().default(false),
  name: singleLine({ error: "Enter the criterion's name as the applicants read it." }).trim().min(CRITERION_NAME_LENGTH.min, nameLength).max(CRITERION_NAME_LENGTH.max, nameLength),
  guidance: z
    .string()
    .trim()
    .max(CRITERION_GUIDANCE_LENGTH, `Use at most ${CRITERION_GUIDANCE_LENGTH.toLocaleString("en-GB")} characters.`)
    .default(""),
});

export const eligibilityFormSchema = z.object({
  version: z.number({ error: "This form is out of date. Reload the page and try again." }).int(),
  criteria: z
    .array(eligibilityCriterionFormSchema)
    .length(CRITERION_IDS.length, "This form is out of date. Reload the page and try again.")
    .refine((criteria) => criteria.some((criterion) => criterion.applies), "Keep at least one criterion applying: otherwise every proposal would pass unchecked.")
    .refine((criteria) => new Set(criteria.map((criterion) => criterion.id)).size === criteria.length, "This form is out of date. Reload the page and try again."),
  minimumCountries: wholeNumber(MINIMUM_COUNTRIES_RANGE, `Enter a whole number of countries from ${MINIMUM_COUNTRIES_RANGE.min} to ${MINIMUM_COUNTRIES_RANGE.max}.`),
  // A rolling round has no deadline, so its form has no grace period: none is stored.
  graceHours: wholeNumber(GRACE_HOURS_RANGE, `Enter a whole number of hours from ${GRACE_HOURS_RANGE.min} (no grace period) to ${GRACE_HOURS_RANGE.max}.`).default(0),
});

export type EligibilityFormInput = z.infer<typeof eligibilityFormSchema>;
export type EligibilityFormValues = z.input<typeof eligibilityFormSchema>;
