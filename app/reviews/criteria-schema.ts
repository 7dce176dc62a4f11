import { z } from "zod";
import { multiLine, singleLine } from "../free-text-schema";
import { SCALE_POINTS } from "../../workflows/review-criteria";

// Browser-safe: the form an administrator edits a round's review criteria with, shared by the
// server and the browser (Conform). What is wrong across criteria (a repeated name, a missing
// label) is `checkReviewCriteria`'s to say, on the server, in one list of sentences.

export const MAX_REVIEW_CRITERIA = 12;

const text = (max: number) => multiLine().trim().max(max, `Use at most ${max.toLocaleString("en-GB")} characters.`).default("");

export const criterionFormSchema = z.object({
  // Blank for a criterion added in this form: the server gives it a new id when it is saved.
  id: z.string().trim().max(80).default(""),
  name: singleLine({ error: "Enter the criterion's name." }).trim().min(1, "Enter the criterion's name.").max(200, "Use at most 200 characters."),
  guidance: text(2000),
  weight: z
    .number({ error: "Enter a weight, a number above zero such as 1 or 1.5." })
    .positive("Enter a weight above zero.")
    .max(100, "Enter a weight of at most 100: only the ratio between weights matters."),
  scaleLabels: z
    .array(text(300), { error: `Give words for each of the ${SCALE_POINTS.length} points of the scale.` })
    .length(SCALE_POINTS.length, `Give words for each of the ${SCALE_POINTS.length} points of the scale.`),
});

export const reviewCriteriaFormSchema = z.object({
  version: z.number({ error: "This form is out of date. Reload the page and try again." }).int(),
  criteria: z
    .array(criterionFormSchema, { error: "A round needs at least one review criterion." })
    .min(1, "A round needs at least one review criterion.")
    .max(MAX_REVIEW_CRITERIA, `A round has at most ${MAX_REVIEW_CRITERIA} review criteria.`),
});

export type ReviewCriteriaFormInput = z.infer<typeof reviewCriteriaFormSchema>;
export type ReviewCriteriaFormValues = z.input<typeof reviewCriteriaFormSchema>;
