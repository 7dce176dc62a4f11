import { z } from "../zod";
import { multiLine, singleLine } from "../free-text-schema";
import { SCALE_POINTS } from "../../workflows/review-criteria";

// Browser-safe: the form an administrator edits a round's review criteria with, shared by the
// server and the browser (Conform). What is wrong across criteria (a repeated name, a missing
// label) is `checkReviewCriteria`'s to say, on the server, in one list of sentences.

export const MAX_REVIEW_CRITERIA = 12;

/** `tooLong` is the message key that names the limit. */
const text = (max: number, tooLong: string) => multiLine().trim().max(max, tooLong).default("");

export const criterionFormSchema = z.object({
  // Blank for a criterion added in this form: the server gives it a new id when it is saved.
  id: z.string().trim().max(80).default(""),
  name: singleLine({ error: "criteriaPage.validation.name" }).trim().min(1, "criteriaPage.validation.name").max(200, "criteriaPage.validation.atMost200"),
  guidance: text(2000, "criteriaPage.validation.atMost2000"),
  weight: z
    .number({ error: "criteriaPage.validation.weight" })
    .positive("criteriaPage.validation.weightAboveZero")
    .max(100, "criteriaPage.validation.weightAtMost100"),
  scaleLabels: z
    .array(text(300, "criteriaPage.validation.atMost300"), { error: "criteriaPage.validation.scaleLabels" })
    .length(SCALE_POINTS.length, "criteriaPage.validation.scaleLabels"),
});

export const reviewCriteriaFormSchema = z.object({
  version: z.number({ error: "criteriaPage.validation.outOfDate" }).int(),
  criteria: z
    .array(criterionFormSchema, { error: "criteriaPage.validation.atLeastOne" })
    .min(1, "criteriaPage.validation.atLeastOne")
    .max(MAX_REVIEW_CRITERIA, "criteriaPage.validation.atMostTwelve"),
});

export type ReviewCriteriaFormInput = z.infer<typeof reviewCriteriaFormSchema>;
export type ReviewCriteriaFormValues = z.input<typeof reviewCriteriaFormSchema>;
