import { z } from "../zod";
import { multiLine } from "../free-text-schema";
import { CONFIDENCE_IDS, RECOMMENDATION_IDS, SCALE_POINTS } from "../../workflows/review-criteria";
import { REVIEW_COMMENT_MAX, SCORE_FIELD_PREFIX } from "./review-fields";

// The review form, as the reviewer's browser sends it and the server reads it. A draft may leave
// anything blank (what a submission needs is the statechart's to say, through
// missingReviewParts); only what no review may hold is refused, and then nothing typed is lost:
// the page comes back with the text as it was sent.

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** `tooLong` is the message key, translated with `max` (REVIEW_COMMENT_MAX as the reader writes it). */
const comment = (tooLong: string) =>
  z
    .string()
    .default("")
    .refine((text) => text.length <= REVIEW_COMMENT_MAX, { message: tooLong });

const score = z.preprocess(
  blankToUndefined,
  z.coerce
    .number()
    .int()
    .refine((n) => (SCALE_POINTS as readonly number[]).includes(n), { message: "reviewPage.validation.score" })
    .optional(),
);

export const reviewDraftSchema = z.object({
  recommendation: z.preprocess(blankToUndefined, z.enum(RECOMMENDATION_IDS).optional()),
  confidence: z.preprocess(blankToUndefined, z.enum(CONFIDENCE_IDS).optional()),
  commentForApplicants: comment("reviewPage.validation.commentForApplicantsTooLong"),
  internalComment: comment("reviewPage.validation.internalCommentTooLong"),
});

export type ReviewDraft = z.infer<typeof reviewDraftSchema> & { scores: Record<string, number> };

export type ReadReview = { ok: true; draft: ReviewDraft } | { ok: false; problems: string[]; typed: ReviewDraftTyped };

/** What the reviewer typed, as sent, to put back in the form when it cannot be saved. */
export type ReviewDraftTyped = { scores: Record<string, string>; recommendation: string; confidence: string; commentForApplicants: string; internalComment: string };

/** The review form's fields as sent. */
export function typedReviewForm(form: Record<string, string>, criterionIds: readonly string[]): ReviewDraftTyped {
  return {
    scores: Object.fromEntries(criterionIds.map((id) => [id, form[`${SCORE_FIELD_PREFIX}${id}`] ?? ""])),
    recommendation: form.recommendation ?? "",
    confidence: form.confidence ?? "",
    commentForApplicants: form.commentForApplicants ?? "",
    internalComment: form.internalComment ?? "",
  };
}

/** Reads the review form for the round's criteria: scores are the fields `score.<criterion id>`. */
export function readReviewForm(form: Record<string, string>, criterionIds: readonly string[]): ReadReview {
  const typed = typedReviewForm(form, criterionIds);
  const problems: string[] = [];
  const scores: Record<string, number> = {};
  for (const id of criterionIds) {
    const parsed = score.safeParse(typed.scores[id]);
    if (!parsed.success) problems.push(parsed.error.issues[0]?.message ?? "reviewPage.validation.score");
    else if (parsed.data !== undefined) scores[id] = parsed.data;
  }
  const rest = reviewDraftSchema.safeParse(typed);
  if (!rest.success) problems.push(...rest.error.issues.map((issue) => issue.message));
  if (problems.length || !rest.success) return { ok: false, problems, typed };
  return { ok: true, draft: { ...rest.data, scores } };
}

/** The statechart events a reviewer sends from the review page, with the texts they carry. */
export const reviewerCommandSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("DECLARE_NO_CONFLICT") }),
  z.object({ intent: z.literal("DECLARE_CONFLICT"), reason: multiLine().trim().min(1, "reviewPage.validation.conflictReason").max(2000) }),
  z.object({ intent: z.literal("DECLINE"), reason: multiLine().trim().min(1, "reviewPage.validation.declineReason").max(2000) }),
  z.object({ intent: z.literal("REOPEN_REVIEW") }),
]);
