import { z } from "../zod";
import { multiLine } from "../free-text-schema";
import { messageWith } from "../free-text-schema";

export const COMMENT_MAX = 4000;

export const commentSchema = z.object({
  body: multiLine({ error: "commentsPage.error.empty" })
    .trim()
    .min(1, "commentsPage.error.empty")
    .max(COMMENT_MAX, messageWith("commentsPage.error.tooLong", { max: COMMENT_MAX })),
});
