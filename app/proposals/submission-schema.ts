import { z } from "../zod";

// What the preview page sends: SUBMIT, or RESPOND with the written answer, each with the version (state)
// and revision (content) the preview showed, so what is sent is what was read.
const submitSchema = z.object({ intent: z.literal("submit"), version: z.number().int(), revision: z.number().int() });
export const respondSchema = submitSchema.extend({
  intent: z.literal("respond"),
  message: z
    .string({ error: "submitPage.error.answer" })
    .trim()
    .min(1, "submitPage.error.answer")
    .max(8000, "submitPage.error.answerTooLong"),
});
export const sendSchema = z.discriminatedUnion("intent", [submitSchema, respondSchema]);

export type RespondForm = z.infer<typeof respondSchema>;
