import { z } from "../zod";
import { multiLine, singleLine } from "../free-text-schema";
import type { CountryCode } from "../../workflows/countries";
import { COUNTRY_CODES } from "../../workflows/countries";
import type { Translate } from "../../workflows/words";
import { ACTIVITY_TYPE_IDS } from "../../workflows/vocabulary";
import { activityKey, isoDate, MAX_PARTICIPANTS } from "./concept-note-schema";

// The implementation page's forms, read by the server (the browser has their checks from
// `browserChecks`, not zod): an activity planned, an activity reported as held, and the
// completion report. Whether the report may be submitted (both parts answered) is the
// statechart's to say. Messages are catalogue keys (locales/*/documents.json); the two that
// name numbers or a day are made by the page's `t`.

const text = multiLine().trim().max(8000, "implementationForm.atMost8000");

/** The date an activity was held can be today in any of the six countries, but not later. */
function notAfterTomorrow(date: string) {
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  return date <= tomorrow;
}

const PAST_DATE = "implementationForm.pastDate";

/** People per country: a whole number from 0 for each country given; a country left empty takes no part. */
const perCountry = z
  .object(
    Object.fromEntries(
      COUNTRY_CODES.map((code) => [
        code,
        z
          .number({ error: "implementationForm.numberNumber" })
          .int("implementationForm.numberWhole")
          .min(0, "implementationForm.numberMin")
          .max(MAX_PARTICIPANTS, "implementationForm.numberMax")
          .optional(),
      ]),
    ) as Record<CountryCode, z.ZodOptional<z.ZodNumber>>,
  )
  .default({});

export type ParticipantsByCountry = Partial<Record<CountryCode, number>>;

export function participantsTotal(byCountry: ParticipantsByCountry) {
  return Object.values(byCountry).reduce<number>((sum, n) => sum + (n ?? 0), 0);
}

/** The report of an activity, its messages made by `t` (the page's, on the server and in the browser). */
export function activityReportSchemaIn(t: Translate) {
  return z
    .object({
      intent: z.literal("reportActivity"),
      activityKey,
      heldOn: isoDate.refine(notAfterTomorrow, PAST_DATE),
      heldUntil: isoDate.refine(notAfterTomorrow, PAST_DATE).optional(),
      participants: z
        .number({ error: "conceptNoteForm.participantsNumber" })
        .int("conceptNoteForm.participantsWhole")
        .min(1, "implementationForm.participantsMin")
        .max(MAX_PARTICIPANTS, "conceptNoteForm.participantsMax"),
      byCountry: perCountry,
      outcome: z
        .string({ error: "implementationForm.outcomeRequired" })
        .trim()
        .min(1, "implementationForm.outcomeRequired")
        .max(4000, "conceptNoteForm.atMost4000"),
    })
    .superRefine((report, ctx) => {
      if (report.heldUntil && report.heldUntil < report.heldOn) {
        ctx.addIssue({ code: "custom", path: ["heldUntil"], message: "implementationForm.lastBeforeFirst" });
      }
      // The numbers per country are optional; given, they are the participants counted by country.
      const counted = participantsTotal(report.byCountry);
      if (Object.values(report.byCountry).some((n) => n !== undefined) && counted !== report.participants) {
        ctx.addIssue({ code: "custom", path: ["participants"], message: t("implementationForm.perCountrySum", { counted, participants: report.participants }) });
      }
    });
}

/** The report's shape and its fixed messages, for the browser's constraints (a sum's message stays a key). */
export const activityReportSchema = activityReportSchemaIn((key) => key);

/**
 * The report of an activity of a proposal whose implementation started on `startedOn` (the
 * Brussels day of its START, with that day as the page writes it; null before it started): an
 * activity held before that day is not part of the implementation.
 */
export function activityReportSchemaFrom(startedOn: { day: string; label: string } | null, t: Translate) {
  return activityReportSchemaIn(t).superRefine((report, ctx) => {
    if (startedOn === null || report.heldOn >= startedOn.day) return;
    ctx.addIssue({ code: "custom", path: ["heldOn"], message: t("implementationForm.beforeStart", { day: startedOn.label }) });
  });
}

/** A planned activity, new (no key) or changed (its key and the version it was read at). */
export const plannedActivitySchema = z
  .object({
    intent: z.literal("planActivity"),
    key: activityKey.optional(),
    version: z.number({ error: "implementationForm.reload" }).int().min(1).optional(),
    type: z.enum(ACTIVITY_TYPE_IDS, { error: "implementationForm.chooseType" }),
    title: singleLine({ error: "implementationForm.titleRequired" }).trim().min(1, "implementationForm.titleRequired").max(200, "conceptNoteForm.atMost200"),
    startsOn: z.string({ error: "implementationForm.firstDayRequired" }).pipe(isoDate),
    endsOn: isoDate.optional(),
    place: singleLine({ error: "implementationForm.placeRequired" }).trim().min(1, "implementationForm.placeRequired").max(120, "conceptNoteForm.atMost120"),
    participants: perCountry,
  })
  .superRefine((activity, ctx) => {
    if (activity.endsOn && activity.endsOn < activity.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "implementationForm.lastBeforeFirst" });
    }
    if (participantsTotal(activity.participants) < 1) {
      ctx.addIssue({ code: "custom", path: ["participants"], message: "implementationForm.expectedAtLeastOne" });
    }
  });

const COMPLETION_REPORT_INTENTS = ["saveReport", "submitReport"] as const;

export const completionReportSchema = z.object({
  intent: z.enum(COMPLETION_REPORT_INTENTS),
  version: z.number({ error: "implementationForm.reload" }).int().min(1),
  outcome: text.default(""),
  lessonsLearnt: text.default(""),
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
