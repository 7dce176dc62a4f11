/**
 * What a proposal, its concept note and its completion report must contain before they can be
 * submitted. Pure: the server reads each document with its form's schema
 * (app/proposals/documents.server.ts), passes the result to the statechart as `missingParts`,
 * and the forms show the same labels.
 */

/** A proposal's working content as stored: the answers at the top level, beside the other documents. */
export type ProposalContent = Record<string, unknown>;

/** A document as read: its parts by key. */
type Document = Readonly<Record<string, unknown>>;

type Part = { key: string; label: string };

export const PROPOSAL_PARTS = [
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
] as const satisfies readonly Part[];

export type ProposalPartKey = (typeof PROPOSAL_PARTS)[number]["key"];

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

function missing(parts: readonly Part[], document: Document): string[] {
  return parts.filter((part) => !isAnswered(document[part.key])).map((part) => part.label);
}

export function missingProposalParts(title: string, answers: Document): string[] {
  return [...(title.trim() === "" ? ["Title"] : []), ...missing(PROPOSAL_PARTS, answers)];
}

export function missingConceptNoteParts(conceptNote: Document): string[] {
  return missing(CONCEPT_NOTE_PARTS, conceptNote);
}

export function missingReportParts(completionReport: Document): string[] {
  return missing(REPORT_PARTS, completionReport);
}
