import { z } from "../zod";
import { singleLine } from "../free-text-schema";
import type { CriterionId } from "../../workflows/eligibility";
import { ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { CRITERION_GUIDANCE_LENGTH, CRITERION_NAME_LENGTH, GRACE_HOURS_RANGE, MINIMUM_COUNTRIES_RANGE } from "./round-schema";

// Browser-safe: the form an administrator sets a round's eligibility rules with, shared by the
// server and the browser (Conform). Its bounds are the stored settings' (round-schema.ts), so
// the form and what a round may store cannot disagree. What may change once proposals were
// submitted is the server's to say (app/rounds/eligibility.server.ts).

const CRITERION_IDS = ELIGIBILITY_CRITERIA.map((criterion) => criterion.id) as [CriterionId, ...CriterionId[]];

// The messages are catalogue keys; the numbers they name are the bounds below (app/i18n.ts).
const nameLength = "roundEligibility.error.nameLength";

function wholeNumber(range: { min: number; max: number }, message: string) {
  return z.number({ error: message }).int(message).min(range.min, message).max(range.max, message);
}

export const eligibilityCriterionFormSchema = z.object({
  id: z.enum(CRITERION_IDS, { error: "roundEligibility.error.unknownCriterion" }),
  // A ticked box sends "on"; an unticked one sends nothing.
  applies: z.boolean().default(false),
  name: singleLine({ error: "roundEligibility.error.nameMissing" }).trim().min(CRITERION_NAME_LENGTH.min, nameLength).max(CRITERION_NAME_LENGTH.max, nameLength),
  guidance: z
    .string()
    .trim()
    .max(CRITERION_GUIDANCE_LENGTH, "roundEligibility.error.guidanceLength")
    .default(""),
});

export const eligibilityFormSchema = z.object({
  version: z.number({ error: "roundForm.error.outOfDate" }).int(),
  criteria: z
    .array(eligibilityCriterionFormSchema)
    .length(CRITERION_IDS.length, "roundForm.error.outOfDate")
    .refine((criteria) => criteria.some((criterion) => criterion.applies), "roundEligibility.error.noneApplies")
    .refine((criteria) => new Set(criteria.map((criterion) => criterion.id)).size === criteria.length, "roundForm.error.outOfDate"),
  minimumCountries: wholeNumber(MINIMUM_COUNTRIES_RANGE, "roundEligibility.error.minimumCountries"),
  // A rolling round has no deadline, so its form has no grace period: none is stored.
  graceHours: wholeNumber(GRACE_HOURS_RANGE, "roundEligibility.error.graceHours").default(0),
});

export type EligibilityFormInput = z.infer<typeof eligibilityFormSchema>;
export type EligibilityFormValues = z.input<typeof eligibilityFormSchema>;
