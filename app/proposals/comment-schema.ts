import { z } from "../zod";
import { multiLine } from "../free-text-schema";

export const COMMENT_MAX = 4000;

export const commentSchema = z.object({
  body: multiLine({ error: "Write your comment first." })
    .trim()
    .min(1, "Write your comment first.")
    .max(COMMENT_MAX, `Use at most ${COMMENT_MAX} characters. Shorten the comment, or split it in two.`),
});
