import type { ProposalPartKey } from "../../workflows/proposal-content";

// What the drafting form's parts are called and where they are, and how their words are
// counted: for the pages that show a proposal's parts (and so in the browser), without the
// form's zod schema (content-schema.ts), which stays on the server (issue 13).

export function countWords(text: string | undefined | null): number {
  const trimmed = (text ?? "").trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/u).length;
}

/** The catalogue key of a form field's label, in the page's language: t(partLabelKey("summary")). */
export function partLabelKey(field: string): string {
  // A list's error is the list's: "themes[0]" is in Themes.
  const name = field.split(/[.[]/)[0]!;
  return PART_LABEL_KEYS[name as keyof typeof PART_LABEL_KEYS] ?? name;
}

// The drafting form's fields (content-schema.ts's DraftField): the title and the proposal's parts.
const PART_LABEL_KEYS: Record<"title" | ProposalPartKey, string> = {
  title: "draftForm.part.title",
  summary: "draftForm.part.summary",
  problem: "draftForm.part.problem",
  objectives: "draftForm.part.objectives",
  activities: "draftForm.part.activities",
  expectedResults: "draftForm.part.expectedResults",
  themes: "draftForm.part.themes",
  supportKinds: "draftForm.part.supportKinds",
  intendedStart: "draftForm.part.intendedStart",
  durationMonths: "draftForm.part.durationMonths",
  budgetEur: "draftForm.part.budgetEur",
  contactPerson: "draftForm.part.contactPerson",
};

/** The anchor of a field on the edit page: `/proposals/8/edit#part-summary`. */
export function partAnchor(field: string) {
  return `part-${field}`;
}
