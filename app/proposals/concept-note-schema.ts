import { z } from "zod";
import { multiLine } from "../free-text-schema";
import { COUNTRY_CODES } from "../../workflows/countries";
import type { CountryCode } from "../../workflows/countries";
import type { SupportKind } from "../../workflows/vocabulary";
import { SUPPORT_KINDS } from "../../workflows/vocabulary";

// The concept note form, one schema for the server and the browser (Conform). Saving accepts an
// unfinished note; "submit" also asks that every row that was started be complete. Whether the
// note as a whole may be submitted (activities, budget lines and risks all there) is the
// statechart's to say, so a missing part is its refusal, not a field error here. While a
// revision request is open, "submit" also asks for the answer to it (the statechart refuses a
// resubmission without one too); saving keeps whatever answer was typed, even none.

export const MAX_ACTIVITIES = 30;
export const MAX_BUDGET_LINES = 50;
export const MAX_PARTICIPANTS = 10_000;
const MAX_AMOUNT_EUR = 5_000_000;
export const MAX_ANSWER = 4000;
const ANSWER_REQUIRED = "Write your answer to the revision request: what you changed and why.";

const CONCEPT_NOTE_INTENTS = ["save", "submit"] as const;
export type ConceptNoteIntent = (typeof CONCEPT_NOTE_INTENTS)[number];

const SUPPORT_KIND_IDS = SUPPORT_KINDS.map((kind) => kind.id) as [SupportKind, ...SupportKind[]];

const text = (max: number) => multiLine().trim().max(max, `Use at most ${max} characters.`);

/** "2026-09-15", a date that exists (not 31 April), between 2000 and 2099. */
export const isoDate = z
  .string({ error: "Give the date as YYYY-MM-DD, for example 2026-09-15." })
  .trim()
  .regex(/^20\d\d-\d\d-\d\d$/, { error: "Give the date as YYYY-MM-DD, for example 2026-09-15.", abort: true })
  .refine((value) => {
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  }, { error: "This date does not exist in the calendar.", abort: true });

// An activity has people in it and a budget line costs something: 0 is a slip, not an answer.
const wholeNumber = (what: string, max: number) =>
  z
    .number({ error: `Give the ${what} as a number.` })
    .int(`Give the ${what} as a whole number.`)
    .min(1, `The ${what} must be at least 1.`)
    .max(max, `The ${what} cannot be above ${max.toLocaleString("en-GB")}.`);

/** Stable ids of activities: activity reports point at them once the concept note is approved. */
export const activityKey = z.string().regex(/^[A-Za-z0-9-]{1,40}$/, "This activity's id is not valid. Reload the page.");

/** When a row has been started, "submit" asks for the rest of it. */
function requireRest<T extends Record<string, unknown>>(strict: boolean, required: readonly [keyof T & string, string][], ignore: readonly string[]) {
  return (row: T, ctx: z.RefinementCtx) => {
    if (!strict) return;
    const started = Object.entries(row).some(([name, value]) => !ignore.includes(name) && isFilled(value));
    if (!started) return;
    for (const [name, message] of required) {
      if (!isFilled(row[name])) ctx.addIssue({ code: "custom", path: [name], message });
    }
  };
}

export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (typeof value === "object") return Object.values(value).some(isFilled);
  return true;
}

const institutionsSchema = z.object(
  Object.fromEntries(COUNTRY_CODES.map((code) => [code, text(300).optional()])) as Record<CountryCode, z.ZodOptional<ReturnType<typeof text>>>,
);

/** An institution an activity can name: the proposal's lead or one of its confirmed partners. */
export type InstitutionChoice = { id: number; name: string; countryCode: CountryCode };

const NOT_A_PARTNER = "Tick institutions of this proposal only: its lead and its confirmed partners.";

/**
 * `choices`: the institutions the form offers (null where the stored note is read back). The form
 * sends the ticked ones as `institutionIds`; the note stores their names by country
 * (`institutions`), as the frozen versions and the plan of activities read them.
 */
function activitySchema(strict: boolean, choices: readonly InstitutionChoice[] | null) {
  return z
    .object({
      key: activityKey.optional(),
      kind: z.enum(SUPPORT_KIND_IDS, { error: "Choose a kind of activity from the list." }).optional(),
      title: text(200).optional(),
      date: isoDate.optional(),
      place: text(120).optional(),
      institutions: institutionsSchema.optional(),
      institutionIds: z
        .array(z.number({ error: NOT_A_PARTNER }).int(NOT_A_PARTNER))
        .refine((ids) => choices === null || ids.every((id) => choices.some((choice) => choice.id === id)), NOT_A_PARTNER)
        .optional(),
      participants: wholeNumber("number of participants", MAX_PARTICIPANTS).optional(),
    })
    .superRefine(
      requireRest(
        strict,
        [
          ["kind", "Choose the kind of activity."],
          ["title", "Give the activity a title."],
          ["date", "Give the date of the activity."],
          ["place", "Give the place of the activity."],
          ["institutionIds", "Tick the institutions taking part: at least one."],
          ["participants", "Give the expected number of participants."],
        ],
        ["key"],
      ),
    );
}

function budgetLineSchema(strict: boolean) {
  return z
    .object({
      item: text(200).optional(),
      amountEur: wholeNumber("amount in euros", MAX_AMOUNT_EUR).optional(),
    })
    .superRefine(
      requireRest(
        strict,
        [
          ["item", "Say what this budget line pays for."],
          ["amountEur", "Give the amount in euros."],
        ],
        [],
      ),
    );
}

/**
 * The form's schema; `submit` also checks that each started row is complete and, when
 * `answering` an open revision request, that there is an answer. `choices`: the institutions an
 * activity may name.
 */
export function conceptNoteSchema(intent: ConceptNoteIntent | null = "save", answering = false, choices: readonly InstitutionChoice[] | null = null) {
  const strict = intent === "submit";
  return z.object({
    intent: z.enum(CONCEPT_NOTE_INTENTS).default("save"),
    version: z.number({ error: "Reload the page and try again." }).int().min(1),
    activities: z
      .array(activitySchema(strict, choices).nullable())
      .max(MAX_ACTIVITIES, `A concept note has at most ${MAX_ACTIVITIES} activities.`)
      .default([]),
    budgetLines: z
      .array(budgetLineSchema(strict).nullable())
      .max(MAX_BUDGET_LINES, `A concept note has at most ${MAX_BUDGET_LINES} budget lines.`)
      .default([]),
    risks: text(4000).default(""),
    mitigation: text(4000).default(""),
    answer:
      strict && answering
        ? multiLine({ error: ANSWER_REQUIRED }).trim().min(1, ANSWER_REQUIRED).max(MAX_ANSWER, `Use at most ${MAX_ANSWER} characters.`)
        : text(MAX_ANSWER).default(""),
  });
}

/** The intent a form post (or the browser's submitter) asked for. */
export function conceptNoteIntent(formData: FormData | URLSearchParams): ConceptNoteIntent {
  return formData.get("intent") === "submit" ? "submit" : "save";
}

export type ConceptNoteForm = z.infer<ReturnType<typeof conceptNoteSchema>>;
export type ConceptActivityForm = NonNullable<ConceptNoteForm["activities"][number]>;
export type BudgetLineForm = NonNullable<ConceptNoteForm["budgetLines"][number]>;
