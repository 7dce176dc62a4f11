import { z } from "zod";

export const COMMENT_MAX = 4000;

export const commentSchema = z.object({
  body: z
    .string({ error: "Write your comment first." })
    .trim()
    .min(1, "Write your comment first.")
    .max(COMMENT_MAX, `Use at most ${COMMENT_MAX} characters. Shorten the comment, or split it in two.`),
});
