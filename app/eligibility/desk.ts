import type { CriterionResult, EligibilityOutcome } from "../../workflows/eligibility";

// The eligibility desk as its page shows it, without the forms' zod schema (desk-schema.ts),
// which stays on the server (issue 13).

/** The field holding the reason for confirming a criterion the automatic check did not pass. */
export function overrideField(criterion: string) {
  return `override.${criterion}`;
}

type Country = { name: string; needsFootnote: boolean };

/** One proposal on the desk as its page shows it: who takes part, and the automatic check per criterion. */
export type DeskEntry = {
  id: number;
  version: number;
  reference: string | null;
  title: string;
  roundCode: string;
  lead: { name: string; country: Country };
  partners: { name: string; country: Country }[];
  submitted: string;
  checked: string | null;
  overall: EligibilityOutcome | null;
  results: CriterionResult[];
};
