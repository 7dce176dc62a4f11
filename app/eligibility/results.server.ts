import type { TFunction } from "i18next";
import type { CriterionResult } from "../../workflows/eligibility";
import { criterionResultIn } from "../../workflows/eligibility";
import { partLabelKey } from "../proposals/draft-parts";

/**
 * A stored automatic check as the reader reads it: the Guide's criteria and the reasons in the
 * page's language. The record keeps its English reasons; a check stored before the reasons had
 * keys shows them as stored.
 */
export function eligibilityResultsIn(results: readonly CriterionResult[], t: TFunction): CriterionResult[] {
  return results.map((result) => criterionResultIn(result, t, (part) => t(partLabelKey(part))));
}
