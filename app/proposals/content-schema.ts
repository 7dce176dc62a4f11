import { z } from "zod";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";

// The proposal's drafting form: one zod schema per section, used by the server (the action)
// and by the browser (Conform), so a value refused in one is refused in the other. The keys are
// PROPOSAL_PARTS' keys plus `title`, which is a column of its own.
//
// A draft may be incomplete: every field is optional here, and what a submission needs is the
// statechart's to say (missingProposalParts). Only values that break a round's limits or are
// malformed are refused, so "save draft" works at any time.
//
// Browser-safe: no server imports. The round's limits arrive with the page.

/**
 * A stored setting: a whole number within bounds. The message completes "maxBudgetEur …", so
 * that a round whose settings cannot be read says which one and why (app/rounds/workflow.server.ts).
 */
export function storedWholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

const wordLimit = (fallback: number) => storedWholeNumber(10, 5000).default(fallback);

/** A round's limits for proposals, stored in the round's settings (app/rounds/workflow.server.ts). */
export const roundLimitsSchema = z.object(
  {
    maxBudgetEur: storedWholeNumber(1000, 10_000_000).default(150_000),
    maxDurationMonths: storedWholeNumber(1, 60).default(24),
    // Partner institutions beside the lead, invited or confirmed: checked on invitation and on SUBMIT.
    maxPartners: storedWholeNumber(1, 30).default(10),
    words: z
      .object(
        {
          summary: wordLimit(150),
          problem: wordLimit(400),
          objectives: wordLimit(250),
          activities: wordLimit(400),
          expectedResults: wordLimit(250),
        },
        { error: "must be the word limits of each text" },
      )
      .prefault({}),
  },
  { error: "must be the limits of a proposal" },
);
export type RoundLimits = z.infer<typeof roundLimitsSchema>;
/** The texts whose length a round limits, in words. */
export type WordLimitedPart = keyof RoundLimits["words"];

export function countWords(text: string | undefined | null): number {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/u).length;
}

/** EUR 150,000 */
export function euros(amount: number): string {
  return `EUR ${amount.toLocaleString("en-GB")}`;
}

// Characters are capped only against pasted junk; the limit people see and meet is in words.
const CHARACTERS_PER_WORD = 20;

function limitedText(words: number) {
  return z
    .string()
    .trim()
    .max(words * CHARACTERS_PER_WORD, `This text is too long: use at most ${words} words.`)
    .superRefine((text, ctx) => {
      const count = countWords(text);
      if (count > words) {
        ctx.addIssue({ code: "custom", message: `Use at most ${words} words. This text has ${count}: shorten it by ${count - words}.` });
      }
    })
    .optional();
}

const THEME_IDS = THEMES.map((theme) => theme.id) as [string, ...string[]];
const SUPPORT_KIND_IDS = SUPPORT_KINDS.map((kind) => kind.id) as [string, ...string[]];

/** What a round funds: the drafting form offers only these (the round's settings). */
export type DraftOffer = { themes: readonly string[]; supportKinds: readonly string[] };

const EVERYTHING: DraftOffer = { themes: THEME_IDS, supportKinds: SUPPORT_KIND_IDS };

/** Choices from the vocabulary, each of them one the round offers. */
function choices(ids: [string, ...string[]], offered: readonly string[], what: string, labels: readonly { id: string; label: string }[]) {
  return z
    .array(z.enum(ids, { error: `Choose ${what} from the list.` }))
    .refine((chosen) => new Set(chosen).size === chosen.length, `Choose each of the ${what} once.`)
    .superRefine((chosen, ctx) => {
      const refused = chosen.filter((id) => !offered.includes(id)).map((id) => `“${labels.find((l) => l.id === id)?.label ?? id}”`);
      if (refused.length === 0) return;
      ctx.addIssue({
        code: "custom",
        message: `This round does not fund ${refused.join(" or ")}: untick ${refused.length === 1 ? "it" : "them"} and choose among the ${what} it offers.`,
      });
    })
    .optional();
}

/** Today as the date field writes it, in UTC: at most a few hours behind the six countries' day. */
function today() {
  return new Date().toISOString().slice(0, 10);
}

/** A calendar date as the date field sends it, e.g. "2026-09-01", that exists. */
function isCalendarDate(text: string) {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * What the form asks beyond the limits: the round's offer, and (when the lead writes, not when
 * stored answers are read back) an intended start from today on. The start already saved still
 * saves once its day has passed, so a draft is never refused for a date nobody changed.
 */
export type DraftRules = { offer?: DraftOffer; startFromToday?: { saved: string | undefined } };

function proposalSections(limits: RoundLimits, { offer = EVERYTHING, startFromToday }: DraftRules) {
  return {
    idea: z.object({
      title: z.string().trim().max(200, "Use at most 200 characters for the title.").optional(),
      summary: limitedText(limits.words.summary),
    }),
    problem: z.object({
      problem: limitedText(limits.words.problem),
    }),
    plan: z.object({
      objectives: limitedText(limits.words.objectives),
      activities: limitedText(limits.words.activities),
      expectedResults: limitedText(limits.words.expectedResults),
    }),
    focus: z.object({
      themes: choices(THEME_IDS, offer.themes, "themes", THEMES),
      supportKinds: choices(SUPPORT_KIND_IDS, offer.supportKinds, "kinds of support", SUPPORT_KINDS),
    }),
    practicalities: z.object({
      intendedStart: z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the date as year-month-day, for example 2026-09-01.")
        .refine(isCalendarDate, { error: "This date does not exist. Check the day and the month.", abort: true })
        .refine((date) => !startFromToday || date === startFromToday.saved || date >= today(), "This date has passed. Give a day from today on when the first activity could take place.")
        .optional(),
      durationMonths: z
        .number({ error: "Give the duration as a whole number of months, for example 6." })
        .int("Give a whole number of months.")
        .min(1, "Give at least 1 month.")
        .max(limits.maxDurationMonths, `This round allows at most ${limits.maxDurationMonths} months.`)
        .optional(),
      budgetEur: z
        .number({ error: "Give the budget in euros as a number, for example 45000." })
        .int("Give whole euros, without cents.")
        .min(1, "Give an amount above zero.")
        .max(limits.maxBudgetEur, `This round allows at most ${euros(limits.maxBudgetEur)}.`)
        .optional(),
      contactPerson: z.string().trim().max(300, "Use at most 300 characters.").optional(),
    }),
  };
}

/** The whole form: the sections side by side, as one "save draft" sends them. */
export function draftSchema(limits: RoundLimits, rules: DraftRules = {}) {
  const sections = proposalSections(limits, rules);
  return z.object({
    ...sections.idea.shape,
    ...sections.problem.shape,
    ...sections.plan.shape,
    ...sections.focus.shape,
    ...sections.practicalities.shape,
  });
}

export type DraftValues = z.infer<ReturnType<typeof draftSchema>>;
export type DraftField = keyof DraftValues;

/** The fields in the order of the form, for reading errors and choosing anchors. */
const DRAFT_FIELDS: readonly DraftField[] = ["title", ...PROPOSAL_PARTS.map((part) => part.key)];

/** "Summary", "Themes"...: the labels the statechart's missing parts use, plus the title. */
export function partLabel(field: string): string {
  return field === "title" ? "Title" : (PROPOSAL_PARTS.find((part) => part.key === field)?.label ?? field);
}

/** The form field behind a missing part's label, so a blocker can link to it. */
export function fieldOfPart(label: string): DraftField | null {
  return DRAFT_FIELDS.find((field) => partLabel(field) === label) ?? null;
}

/** The anchor of a field on the edit page: `/proposals/8/edit#part-summary`. */
export function partAnchor(field: string) {
  return `part-${field}`;
}
