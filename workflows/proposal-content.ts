/**
 * What a proposal, its concept note and its completion report must contain before they can be
 * submitted. Pure: the server passes the result to the statechart as `missingParts`, and the
 * forms show the same labels. The applicants' forms (issue 4) fill these keys.
 */

export type ProposalContent = Record<string, unknown>;

type Part = { key: string; label: string };

export const PROPOSAL_PARTS: readonly Part[] = [
  { key: "summary", label: "Summary" },
  { key: "problem", label: "The problem and why it needs cross-border work" },
  { key: "objectives", label: "Objectives" },
  { key: "activities", label: "Planned activities" },
  { key: "expectedResults", label: "Expected results" },
  { key: "themes", label: "Themes" },
  { key: "supportKinds", label: "Kinds of support" },
  { key: "intendedStart", label: "Intended start" },
  { key: "durationMonths", label: "Duration" },
  { key: "budgetEur", label: "Estimated budget" },
  { key: "contactPerson", label: "Contact person" },
];

export const CONCEPT_NOTE_PARTS: readonly Part[] = [
  { key: "activities", label: "Activities" },
  { key: "budgetLines", label: "Budget lines" },
  { key: "risks", label: "Risks" },
];

const REPORT_PARTS: readonly Part[] = [
  { key: "outcome", label: "What was achieved" },
  { key: "lessonsLearnt", label: "Lessons learnt" },
];

/** An answer counts when it says something: text that is not blank, a non-empty list, a number. */
function isAnswered(value: unknown): boolean {
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "number") return Number.isFinite(value) && value > 0;
  return value !== null && typeof value === "object";
}

function missing(parts: readonly Part[], content: unknown): string[] {
  const record = (content ?? {}) as Record<string, unknown>;
  return parts.filter((part) => !isAnswered(record[part.key])).map((part) => part.label);
}

export function missingProposalParts(title: string, content: ProposalContent): string[] {
  return [...(title.trim() === "" ? ["Title"] : []), ...missing(PROPOSAL_PARTS, content)];
}

export function missingConceptNoteParts(content: ProposalContent): string[] {
  return missing(CONCEPT_NOTE_PARTS, content.conceptNote);
}

export function missingReportParts(content: ProposalContent): string[] {
  return missing(REPORT_PARTS, content.completionReport);
}

export function proposalThemes(content: ProposalContent): string[] {
  return Array.isArray(content.themes) ? content.themes.filter((t): t is string => typeof t === "string") : [];
}
