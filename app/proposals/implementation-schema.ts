import { z } from "../zod";
import { multiLine, singleLine } from "../free-text-schema";
import type { CountryCode } from "../../workflows/countries";
import { COUNTRY_CODES } from "../../workflows/countries";
import { formatDay } from "../../workflows/time";
import { ACTIVITY_TYPE_IDS } from "../../workflows/vocabulary";
import { activityKey, isoDate, MAX_PARTICIPANTS } from "./concept-note-schema";

// The implementation page's two forms, shared by the server and the browser (Conform): an
// activity reported as held, and the completion report. Whether the report may be submitted
// (both parts answered) is the statechart's to say.

const text = (max: number) => multiLine().trim().max(max, `Use at most ${max} characters.`);

/** The date an activity was held can be today in any of the six countries, but not later. */
function notAfterTomorrow(date: string) {
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return date <= tomorrow;
}

const PAST_DATE = "Report an activity once it has been held: this date is in the future.";

/** People per country: a whole number from 0 for each country given; a country left empty takes no part. */
const perCountry = z
  .object(
    Object.fromEntries(
      COUNTRY_CODES.map((code) => [
        code,
        z
          .number({ error: "Give the number as a number." })
          .int("Give the number as a whole number.")
          .min(0, "The number cannot be below 0.")
          .max(MAX_PARTICIPANTS, `The number cannot be above ${MAX_PARTICIPANTS.toLocaleString("en-GB")}.`)
          .optional(),
      ]),
    ) as Record<CountryCode, z.ZodOptional<z.ZodNumber>>,
  )
  .default({});

export type ParticipantsByCountry = Partial<Record<CountryCode, number>>;

export function participantsTotal(byCountry: ParticipantsByCountry) {
  return Object.values(byCountry).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

export const activityReportSchema = z
  .object({
    intent: z.literal("reportActivity"),
    activityKey,
    heldOn: isoDate.refine(notAfterTomorrow, PAST_DATE),
    heldUntil: isoDate.refine(notAfterTomorrow, PAST_DATE).optional(),
    participants: z
      .number({ error: "Give the number of participants as a number." })
      .int("Give the number of participants as a whole number.")
      .min(1, "Give the number of people who took part.")
      .max(MAX_PARTICIPANTS, `The number of participants cannot be above ${MAX_PARTICIPANTS.toLocaleString("en-GB")}.`),
    byCountry: perCountry,
    outcome: z
      .string({ error: "Say in a few sentences what the activity achieved." })
      .trim()
      .min(1, "Say in a few sentences what the activity achieved.")
      .max(4000, "Use at most 4000 characters."),
  })
  .superRefine((report, ctx) => {
    if (report.heldUntil && report.heldUntil < report.heldOn) {
      ctx.addIssue({ code: "custom", path: ["heldUntil"], message: "The last day cannot be before the first." });
    }
    // The numbers per country are optional; given, they are the participants counted by country.
    const counted = participantsTotal(report.byCountry);
    if (Object.values(report.byCountry).some((n) => n !== undefined) && counted !== report.participants) {
      ctx.addIssue({ code: "custom", path: ["participants"], message: `The numbers per country add up to ${counted}, not ${report.participants}: correct one or the other.` });
    }
  });

/**
 * The report of an activity of a proposal whose implementation started on `startedOn` (the
 * Brussels day of its START; null before it started): an activity held before that day is not
 * part of the implementation.
 */
export function activityReportSchemaFrom(startedOn: string | null) {
  return activityReportSchema.superRefine((report, ctx) => {
    if (startedOn === null || report.heldOn >= startedOn) return;
    ctx.addIssue({
      code: "custom",
      path: ["heldOn"],
      message: `Implementation started on ${formatDay(startedOn)}: an activity held before that day is not part of it. Check the date.`,
    });
  });
}

/** A planned activity, new (no key) or changed (its key and the version it was read at). */
export const plannedActivitySchema = z
  .object({
    intent: z.literal("planActivity"),
    key: activityKey.optional(),
    version: z.number({ error: "Reload the page and try again." }).int().min(1).optional(),
    type: z.enum(ACTIVITY_TYPE_IDS, { error: "Choose the type of activity from the list." }),
    title: singleLine({ error: "Give the activity a title." }).trim().min(1, "Give the activity a title.").max(200, "Use at most 200 characters."),
    startsOn: z.string({ error: "Give the first day of the activity." }).pipe(isoDate),
    endsOn: isoDate.optional(),
    place: singleLine({ error: "Give the place of the activity." }).trim().min(1, "Give the place of the activity.").max(120, "Use at most 120 characters."),
    participants: perCountry,
  })
  .superRefine((activity, ctx) => {
    if (activity.endsOn && activity.endsOn < activity.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "The last day cannot be before the first." });
    }
    if (participantsTotal(activity.participants) < 1) {
      ctx.addIssue({ code: "custom", path: ["participants"], message: "Give the expected number of participants for at least one country." });
    }
  });

const COMPLETION_REPORT_INTENTS = ["saveReport", "submitReport"] as const;

export const completionReportSchema = z.object({
  intent: z.enum(COMPLETION_REPORT_INTENTS),
  version: z.number({ error: "Reload the page and try again." }).int().min(1),
  outcome: text(8000).default(""),
  lessonsLearnt: text(8000).default(""),
});

export type ActivityReportForm = z.infer<typeof activityReportSchema>;
export type PlannedActivityForm = z.infer<typeof plannedActivitySchema>;

/** The timeline's filters, from the search parameters; an empty one filters nothing. */
export const timelineFilterSchema = z.object({
  country: z.enum(COUNTRY_CODES, { error: "Choose a country from the list." }).optional(),
  round: z.coerce.number({ error: "Choose a round from the list." }).int("Choose a round from the list.").min(1, "Choose a round from the list.").optional(),
  month: z
    .string()
    .regex(/^20\d\d-(0[1-9]|1[0-2])$/, "Give the month as YYYY-MM, for example 2027-03.")
    .optional(),
});

export type TimelineFilter = z.infer<typeof timelineFilterSchema>;
export type CompletionReportForm = z.infer<typeof completionReportSchema>;
