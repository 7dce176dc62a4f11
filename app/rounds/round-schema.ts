import { z } from "../zod";
import { multiLine, singleLine } from "../free-text-schema";
import { fromBrusselsTime } from "../../workflows/time";
import type { CriterionId } from "../../workflows/eligibility";
import { DEFAULT_CRITERIA, ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { roundLimitsSchema, storedWholeNumber } from "../proposals/content-schema";

// Browser-safe: a round's stored settings, and the round forms' schemas, which the server and
// the browser (Conform) share; the forms' messages are catalogue keys. Whether a round may move
// is the statechart's to say, not these.

const CRITERION_IDS = ELIGIBILITY_CRITERIA.map((criterion) => criterion.id) as [CriterionId, ...CriterionId[]];
const THEME_IDS = THEMES.map((theme) => theme.id) as [string, ...string[]];
const SUPPORT_KIND_IDS = SUPPORT_KINDS.map((kind) => kind.id) as [string, ...string[]];

/** How the applicants read a criterion a round rewords; the eligibility page's form has the same bounds. */
export const CRITERION_NAME_LENGTH = { min: 3, max: 150 } as const;
export const CRITERION_GUIDANCE_LENGTH = 1000;
/** Joint means two countries at least (the Guide's essence); a round without the rule switches "joint" off. */
export const MINIMUM_COUNTRIES_RANGE = { min: 2, max: 6 } as const;
/** Three days: HotCRP's grace periods are minutes to hours; beyond that a round is reopened instead. */
export const GRACE_HOURS_RANGE = { min: 0, max: 72 } as const;

const storedCriterionWording = z.object(
  {
    name: z
      .string({ error: "must be a text" })
      .min(CRITERION_NAME_LENGTH.min, `must have ${CRITERION_NAME_LENGTH.min} to ${CRITERION_NAME_LENGTH.max} characters`)
      .max(CRITERION_NAME_LENGTH.max, `must have ${CRITERION_NAME_LENGTH.min} to ${CRITERION_NAME_LENGTH.max} characters`),
    guidance: multiLine({ error: "must be a text" }).max(CRITERION_GUIDANCE_LENGTH, `must have at most ${CRITERION_GUIDANCE_LENGTH.toLocaleString("en-GB")} characters`),
  },
  { error: "must be a criterion's name and guidance" },
);

// A round's settings: which eligibility criteria it publishes, how many reviews a decision
// needs, and the limits of a proposal (words per text, maximum budget and duration). Stored as
// JSON on the round; read through the server's roundSettingsSchema (app/rounds/workflow.server.ts),
// this one with the default review criteria, which are English, so old rows get the defaults for
// missing keys. Each message completes the setting's name ("minimumReviews must be …").
export const roundSettingsBaseSchema = z.object(
  {
    criteria: z
      .array(z.enum(CRITERION_IDS, { error: `must be one of ${CRITERION_IDS.join(", ")}` }), { error: "must be a list of criteria" })
      .default([...DEFAULT_CRITERIA]),
    // The round's own words for a criterion, as the applicants read it; a criterion not named
    // here keeps the Guide's words (workflows/eligibility.ts).
    criterionWording: z
      .partialRecord(z.enum(CRITERION_IDS, { error: `must be one of ${CRITERION_IDS.join(", ")}` }), storedCriterionWording, {
        error: "must name criteria with their wording",
      })
      .default({}),
    minimumCountries: storedWholeNumber(MINIMUM_COUNTRIES_RANGE.min, MINIMUM_COUNTRIES_RANGE.max).default(2),
    graceHours: storedWholeNumber(GRACE_HOURS_RANGE.min, GRACE_HOURS_RANGE.max).default(0),
    // What reviewers score (issue 8): editable until the round's first review is submitted.
    reviewCriteria: z
      .array(
        z.object({
          id: z.string().min(1),
          name: z.string().min(1),
          guidance: z.string(),
          weight: z.number().positive(),
          scaleLabels: z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]),
        }),
        { error: "must be a list of review criteria" },
      )
      .min(1, "must name at least one review criterion"),
    minimumReviews: storedWholeNumber(1, 10).default(2),
    reviewDays: storedWholeNumber(1, 90).default(14),
    // The drafting form shows these as the person types, and the server enforces them.
    limits: roundLimitsSchema.prefault({}),
    // What the round offers applicants: its guidance, and the themes and kinds of support it funds.
    guidance: z.string({ error: "must be a text" }).default(""),
    themes: z.array(z.enum(THEME_IDS, { error: `must be one of ${THEME_IDS.join(", ")}` }), { error: "must be a list of themes" }).default([...THEME_IDS]),
    supportKinds: z
      .array(z.enum(SUPPORT_KIND_IDS, { error: `must be one of ${SUPPORT_KIND_IDS.join(", ")}` }), { error: "must be a list of kinds of support" })
      .default([...SUPPORT_KIND_IDS]),
  },
  { error: "must be an object of named settings" },
);
export type RoundSettings = z.infer<typeof roundSettingsBaseSchema>;

function boundsOf(stored: z.ZodNumber) {
  return { min: stored.minValue ?? 0, max: stored.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** A stored setting's bounds, but required in the form, with a message (a catalogue key) a person can act on. */
function sameBoundsAs(stored: z.ZodNumber, message: string) {
  const { min, max } = boundsOf(stored);
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

const TIME_PROBLEMS = {
  unreadable: "roundForm.error.timeUnreadable",
  skipped: "roundForm.error.timeSkipped",
};

/** A Brussels wall-clock time from a datetime-local input, as the UTC instant it stands for. */
function brusselsTime(missing: string) {
  return z.string({ error: missing }).transform((wallClock, ctx) => {
    const time = fromBrusselsTime(wallClock);
    if (time.ok) return time.instant;
    ctx.addIssue({ code: "custom", message: TIME_PROBLEMS[time.problem] });
    return z.NEVER;
  });
}

const storedLimits = roundLimitsSchema.shape;
const storedWords = storedLimits.words.unwrap().shape;
const storedSettings = roundSettingsBaseSchema.shape;

/**
 * The bounds the round forms' messages name (`{{roundBounds.reviewDays.max, number}}`), given
 * to i18next with every message (app/i18n.ts), so that the words and the rules cannot disagree.
 */
export const ROUND_FORM_BOUNDS = {
  minimumReviews: boundsOf(storedSettings.minimumReviews.unwrap()),
  reviewDays: boundsOf(storedSettings.reviewDays.unwrap()),
  maxBudgetEur: boundsOf(storedLimits.maxBudgetEur.unwrap()),
  maxDurationMonths: boundsOf(storedLimits.maxDurationMonths.unwrap()),
  maxPartners: boundsOf(storedLimits.maxPartners.unwrap()),
  summary: boundsOf(storedWords.summary.unwrap()),
  problem: boundsOf(storedWords.problem.unwrap()),
  objectives: boundsOf(storedWords.objectives.unwrap()),
  activities: boundsOf(storedWords.activities.unwrap()),
  expectedResults: boundsOf(storedWords.expectedResults.unwrap()),
  criterionName: CRITERION_NAME_LENGTH,
  criterionGuidance: { max: CRITERION_GUIDANCE_LENGTH },
  minimumCountries: MINIMUM_COUNTRIES_RANGE,
  graceHours: GRACE_HOURS_RANGE,
};
// Object checks run even while a field is wrong, so every problem shows at once.
const always = { when: () => true };

/** What both round forms ask: adding a round, and editing it later. */
const roundFields = {
  code: z
    .string({ error: "roundForm.error.codeMissing" })
    .trim()
    .min(2, "roundForm.error.codeLength")
    .max(20, "roundForm.error.codeLength")
    .regex(/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/, "roundForm.error.codeCharacters")
    .toUpperCase(),
  title: singleLine({ error: "roundForm.error.titleMissing" }).trim().min(3, "roundForm.error.titleShort").max(200, "roundForm.error.titleLong"),
  description: multiLine().trim().max(4000, "roundForm.error.atMost4000").optional(),
  guidance: multiLine().trim().max(8000, "roundForm.error.atMost8000").optional(),
  mode: z.enum(["deadline", "rolling"], { error: "roundForm.error.mode" }),
  opensAt: brusselsTime("roundForm.error.opensMissing"),
  // Read only for deadline rounds: a rolling round has no closing time.
  closesAt: brusselsTime("roundForm.error.closesMissing").optional(),
  minimumReviews: sameBoundsAs(storedSettings.minimumReviews.unwrap(), "roundForm.error.minimumReviews"),
  reviewDays: sameBoundsAs(storedSettings.reviewDays.unwrap(), "roundForm.error.reviewDays"),
  limits: z.object({
    maxBudgetEur: sameBoundsAs(storedLimits.maxBudgetEur.unwrap(), "roundForm.error.maxBudgetEur"),
    maxDurationMonths: sameBoundsAs(storedLimits.maxDurationMonths.unwrap(), "roundForm.error.maxDurationMonths"),
    maxPartners: sameBoundsAs(storedLimits.maxPartners.unwrap(), "roundForm.error.maxPartners"),
    words: z.object({
      summary: sameBoundsAs(storedWords.summary.unwrap(), "roundForm.error.words.summary"),
      problem: sameBoundsAs(storedWords.problem.unwrap(), "roundForm.error.words.problem"),
      objectives: sameBoundsAs(storedWords.objectives.unwrap(), "roundForm.error.words.objectives"),
      activities: sameBoundsAs(storedWords.activities.unwrap(), "roundForm.error.words.activities"),
      expectedResults: sameBoundsAs(storedWords.expectedResults.unwrap(), "roundForm.error.words.expectedResults"),
    }),
  }),
  themes: z.array(z.enum(THEME_IDS), { error: "roundForm.error.themes" }).min(1, "roundForm.error.themes"),
  supportKinds: z.array(z.enum(SUPPORT_KIND_IDS), { error: "roundForm.error.supportKinds" }).min(1, "roundForm.error.supportKinds"),
};

type RoundTimes = { mode: "deadline" | "rolling"; opensAt?: Date; closesAt?: Date };

/**
 * The checks of a round's times. On the edit form a time that may no longer change is not
 * sent, so each check runs only on the times the form holds; the server adds the stored ones.
 */
function withTimeChecks<T extends z.ZodType<RoundTimes>>(schema: T, { closingRequired }: { closingRequired: boolean }) {
  return schema
    .refine((round) => !closingRequired || round.mode !== "deadline" || round.closesAt !== undefined, {
      ...always,
      path: ["closesAt"],
      message: "roundForm.error.deadlineNeedsClose",
    })
    .refine((round) => round.mode !== "deadline" || !(round.opensAt instanceof Date && round.closesAt instanceof Date) || round.closesAt > round.opensAt, {
      ...always,
      path: ["closesAt"],
      message: "roundForm.error.closeAfterOpen",
    })
    .refine((round) => round.mode !== "deadline" || !(round.closesAt instanceof Date) || round.closesAt.getTime() > Date.now(), {
      ...always,
      path: ["closesAt"],
      message: "roundForm.error.closePassed",
    });
}

export const newRoundSchema = withTimeChecks(
  z.object({
    ...roundFields,
    criteria: z.array(z.enum(CRITERION_IDS), { error: "roundForm.error.criteria" }).min(1, "roundForm.error.criteria"),
  }),
  { closingRequired: true },
);

const version = z.number({ error: "roundForm.error.outOfDate" }).int();

/**
 * Editing a round: the same fields, but a field that may no longer change is not on the form
 * (the page says why), so the code and the times may be missing. A round never changes its mode:
 * the form sends the stored one, and the server reads the stored one. The eligibility criteria
 * have a page of their own.
 */
export const editRoundSchema = withTimeChecks(
  z.object({
    ...roundFields,
    code: roundFields.code.optional(),
    opensAt: roundFields.opensAt.optional(),
    version,
  }),
  { closingRequired: false },
);

export type EditRoundInput = z.infer<typeof editRoundSchema>;
export type EditRoundForm = z.input<typeof editRoundSchema>;

export type NewRoundInput = z.infer<typeof newRoundSchema>;
/** The form as typed: times are still Brussels wall-clock strings. */
export type NewRoundForm = z.input<typeof newRoundSchema>;

/** The defaults a new round's form starts from: the stored defaults of a round's settings (the review criteria have a page of their own). */
export function newRoundDefaults() {
  const settings = roundSettingsBaseSchema.omit({ reviewCriteria: true }).parse({});
  return { mode: "deadline", ...settings };
}

/** The forms of a round's page, one per statechart event an administrator may send. */
export const roundActionSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("OPEN"), version }),
  z.object({ event: z.literal("CLOSE"), version, confirm: z.boolean({ error: "roundPage.error.confirmClose" }) }),
  z.object({
    event: z.literal("REOPEN"),
    version,
    // Whether it is needed (deadline rounds) or refused (rolling ones) is the statechart's rule.
    closesAt: brusselsTime("roundPage.error.newClosingTime").optional(),
    reason: multiLine().trim().max(4000, "roundForm.error.atMost4000").default(""),
  }),
  z.object({ event: z.literal("ARCHIVE"), version, confirm: z.boolean({ error: "roundPage.error.confirmArchive" }) }),
  z.object({
    event: z.literal("CANCEL"),
    version,
    // Whether an empty reason is refused is the statechart's rule, said in its words.
    reason: multiLine().trim().max(4000, "roundForm.error.atMost4000").default(""),
    confirm: z.boolean({ error: "roundPage.error.confirmCancel" }),
  }),
]);

/** The form of one move alone: what the browser checks on that move's form (its constraints and messages). */
export function roundActionSchemaOf(event: RoundActionInput["event"]) {
  return roundActionSchema.options.find((option) => option.shape.event.value === event)!;
}

export type RoundActionInput = z.infer<typeof roundActionSchema>;
export type RoundActionForm = z.input<typeof roundActionSchema>;
