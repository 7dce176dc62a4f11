// The review form's fields as the page writes them and the server reads them (review-schema.ts):
// here without zod, for the review page in the browser (issue 13).

/** The longest comment a review keeps: about two pages, more than any review needs. */
export const REVIEW_COMMENT_MAX = 8000;

export const SCORE_FIELD_PREFIX = "score.";
