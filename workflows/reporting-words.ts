// The words of the programme's reporting, in one place: the dashboard, the round report and
// anything mailed to the steering committee say a round's figures the same way, with the
// plural forms of the reader's language right ("1 proposal from 1 country", "6 proposals from
// 4 countries"; Serbian's one/few/other). Each takes the page's translator last, English by default.

import { intlLocale } from "./languages";
import { formatNumberIn } from "./time";
import type { Translate } from "./words";
import { languageOf } from "./words";

/** A count as a reader reads it: "8,407", not "8407"; "8.407" in Macedonian. */
export function figure(n: number, t: Translate): string {
  return formatNumberIn(languageOf(t), n);
}

/** What the programme's reports count, each with its plural forms in the catalogue. */
const COUNTED = {
  proposal: "reportingWords.proposals",
  country: "reportingWords.countries",
  "submitted proposal": "reportingWords.submittedProposals",
} as const;

export type Counted = keyof typeof COUNTED;

/** "1 proposal", "6 proposals", "1,487 proposals". */
export function countOf(n: number, counted: Counted, t: Translate): string {
  return t(COUNTED[counted], { count: n, figure: figure(n, t) });
}

export type RoundSummaryFigures = {
  submitted: number;
  countries: number;
  /** Proposals with a selection decision applied (promising or not selected). */
  decided: number;
  promising: number;
  /** The promising proposals the TAF team marked as standing out. */
  stoodOut: number;
};

/**
 * A round in one line, as the programme writes it: "6 proposals from 4 countries; 1 stood out,
 * 4 more promising". Before any decision it says so, rather than "0 promising".
 */
export function roundSummary(figures: RoundSummaryFigures, t: Translate): string {
  if (figures.submitted === 0) return t("reportingWords.noProposals");
  const intake = t("reportingWords.intake", { proposals: countOf(figures.submitted, "proposal", t), countries: countOf(figures.countries, "country", t) });
  if (figures.decided === 0) return t("reportingWords.noDecisions", { intake });
  if (figures.promising === 0) return t("reportingWords.nonePromising", { intake });
  if (figures.stoodOut === 0) return t("reportingWords.promising", { intake, count: figures.promising, figure: figure(figures.promising, t) });
  const stoodOut = t("reportingWords.stoodOut", { intake, count: figures.stoodOut, figure: figure(figures.stoodOut, t) });
  const more = figures.promising - figures.stoodOut;
  return more === 0 ? stoodOut : t("reportingWords.morePromising", { stoodOut, count: more, figure: figure(more, t) });
}

/** A round's (or a period's) figures as the dashboard counts them, in one line of the reader's words. */
export function periodSummary(period: { funnel: { submitted: number; promising: number }; countries: number; decided: number; stoodOut: number }, t: Translate): string {
  return roundSummary({ submitted: period.funnel.submitted, countries: period.countries, decided: period.decided, promising: period.funnel.promising, stoodOut: period.stoodOut }, t);
}

/** "83%" of a share between 0 and 1; "–" where there is nothing to share out. */
export function percentOf(share: number | null, t: Translate): string {
  return share === null ? t("reportingWords.none") : t("reportingWords.percent", { figure: figure(Math.round(share * 100), t) });
}

/** "12 days", "1 day", "–" for none. Half days (a median of two) are rounded to one decimal. */
export function daysOf(days: number | null, t: Translate): string {
  if (days === null) return t("reportingWords.none");
  const rounded = Math.round(days * 10) / 10;
  return t("reportingWords.days", { count: rounded, figure: figure(rounded, t) });
}

/** "March 2027" for "2027-03"; "mart 2027." in BCMS. */
export function monthOf(month: string, t: Translate): string {
  const at = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return month;
  return at.toLocaleString(intlLocale(languageOf(t)), { month: "long", year: "numeric", timeZone: "UTC" });
}
