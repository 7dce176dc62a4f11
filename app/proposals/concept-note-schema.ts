import { z } from "../zod";
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
export const MAX_ANSWER = 4000 as const;
const ANSWER_REQUIRED = "conceptNoteForm.answerRequired";

const CONCEPT_NOTE_INTENTS = ["save", "submit"] as const;
export type ConceptNoteIntent = (typeof CONCEPT_NOTE_INTENTS)[number];

const SUPPORT_KIND_IDS = SUPPORT_KINDS.map((kind) => kind.id) as [SupportKind, ...SupportKind[]];

// Messages are catalogue keys (locales/*/documents.json), one per cap the form uses.
const TOO_LONG = { 120: "conceptNoteForm.atMost120", 200: "conceptNoteForm.atMost200", 300: "conceptNoteForm.atMost300", 4000: "conceptNoteForm.atMost4000" } as const;
const text = (max: keyof typeof TOO_LONG) => multiLine().trim().max(max, TOO_LONG[max]);

/** "2026-09-15", a date that exists (not 31 April), between 2000 and 2099. */
function calendarDate(messages: { format: string; missing: string }) {
  return z
    .string({ error: messages.format })
    .trim()
    .regex(/^20\d\d-\d\d-\d\d$/, { error: messages.format, abort: true })
    .refine((value) => {
      const day = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
    }, { error: messages.missing, abort: true });
}

/** A date whose messages are catalogue keys: the concept note's, and the implementation's forms. */
export const isoDate = calendarDate({ format: "conceptNoteForm.dateFormat", missing: "conceptNoteForm.dateMissing" });

// An activity has people in it and a budget line costs something: 0 is a slip, not an answer.
const wholeNumber = (what: "participants" | "amount", max: number) =>
  z
    .number({ error: WHOLE_NUMBER[what].number })
    .int(WHOLE_NUMBER[what].whole)
    .min(1, WHOLE_NUMBER[what].min)
    .max(max, WHOLE_NUMBER[what].max);
const WHOLE_NUMBER = {
  participants: { number: "conceptNoteForm.participantsNumber", whole: "conceptNoteForm.participantsWhole", min: "conceptNoteForm.participantsMin", max: "conceptNoteForm.participantsMax" },
  amount: { number: "conceptNoteForm.amountNumber", whole: "conceptNoteForm.amountWhole", min: "conceptNoteForm.amountMin", max: "conceptNoteForm.amountMax" },
} as const;

/** Stable ids of activities: activity reports point at them once the concept note is approved. */
const ACTIVITY_KEY = /^[A-Za-z0-9-]{1,40}$/;
export const activityKey = z.string().regex(ACTIVITY_KEY, "This activity's id is not valid. Reload the page.");
const noteActivityKey = z.string().regex(ACTIVITY_KEY, "conceptNoteForm.activityId");

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

const NOT_A_PARTNER = "conceptNoteForm.notAPartner";

/**
 * `choices`: the institutions the form offers (null where the stored note is read back). The form
 * sends the ticked ones as `institutionIds`; the note stores their names by country
 * (`institutions`), as the frozen versions and the plan of activities read them.
 */
function activitySchema(strict: boolean, choices: readonly InstitutionChoice[] | null) {
  return z
    .object({
      key: noteActivityKey.optional(),
      kind: z.enum(SUPPORT_KIND_IDS, { error: "conceptNoteForm.kindFromList" }).optional(),
      title: text(200).optional(),
      date: isoDate.optional(),
      place: text(120).optional(),
      institutions: institutionsSchema.optional(),
      institutionIds: z
        .array(z.number({ error: NOT_A_PARTNER }).int(NOT_A_PARTNER))
        .refine((ids) => choices === null || ids.every((id) => choices.some((choice) => choice.id === id)), NOT_A_PARTNER)
        .optional(),
      participants: wholeNumber("participants", MAX_PARTICIPANTS).optional(),
    })
    .superRefine(
      requireRest(
        strict,
        [
          ["kind", "conceptNoteForm.kind"],
          ["title", "conceptNoteForm.title"],
          ["date", "conceptNoteForm.date"],
          ["place", "conceptNoteForm.place"],
          ["institutionIds", "conceptNoteForm.institutions"],
          ["participants", "conceptNoteForm.participants"],
        ],
        ["key"],
      ),
    );
}

function budgetLineSchema(strict: boolean) {
  return z
    .object({
      item: text(200).optional(),
      amountEur: wholeNumber("amount", MAX_AMOUNT_EUR).optional(),
    })
    .superRefine(
      requireRest(
        strict,
        [
          ["item", "conceptNoteForm.item"],
          ["amountEur", "conceptNoteForm.amount"],
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
    version: z.number({ error: "conceptNoteForm.reload" }).int().min(1),
    activities: z
      .array(activitySchema(strict, choices).nullable())
      .max(MAX_ACTIVITIES, "conceptNoteForm.tooManyActivities")
      .default([]),
    budgetLines: z
      .array(budgetLineSchema(strict).nullable())
      .max(MAX_BUDGET_LINES, "conceptNoteForm.tooManyBudgetLines")
      .default([]),
    risks: text(4000).default(""),
    mitigation: text(4000).default(""),
    answer:
      strict && answering
        ? multiLine({ error: ANSWER_REQUIRED }).trim().min(1, ANSWER_REQUIRED).max(MAX_ANSWER, TOO_LONG[MAX_ANSWER])
        : text(MAX_ANSWER).default(""),
  });
}

/** The form as a save reads it: what the browser checks (`browserChecks`) as the lead types. */
export const conceptNoteSaving = conceptNoteSchema("save");

/** The intent a form post (or the browser's submitter) asked for. */
export function conceptNoteIntent(formData: FormData | URLSearchParams): ConceptNoteIntent {
  return formData.get("intent") === "submit" ? "submit" : "save";
}

export type ConceptNoteForm = z.infer<ReturnType<typeof conceptNoteSchema>>;
export type ConceptActivityForm = NonNullable<ConceptNoteForm["activities"][number]>;
export type BudgetLineForm = NonNullable<ConceptNoteForm["budgetLines"][number]>;
