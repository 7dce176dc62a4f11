import type { PageLanguage } from "../../workflows/languages";
import { formatDayIn, formatEurosIn } from "../../workflows/time";
import { supportKindLabel, themeLabel } from "../../workflows/vocabulary";
import type { Translate } from "../../workflows/words";

/** An answer in its reader's words: one line, or the names of what was chosen. */
export type AnswerInWords = string | string[];

/**
 * A proposal's amounts, dates, durations and chosen themes and kinds of support as its reader's
 * language writes them, made on the server so that the browser shows (and hydrates) exactly what
 * was rendered, carrying neither the vocabulary nor the formats: browsers' Intl data differ from
 * the server's (Debian's Chromium has no Albanian). The other answers are the applicant's own words.
 */
export function answersInWords(answers: Record<string, unknown>, language: PageLanguage, t: Translate): Record<string, AnswerInWords> {
  const words: Record<string, AnswerInWords> = {};
  const chosen = (value: unknown, label: (id: string, t: Translate) => string) => (Array.isArray(value) ? value.map((id) => label(String(id), t)) : undefined);
  const themes = chosen(answers.themes, themeLabel);
  if (themes) words.themes = themes;
  const supportKinds = chosen(answers.supportKinds, supportKindLabel);
  if (supportKinds) words.supportKinds = supportKinds;
  if (typeof answers.budgetEur === "number") words.budgetEur = formatEurosIn(language, answers.budgetEur);
  if (typeof answers.durationMonths === "number") words.durationMonths = t("proposalAnswer.months", { count: answers.durationMonths });
  if (typeof answers.intendedStart === "string" && formatDayIn(language, answers.intendedStart) !== answers.intendedStart) {
    words.intendedStart = formatDayIn(language, answers.intendedStart);
  }
  return words;
}
