import { z } from "zod";
import { activityKey, isoDate, MAX_PARTICIPANTS } from "./concept-note-schema";

// The implementation page's two forms, shared by the server and the browser (Conform): an
// activity reported as held, and the completion report. Whether the report may be submitted
// (both parts answered) is the statechart's to say.

const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`);

/** The date an activity was held can be today in any of the six countries, but not later. */
function notAfterTomorrow(date: string) {
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return date <= tomorrow;
}

export const activityReportSchema = z.object({
  intent: z.literal("reportActivity"),
  activityKey,
  heldOn: isoDate.refine(notAfterTomorrow, "Report an activity once it has been held: this date is in the future."),
  participants: z
    .number({ error: "Give the number of participants as a number." })
    .int("Give the number of participants as a whole number.")
    .min(1, "Give the number of people who took part.")
    .max(MAX_PARTICIPANTS, `The number of participants cannot be above ${MAX_PARTICIPANTS.toLocaleString("en-GB")}.`),
  outcome: z
    .string({ error: "Say in a few sentences what the activity achieved." })
    .trim()
    .min(1, "Say in a few sentences what the activity achieved.")
    .max(4000, "Use at most 4000 characters."),
});

const COMPLETION_REPORT_INTENTS = ["saveReport", "submitReport"] as const;

export const completionReportSchema = z.object({
  intent: z.enum(COMPLETION_REPORT_INTENTS),
  version: z.number({ error: "Reload the page and try again." }).int().min(1),
  outcome: text(8000).default(""),
  lessonsLearnt: text(8000).default(""),
});

export type ActivityReportForm = z.infer<typeof activityReportSchema>;
export type CompletionReportForm = z.infer<typeof completionReportSchema>;
