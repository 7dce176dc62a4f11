import { z } from "../zod";
import { SUPPORT_KINDS, supportKindLabel, themeLabel, THEMES } from "../../workflows/vocabulary";
import type { Translate } from "../../workflows/words";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { CHARACTER_CAPS, freeText, lineText, messageWith } from "../free-text-schema";
import { countWords } from "./draft-parts";

// The proposal's drafting form: one zod schema per section, read by the server (the action);
// the browser checks the same constraints with the schema's own messages (`browserChecks`), so
// a value refused in one is refused in the other, without zod in the page. The keys are
// PROPOSAL_PARTS' keys plus `title`, which is a column of its own (their names: draft-parts.ts).
//
// A draft may be incomplete and may break the round's rules: `draftSchema` (what saving needs)
// refuses only what cannot be stored, a value of the wrong type or a text over its character
// cap, which the inputs' maxLength already stops the browser from sending. The round's rules
// (word limits, budget, duration) are `draftRulesSchema`: reported beside the fields at every
// save, and enforced by the statechart at submission (`draftProblems` gives SUBMIT its
// over-limit parts), so "save draft" works at any time and nothing typed is lost.

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

/** EUR 150,000 */
export function euros(amount: number): string {
  return `EUR ${amount.toLocaleString("en-GB")}`;
}

// Characters are capped against pasted junk (a 200,000-character "word" breaks every page that
// shows it); the limit people see and meet is in words, and twelve characters a word leaves
// room for long words, names and links.
const CHARACTERS_PER_WORD = 12;

/** The character cap of a text limited to `words` words. */
export function characterCap(words: number) {
  return words * CHARACTERS_PER_WORD;
}

type Mode = "save" | "submit";

function limitedText(words: number, mode: Mode) {
  const capped = freeText(characterCap(words));
  if (mode === "save") return capped.optional();
  return capped
    .superRefine((text, ctx) => {
      const count = countWords(text);
      if (count > words) {
        ctx.addIssue({ code: "custom", message: messageWith("draftForm.error.tooManyWords", { limit: words, count, over: count - words }) });
      }
    })
    .optional();
}

/** A number as a draft stores it: any number; the round's rules about it are checked apart. */
function draftNumber(typeError: string, rules: (number: z.ZodNumber) => z.ZodNumber, mode: Mode) {
  const number = z.number({ error: typeError });
  return (mode === "save" ? number : rules(number)).optional();
}

const THEME_IDS = THEMES.map((theme) => theme.id) as [string, ...string[]];
const SUPPORT_KIND_IDS = SUPPORT_KINDS.map((kind) => kind.id) as [string, ...string[]];

/** What a round funds: the drafting form offers only these (the round's settings). */
export type DraftOffer = { themes: readonly string[]; supportKinds: readonly string[] };

const EVERYTHING: DraftOffer = { themes: THEME_IDS, supportKinds: SUPPORT_KIND_IDS };

/** Choices from the vocabulary; at submission, each of them one the round offers. */
function choices(ids: [string, ...string[]], offered: readonly string[], words: ChoiceWords, mode: Mode) {
  const listed = z.array(z.enum(ids, { error: words.fromList })).refine((chosen) => new Set(chosen).size === chosen.length, words.once);
  if (mode === "save") return listed.optional();
  return listed
    .superRefine((chosen, ctx) => {
      const refused = chosen.filter((id) => !offered.includes(id));
      // The choices are named in the reader's words by `draftProblems`, so the schema is the same for every reader.
      if (refused.length > 0) ctx.addIssue({ code: "custom", message: words.notFunded, params: { refused } });
    })
    .optional();
}

/** "This round does not fund “Cybercrime”…": a refused choice's message, in the words of `t`. */
function notFundedIn(t: Translate, field: string, refused: string[]): string | null {
  const words = field === "themes" ? THEME_WORDS : field === "supportKinds" ? SUPPORT_KIND_WORDS : null;
  if (!words) return null;
  const labels = refused.map((id) => `“${words.label(id, t)}”`);
  const named = labels.length === 1 ? labels[0] : t("draftForm.either", { items: labels.slice(0, -1).join(", "), last: labels.at(-1) });
  return t(words.notFunded, { count: labels.length, named });
}

type ChoiceWords = { fromList: string; once: string; notFunded: string; label: (id: string, t: Translate) => string };

const THEME_WORDS: ChoiceWords = {
  fromList: "draftForm.error.themesFromList",
  once: "draftForm.error.themesOnce",
  notFunded: "draftForm.error.themesNotFunded",
  label: themeLabel,
};
const SUPPORT_KIND_WORDS: ChoiceWords = {
  fromList: "draftForm.error.supportKindsFromList",
  once: "draftForm.error.supportKindsOnce",
  notFunded: "draftForm.error.supportKindsNotFunded",
  label: supportKindLabel,
};

/** A calendar date as the date field sends it, e.g. "2026-09-01", that exists. */
function isCalendarDate(text: string) {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * What the form asks beyond the limits: the round's offer, and an intended start on or after
 * `earliestStart` (the day of the submission, "2026-09-01"). Like the limits, these are
 * reported beside the fields while drafting and enforced at submission: a draft always saves.
 */
export type DraftRules = { offer?: DraftOffer; earliestStart?: string };

/** The form's sections; every message is a catalogue key (with its values), worded by the reader's `t`. */
function proposalSections(limits: RoundLimits, mode: Mode, { offer = EVERYTHING, earliestStart }: DraftRules) {
  return {
    idea: z.object({
      title: lineText(CHARACTER_CAPS.title).optional(),
      summary: limitedText(limits.words.summary, mode),
    }),
    problem: z.object({
      problem: limitedText(limits.words.problem, mode),
    }),
    plan: z.object({
      objectives: limitedText(limits.words.objectives, mode),
      activities: limitedText(limits.words.activities, mode),
      expectedResults: limitedText(limits.words.expectedResults, mode),
    }),
    focus: z.object({
      themes: choices(THEME_IDS, offer.themes, THEME_WORDS, mode),
      supportKinds: choices(SUPPORT_KIND_IDS, offer.supportKinds, SUPPORT_KIND_WORDS, mode),
    }),
    practicalities: z.object({
      intendedStart: z
        .string()
        .trim()
        .regex(/^\d{4}-\d{2}-\d{2}$/, "draftForm.error.dateFormat")
        .refine(isCalendarDate, { error: "draftForm.error.dateMissing", abort: true })
        .refine((date) => mode === "save" || earliestStart === undefined || date >= earliestStart, "draftForm.error.datePassed")
        .optional(),
      durationMonths: draftNumber(
        "draftForm.error.durationNumber",
        (months) =>
          months
            .int("draftForm.error.durationWhole")
            .min(1, "draftForm.error.durationMinimum")
            .max(limits.maxDurationMonths, messageWith("draftForm.error.durationMaximum", { count: limits.maxDurationMonths })),
        mode,
      ),
      budgetEur: draftNumber(
        "draftForm.error.budgetNumber",
        (amount) =>
          amount
            .int("draftForm.error.budgetWhole")
            .min(1, "draftForm.error.budgetMinimum")
            .max(limits.maxBudgetEur, messageWith("draftForm.error.budgetMaximum", { amount: limits.maxBudgetEur })),
        mode,
      ),
      contactPerson: lineText(CHARACTER_CAPS.contactPerson).optional(),
    }),
  };
}

/** The whole form as "save draft" sends it: only what cannot be stored is refused. */
export function draftSchema(limits: RoundLimits, rules: DraftRules = {}) {
  return schemaOf(limits, "save", rules);
}

/** The round's rules for the whole form: what a submission must meet. */
function draftRulesSchema(limits: RoundLimits, rules: DraftRules) {
  return schemaOf(limits, "submit", rules);
}

// Building the form's zod schema took a tenth of a submission's CPU time (docs/performance.md,
// "The write path"); a schema depends only on the round's limits and rules, which few rounds
// share, so each is built once. Bounded, because the earliest start moves every day.
const schemas = new Map<string, ReturnType<typeof formOf>>();
const MOST_SCHEMAS_KEPT = 200;

function schemaOf(limits: RoundLimits, mode: Mode, rules: DraftRules) {
  const key = JSON.stringify([mode, limits, rules.offer?.themes, rules.offer?.supportKinds, rules.earliestStart]);
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size >= MOST_SCHEMAS_KEPT) schemas.clear();
    schema = formOf(proposalSections(limits, mode, rules));
    schemas.set(key, schema);
  }
  return schema;
}

/** For questions about which fields break a rule, not about its words. */
function keysOnly(key: string) {
  return key;
}

/**
 * What breaks the round's rules in a draft (its stored values, or a form as saved), by field,
 * in the form's order and the page's language (`t`): reported beside the fields and on the preview.
 */
export function draftProblems(limits: RoundLimits, values: Record<string, unknown>, rules: DraftRules, t: Translate): Partial<Record<DraftField, string[]>> {
  const parsed = draftRulesSchema(limits, rules).safeParse(values);
  if (parsed.success) return {};
  const problems: Partial<Record<DraftField, string[]>> = {};
  for (const issue of parsed.error.issues) {
    const field = DRAFT_FIELDS.find((name) => name === issue.path[0]);
    if (!field) continue;
    const refused = issue.code === "custom" ? (issue.params as { refused?: string[] } | undefined)?.refused : undefined;
    const message = (refused && notFundedIn(t, field, refused)) ?? t(issue.message, { defaultValue: issue.message });
    problems[field] = [...(problems[field] ?? []), message];
  }
  return Object.fromEntries(DRAFT_FIELDS.flatMap((field) => (problems[field] ? [[field, problems[field]]] : [])));
}

/** The parts a draft's values break the round's rules in, by their labels: "Summary", … (SUBMIT's over-limit parts). */
export function overLimitParts(limits: RoundLimits, values: Record<string, unknown>, rules: DraftRules = {}): string[] {
  return Object.keys(draftProblems(limits, values, rules, keysOnly)).map(partLabel);
}

function formOf(sections: ReturnType<typeof proposalSections>) {
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
