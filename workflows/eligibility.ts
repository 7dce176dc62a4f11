/**
 * The eligibility criteria of the Guide to applicants, as a pure function. The lists it reads
 * are the portal's vocabulary: countries.ts and vocabulary.ts.
 *
 * The automatic check explains every criterion in a plain sentence; it never decides alone.
 * An administrator confirms, overrides with a reason, or asks for clarification.
 */

import type { CountryCode } from "./countries";
import { COUNTRY_CODES, countryName, isWb6Country } from "./countries";
import { formatBrussels } from "./time";
import { THEMES } from "./vocabulary";
import type { InstitutionType } from "./vocabulary";

/** An instant in time as an ISO 8601 string in UTC, e.g. "2026-10-15T21:59:00.000Z". */
export type Instant = string;

export const ELIGIBILITY_CRITERIA = [
  { id: "joint", label: "Joint proposal from at least two Western Balkan countries" },
  { id: "eligibleInstitutions", label: "Eligible security institutions with a Chapter 23/24 mandate" },
  { id: "linkedToSocOrCt", label: "Linked to serious and organised crime and/or counter-terrorism" },
  { id: "insideWindow", label: "Submitted inside the round's window" },
  { id: "complete", label: "Complete, with every partner confirmed" },
] as const;

export type CriterionId = (typeof ELIGIBILITY_CRITERIA)[number]["id"];

export const DEFAULT_CRITERIA: readonly CriterionId[] = ELIGIBILITY_CRITERIA.map((criterion) => criterion.id);

export type PartnerStatus = "invited" | "confirmed" | "declined";

export type EligibilityOutcome = "passed" | "failed" | "needsPerson";

export interface CriterionResult {
  id: CriterionId;
  label: string;
  outcome: EligibilityOutcome;
  reason: string;
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
}

export interface EligibilityInput {
  /** The criteria the round publishes; all five by default. */
  criteria?: readonly CriterionId[];
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

export const MINIMUM_JOINT_COUNTRIES = 2;

export type WindowPosition = "notYetOpen" | "inside" | "closed";

/**
 * Where an instant falls in a round's window. The closing time itself is already too late,
 * matching the scheduler, which closes the round at that instant. An unreadable time counts as
 * not yet open, so it can never slip through.
 */
export function windowPosition(window: SubmissionWindow, at: Instant): WindowPosition {
  const time = Date.parse(at);
  if (!(time >= Date.parse(window.opensAt))) return "notYetOpen";
  if (window.closesAt !== null && !(time < Date.parse(window.closesAt))) return "closed";
  return "inside";
}

export function listInWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** The worst outcome wins: one failed criterion fails the check, one open question needs a person. */
export function overallEligibility(results: readonly CriterionResult[]): EligibilityOutcome {
  if (results.some((result) => result.outcome === "failed")) return "failed";
  if (results.some((result) => result.outcome === "needsPerson")) return "needsPerson";
  return "passed";
}

export function checkEligibility(input: EligibilityInput): CriterionResult[] {
  const enabled = new Set(input.criteria ?? DEFAULT_CRITERIA);
  return ELIGIBILITY_CRITERIA.filter((criterion) => enabled.has(criterion.id)).map((criterion) => ({
    id: criterion.id,
    label: criterion.label,
    ...evaluate[criterion.id](input),
  }));
}

type Verdict = Pick<CriterionResult, "outcome" | "reason">;

const evaluate: Record<CriterionId, (input: EligibilityInput) => Verdict> = {
  joint({ lead, partners }) {
    const countries = jointCountries(lead.countryCode, partners).map(countryName);
    if (countries.length >= MINIMUM_JOINT_COUNTRIES) {
      return { outcome: "passed", reason: `Confirmed institutions come from ${listInWords(countries)}.` };
    }
    const sofar = countries.length === 0 ? "none" : `only ${countries[0]}`;
    return {
      outcome: "failed",
      reason: `Confirmed institutions must come from at least two Western Balkan countries; so far ${sofar}.`,
    };
  },

  eligibleInstitutions({ lead, partners }) {
    const institutions = [lead, ...partners.filter((partner) => partner.status !== "declined")];
    const failures: string[] = [];
    const questions: string[] = [];
    for (const institution of institutions) {
      const who = `${institution.name} (${countryName(institution.countryCode)})`;
      if (!isWb6Country(institution.countryCode)) failures.push(`${who} is not from a Western Balkan country.`);
      else if (!institution.active) failures.push(`${who} is not active in the register of institutions.`);
      else if (!institution.chapter23 && !institution.chapter24) failures.push(`${who} has no Chapter 23 or 24 mandate.`);
      else if (institution.type === "other") {
        questions.push(`${who} is registered as "Other": a person should confirm it is a security institution.`);
      }
    }
    if (failures.length > 0) return { outcome: "failed", reason: [...failures, ...questions].join(" ") };
    if (questions.length > 0) return { outcome: "needsPerson", reason: questions.join(" ") };
    return {
      outcome: "passed",
      reason: `All ${institutions.length} institutions are active security institutions with a Chapter 23/24 mandate.`,
    };
  },

  linkedToSocOrCt({ themes }) {
    if (themes.length === 0) return { outcome: "failed", reason: "No theme is chosen." };
    const unknown = themes.filter((id) => !THEMES.some((theme) => theme.id === id));
    if (unknown.length > 0) {
      return { outcome: "failed", reason: `Unknown themes: ${listInWords(unknown.map((id) => `"${id}"`))}.` };
    }
    const linked = THEMES.filter((theme) => theme.group !== "crossCutting" && themes.includes(theme.id));
    if (linked.length === 0) {
      return {
        outcome: "needsPerson",
        reason:
          "Only cross-cutting themes are chosen: a person should judge whether the idea is linked to serious and organised crime or counter-terrorism.",
      };
    }
    return { outcome: "passed", reason: `Linked to ${listInWords(linked.map((theme) => theme.label.toLowerCase()))}.` };
  },

  insideWindow({ window, submittedAt }) {
    const submitted = `Submitted on ${formatBrussels(submittedAt)}`;
    switch (windowPosition(window, submittedAt)) {
      case "notYetOpen":
        return { outcome: "failed", reason: `${submitted}, before the round opened on ${formatBrussels(window.opensAt)}.` };
      case "closed":
        return { outcome: "failed", reason: `${submitted}, after the round closed on ${formatBrussels(window.closesAt!)}.` };
      case "inside":
        return {
          outcome: "passed",
          reason:
            window.closesAt === null
              ? `${submitted}, while the rolling round was open.`
              : `${submitted}, before the deadline of ${formatBrussels(window.closesAt)}.`,
        };
    }
  },

  complete({ partners, missingParts }) {
    const unconfirmed = partners.filter((partner) => partner.status === "invited").map((partner) => partner.name);
    const gaps: string[] = [];
    if (missingParts.length > 0) gaps.push(`These required parts are not answered: ${listInWords(missingParts)}.`);
    if (unconfirmed.length > 0) gaps.push(`These partners have not confirmed: ${listInWords(unconfirmed)}.`);
    if (gaps.length > 0) return { outcome: "failed", reason: gaps.join(" ") };
    return { outcome: "passed", reason: "Every required part is answered and every partner has confirmed." };
  },
};
