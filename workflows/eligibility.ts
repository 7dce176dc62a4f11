/**
 * The eligibility criteria of the Guide to applicants, as a pure function. The lists it reads
 * are the portal's vocabulary: countries.ts and vocabulary.ts.
 *
 * The automatic check explains every criterion in a plain sentence; it never decides alone.
 * An administrator confirms, overrides with a reason, or asks for clarification.
 */

import type { CountryCode } from "./countries";
import { COUNTRY_CODES, countryNameIn, isWb6Country } from "./countries";
import { intlLocale } from "./languages";
import { PROPOSAL_PARTS } from "./proposal-content";
import { formatBrusselsIn, formatListIn, formatNumberIn } from "./time";
import { THEMES } from "./vocabulary";
import type { InstitutionType } from "./vocabulary";
import type { JointRule } from "./joint-rule";
import { numberWordKey } from "./joint-rule";
import type { Translate } from "./words";
import { languageOf } from "./words";

/** An instant in time as an ISO 8601 string in UTC, e.g. "2026-10-15T21:59:00.000Z". */
export type Instant = string;

/** The five criteria of the Guide to applicants, in its order. */
const CRITERION_IDS = ["joint", "eligibleInstitutions", "linkedToSocOrCt", "insideWindow", "complete"] as const;

export type CriterionId = (typeof CRITERION_IDS)[number];

/**
 * Each criterion's name and guidance as catalogue keys (locales/<language>/rules.json, section
 * `eligibilityCriteria`); the joint one's take the number of countries as their count.
 */
const CRITERION_KEYS: Record<CriterionId, { name: string; guidance: string }> = {
  joint: { name: "eligibilityCriteria.joint.name", guidance: "eligibilityCriteria.joint.guidance" },
  eligibleInstitutions: { name: "eligibilityCriteria.eligibleInstitutions.name", guidance: "eligibilityCriteria.eligibleInstitutions.guidance" },
  linkedToSocOrCt: { name: "eligibilityCriteria.linkedToSocOrCt.name", guidance: "eligibilityCriteria.linkedToSocOrCt.guidance" },
  insideWindow: { name: "eligibilityCriteria.insideWindow.name", guidance: "eligibilityCriteria.insideWindow.guidance" },
  complete: { name: "eligibilityCriteria.complete.name", guidance: "eligibilityCriteria.complete.guidance" },
};

export const DEFAULT_CRITERIA: readonly CriterionId[] = CRITERION_IDS;

/** A criterion as the applicants read it: its name, and what it asks of them. */
export interface CriterionWording {
  name: string;
  guidance: string;
}

/**
 * A round's eligibility rules: which criteria apply, any rewording of them, how many countries
 * make a proposal joint, and how many hours after the deadline a late submission is still taken.
 * The automatic check and the SUBMIT rule both read these.
 */
export interface RoundEligibility {
  criteria: readonly CriterionId[];
  wording: Partial<Record<CriterionId, CriterionWording>>;
  minimumCountries: number;
  /** 0: no grace period. */
  graceHours: number;
}

/** The Guide to applicants' own rules, for a round that says nothing else. */
export const DEFAULT_ELIGIBILITY: RoundEligibility = { criteria: DEFAULT_CRITERIA, wording: {}, minimumCountries: 2, graceHours: 0 };

/** "two", "three"… up to the six Western Balkan countries, in the reader's language; digits beyond. */
export function countInWords(count: number, t: Translate): string {
  const key = numberWordKey(count);
  return key ? t(key) : formatNumberIn(languageOf(t), count);
}

/** The Guide's own wording of a criterion in the reader's language, its number of countries filled in. */
export function defaultWording(id: CriterionId, minimumCountries: number, t: Translate): CriterionWording {
  const keys = CRITERION_KEYS[id];
  const countries = { count: minimumCountries, countries: countInWords(minimumCountries, t) };
  return id === "joint" ? { name: t(keys.name, countries), guidance: t(keys.guidance, countries) } : { name: t(keys.name), guidance: t(keys.guidance) };
}

/** The five criteria of the Guide to applicants, in its order; `defaultWording` says them in a reader's words. */
export const ELIGIBILITY_CRITERIA = CRITERION_IDS.map((id) => ({ id }));

/**
 * The criteria a round applies, in the Guide's order, each in the round's words: as the TAF
 * team typed them where it reworded one, else the Guide's in the reader's language.
 */
export function publishedCriteria(rules: RoundEligibility, t: Translate): (CriterionWording & { id: CriterionId })[] {
  return CRITERION_IDS.filter((id) => rules.criteria.includes(id)).map((id) => ({
    id,
    ...(rules.wording[id] ?? defaultWording(id, rules.minimumCountries, t)),
  }));
}

/** Whether a round applies a criterion; one that says nothing applies all five. */
export function applies(rules: { criteria?: readonly CriterionId[] }, id: CriterionId): boolean {
  return (rules.criteria ?? DEFAULT_CRITERIA).includes(id);
}

export type PartnerStatus = "invited" | "confirmed" | "declined";

export type EligibilityOutcome = "passed" | "failed" | "needsPerson";

export interface CriterionResult {
  id: CriterionId;
  /** The criterion's name in the round's words when the check ran. */
  label: string;
  /** Present when that name was the Guide's own, so each reader reads it in their language. */
  guideName?: { minimumCountries: number };
  outcome: EligibilityOutcome;
  /** Why, in English: the record's language, readable in the stored check as it is. */
  reason: string;
  /** The same reason as catalogue sentences (rules.json, `eligibilityReasons`), for every other language. */
  sentences?: ReasonSentence[];
}

/** What a reason names, kept as what it is (codes, instants, ids), so each language can say it. */
export type ReasonValue =
  | { text: string }
  | { number: number }
  | { countries: string[] }
  | { themes: string[] }
  | { quoted: string[] }
  | { parts: string[] }
  | { names: string[] }
  | { instant: Instant }
  | { lateness: [Instant, Instant] }
  | { hours: number }
  | { inWords: number };

/** One sentence of a reason: its catalogue key and what it names. */
export interface ReasonSentence {
  key: string;
  values?: Record<string, ReasonValue>;
}

/** The English name of a proposal's part, by its key ("title", "summary"…): how the record names it. */
function partInEnglish(key: string): string {
  return key === "title" ? "Title" : (PROPOSAL_PARTS.find((part) => part.key === key)?.label ?? key);
}

function valueIn(value: ReasonValue, t: Translate, partLabel: (key: string) => string): string | number {
  const language = languageOf(t);
  if ("text" in value) return value.text;
  if ("number" in value) return formatNumberIn(language, value.number);
  if ("countries" in value) return listInWords(value.countries.map((code) => countryNameIn(code, t)), t);
  if ("themes" in value) return listInWords(value.themes.map((id) => t(`vocabulary.themes.${id}`).toLocaleLowerCase(intlLocale(language))), t);
  if ("quoted" in value) return listInWords(value.quoted.map((text) => `"${text}"`), t);
  if ("parts" in value) return listInWords(value.parts.map(partLabel), t);
  if ("names" in value) return listInWords(value.names, t);
  if ("instant" in value) return formatBrusselsIn(language, Date.parse(value.instant));
  if ("lateness" in value) return lateness(value.lateness[0], value.lateness[1], t);
  if ("hours" in value) return t("eligibilityCriteria.lateness.hours", { count: value.hours });
  return countInWords(value.inWords, t);
}

/** A reason's sentences in the reader's language; `partLabel` names a proposal's part in it. */
export function reasonIn(sentences: readonly ReasonSentence[], t: Translate, partLabel: (key: string) => string): string {
  return sentences
    .map(({ key, values = {} }) => t(key, Object.fromEntries(Object.entries(values).map(([name, value]) => [name, valueIn(value, t, partLabel)]))))
    .join(" ");
}

/** A stored result as the reader reads it: the Guide's name and the reason in their language, where the check kept them so. */
export function criterionResultIn(result: CriterionResult, t: Translate, partLabel: (key: string) => string): CriterionResult {
  return {
    ...result,
    label: result.guideName ? defaultWording(result.id, result.guideName.minimumCountries, t).name : result.label,
    reason: result.sentences ? reasonIn(result.sentences, t, partLabel) : result.reason,
  };
}

export interface InstitutionFacts {
  id: number;
  name: string;
  countryCode: string;
  type: InstitutionType;
  chapter23: boolean;
  chapter24: boolean;
  active: boolean;
}

export interface SubmissionWindow {
  opensAt: Instant;
  /** Null for a rolling round, which has no deadline. */
  closesAt: Instant | null;
  /** Hours after the deadline in which a submission is still taken, marked late; none when absent or 0. */
  graceHours?: number;
  /**
   * When the round was closed, while it is closed. A round closed before its deadline never
   * reached that deadline open, so no grace period follows it.
   */
  closedAt?: Instant | null;
}

export interface EligibilityInput {
  /** The round's rules; the Guide to applicants' defaults for whatever is left out. */
  rules?: Partial<RoundEligibility>;
  window: SubmissionWindow;
  submittedAt: Instant;
  lead: InstitutionFacts;
  partners: readonly (InstitutionFacts & { status: PartnerStatus })[];
  themes: readonly string[];
  /** Labels of the required parts of the proposal that are still unanswered. */
  missingParts: readonly string[];
}

/**
 * The distinct Western Balkan countries of the lead and the partners that confirmed, in the
 * order of WB6_COUNTRIES (countries.ts). A proposal is joint when there are at least two.
 */
export function jointCountries(
  leadCountryCode: string,
  partners: readonly { countryCode: string; status: PartnerStatus }[],
): CountryCode[] {
  const codes = new Set([leadCountryCode, ...partners.filter((p) => p.status === "confirmed").map((p) => p.countryCode)]);
  return COUNTRY_CODES.filter((code) => codes.has(code));
}

export function jointRuleOf(rules: Partial<RoundEligibility> | undefined): JointRule {
  const full = eligibilityRules(rules);
  return { required: applies(full, "joint"), minimumCountries: full.minimumCountries };
}

/** The joint rule as applicants read it, a sentence of its own in their language. */
export function jointRuleInWords(rule: JointRule, t: Translate): string {
  const countries = { count: rule.minimumCountries, countries: countInWords(rule.minimumCountries, t) };
  return rule.required ? t("eligibilityCriteria.jointRule.required", countries) : t("eligibilityCriteria.jointRule.notRequired", countries);
}

/** The Guide to applicants' minimum, for a round that sets none (its `minimumCountries`). */
export const MINIMUM_JOINT_COUNTRIES = DEFAULT_ELIGIBILITY.minimumCountries;

export type WindowPosition = "notYetOpen" | "inside" | "grace" | "closed";

const HOUR_MS = 3_600_000;

/** When the grace period after a deadline ends; null for a rolling round, no grace period, or a round closed before its deadline. */
export function graceEndsAt(window: SubmissionWindow): Instant | null {
  if (window.closesAt === null || !window.graceHours) return null;
  // The grace period forgives applicants who miss a deadline the round kept; the TAF team
  // closing the round early has ended the call, and reopening it is the way to take more.
  if (window.closedAt && Date.parse(window.closedAt) < Date.parse(window.closesAt)) return null;
  return new Date(Date.parse(window.closesAt) + window.graceHours * HOUR_MS).toISOString();
}

/**
 * Where an instant falls in a round's window. The closing time itself is already too late,
 * matching the scheduler, which closes the round at that instant; from then until the grace
 * period ends it is "grace". An unreadable time counts as not yet open, so it can never slip
 * through.
 */
export function windowPosition(window: SubmissionWindow, at: Instant): WindowPosition {
  const time = Date.parse(at);
  if (!(time >= Date.parse(window.opensAt))) return "notYetOpen";
  if (window.closesAt === null || time < Date.parse(window.closesAt)) return "inside";
  const graceEnd = graceEndsAt(window);
  return graceEnd !== null && time < Date.parse(graceEnd) ? "grace" : "closed";
}

/** "40 minutes", "1 hour", "5 hours": how late a submission came, rounded down to the hour after the first. */
export function lateness(deadline: Instant, at: Instant, t: Translate): string {
  const minutes = Math.max(1, Math.floor((Date.parse(at) - Date.parse(deadline)) / 60_000));
  if (minutes < 60) return t("eligibilityCriteria.lateness.minutes", { count: minutes });
  return t("eligibilityCriteria.lateness.hours", { count: Math.floor(minutes / 60) });
}

/** The round's rules, the defaults filling what it leaves out. */
export function eligibilityRules(rules: Partial<RoundEligibility> | undefined): RoundEligibility {
  return {
    criteria: rules?.criteria ?? DEFAULT_ELIGIBILITY.criteria,
    wording: rules?.wording ?? DEFAULT_ELIGIBILITY.wording,
    minimumCountries: rules?.minimumCountries ?? DEFAULT_ELIGIBILITY.minimumCountries,
    graceHours: rules?.graceHours ?? DEFAULT_ELIGIBILITY.graceHours,
  };
}

/** "Albania, Kosovo* and Serbia": joined as the reader's language joins a list ("i" in BCMS, "dhe" in Albanian). */
export function listInWords(words: readonly string[], t: Translate): string {
  return formatListIn(languageOf(t), words);
}

/** The worst outcome wins: one failed criterion fails the check, one open question needs a person. */
export function overallEligibility(results: readonly CriterionResult[]): EligibilityOutcome {
  if (results.some((result) => result.outcome === "failed")) return "failed";
  if (results.some((result) => result.outcome === "needsPerson")) return "needsPerson";
  return "passed";
}

/** Each criterion the round applies, in its words, with the automatic check's verdict and why. */
export function checkEligibility(input: EligibilityInput, t: Translate): CriterionResult[] {
  const rules = eligibilityRules(input.rules);
  return publishedCriteria(rules, t).map((criterion) => {
    const { outcome, sentences } = evaluate[criterion.id](input, rules);
    return {
      id: criterion.id,
      label: criterion.name,
      ...(rules.wording[criterion.id] ? {} : { guideName: { minimumCountries: rules.minimumCountries } }),
      outcome,
      reason: reasonIn(sentences, t, partInEnglish),
      sentences,
    };
  });
}

type Verdict = { outcome: EligibilityOutcome; sentences: ReasonSentence[] };

const say = (key: string, values?: Record<string, ReasonValue>): ReasonSentence => ({ key, ...(values ? { values } : {}) });

const evaluate: Record<CriterionId, (input: EligibilityInput, rules: RoundEligibility) => Verdict> = {
  joint({ lead, partners }, { minimumCountries }) {
    const countries = jointCountries(lead.countryCode, partners);
    if (countries.length >= minimumCountries) return { outcome: "passed", sentences: [say("eligibilityReasons.joint.passed", { countries: { countries } })] };
    return {
      outcome: "failed",
      sentences: [
        countries.length === 0
          ? say("eligibilityReasons.joint.failedNone", { minimum: { inWords: minimumCountries } })
          : say("eligibilityReasons.joint.failedOnly", { minimum: { inWords: minimumCountries }, countries: { countries } }),
      ],
    };
  },

  eligibleInstitutions({ lead, partners }) {
    const institutions = [lead, ...partners.filter((partner) => partner.status !== "declined")];
    const failures: ReasonSentence[] = [];
    const questions: ReasonSentence[] = [];
    for (const institution of institutions) {
      const who = { name: { text: institution.name }, country: { countries: [institution.countryCode] } };
      if (!isWb6Country(institution.countryCode)) failures.push(say("eligibilityReasons.institutions.notWb6", who));
      else if (!institution.active) failures.push(say("eligibilityReasons.institutions.inactive", who));
      else if (!institution.chapter23 && !institution.chapter24) failures.push(say("eligibilityReasons.institutions.noMandate", who));
      else if (institution.type === "other") questions.push(say("eligibilityReasons.institutions.other", who));
    }
    if (failures.length > 0) return { outcome: "failed", sentences: [...failures, ...questions] };
    if (questions.length > 0) return { outcome: "needsPerson", sentences: questions };
    return { outcome: "passed", sentences: [say("eligibilityReasons.institutions.passed", { number: { number: institutions.length } })] };
  },

  linkedToSocOrCt({ themes }) {
    if (themes.length === 0) return { outcome: "failed", sentences: [say("eligibilityReasons.themes.none")] };
    const unknown = themes.filter((id) => !THEMES.some((theme) => theme.id === id));
    if (unknown.length > 0) return { outcome: "failed", sentences: [say("eligibilityReasons.themes.unknown", { themes: { quoted: unknown } })] };
    const linked = THEMES.filter((theme) => theme.group !== "crossCutting" && themes.includes(theme.id));
    if (linked.length === 0) return { outcome: "needsPerson", sentences: [say("eligibilityReasons.themes.crossCuttingOnly")] };
    return { outcome: "passed", sentences: [say("eligibilityReasons.themes.linked", { themes: { themes: linked.map((theme) => theme.id) } })] };
  },

  insideWindow({ window, submittedAt }, { graceHours }) {
    const submitted = { instant: submittedAt };
    switch (windowPosition({ ...window, graceHours }, submittedAt)) {
      case "notYetOpen":
        return { outcome: "failed", sentences: [say("eligibilityReasons.window.beforeOpening", { submitted, opens: { instant: window.opensAt } })] };
      case "closed":
        return { outcome: "failed", sentences: [say("eligibilityReasons.window.afterClosing", { submitted, closes: { instant: window.closesAt! } })] };
      case "grace":
        // The round's grace period lets it in, but late: whether that is fair is a person's call.
        return {
          outcome: "needsPerson",
          sentences: [
            say("eligibilityReasons.window.grace", { submitted, late: { lateness: [window.closesAt!, submittedAt] }, hours: { hours: graceHours }, deadline: { instant: window.closesAt! } }),
          ],
        };
      case "inside":
        return {
          outcome: "passed",
          sentences: [window.closesAt === null ? say("eligibilityReasons.window.rolling", { submitted }) : say("eligibilityReasons.window.beforeDeadline", { submitted, deadline: { instant: window.closesAt } })],
        };
    }
  },

  complete({ partners, missingParts }) {
    const unconfirmed = partners.filter((partner) => partner.status === "invited").map((partner) => partner.name);
    const gaps: ReasonSentence[] = [];
    // The parts by key where the form has one, so that each language names them.
    const parts = missingParts.map((label) => (label === "Title" ? "title" : (PROPOSAL_PARTS.find((part) => part.label === label)?.key ?? label)));
    if (parts.length > 0) gaps.push(say("eligibilityReasons.complete.missingParts", { parts: { parts } }));
    if (unconfirmed.length > 0) gaps.push(say("eligibilityReasons.complete.unconfirmed", { partners: { names: unconfirmed } }));
    if (gaps.length > 0) return { outcome: "failed", sentences: gaps };
    return { outcome: "passed", sentences: [say("eligibilityReasons.complete.passed")] };
  },
};
