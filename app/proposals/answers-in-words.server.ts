import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { formatDayIn, formatEurosIn } from "../../workflows/time";

/**
 * A proposal's amounts, dates and durations as its reader's language writes them, made on the
 * server so that the browser shows (and hydrates) exactly what was rendered: the other answers
 * are the applicant's own words or the vocabulary's labels.
 */
export function answersInWords(answers: Record<string, unknown>, language: PageLanguage, t: TFunction): Record<string, string> {
  const words: Record<string, string> = {};
  if (typeof answers.budgetEur === "number") words.budgetEur = formatEurosIn(language, answers.budgetEur);
  if (typeof answers.durationMonths === "number") words.durationMonths = t("proposalAnswer.months", { count: answers.durationMonths });
  if (typeof answers.intendedStart === "string" && formatDayIn(language, answers.intendedStart) !== answers.intendedStart) {
    words.intendedStart = formatDayIn(language, answers.intendedStart);
  }
  return words;
}
