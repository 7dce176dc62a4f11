// The words of the programme's reporting, in one place: the dashboard, the round report and
// anything mailed to the steering committee say a round's figures the same way, with the
// plural forms right ("1 proposal from 1 country", "6 proposals from 4 countries").

import { formatNumberIn } from "./time";

/** A count as a reader reads it: "8,407", not "8407". */
export function figure(n: number): string {
  return formatNumberIn("en", n);
}

/** "1 proposal", "6 proposals", "1,487 proposals". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${figure(n)} ${n === 1 ? singular : plural}`;
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
export function roundSummary(figures: RoundSummaryFigures): string {
  if (figures.submitted === 0) return "No proposals submitted";
  const intake = `${countOf(figures.submitted, "proposal")} from ${countOf(figures.countries, "country", "countries")}`;
  if (figures.decided === 0) return `${intake}; no selection decisions yet`;
  if (figures.promising === 0) return `${intake}; none promising`;
  if (figures.stoodOut === 0) return `${intake}; ${figure(figures.promising)} promising`;
  const more = figures.promising - figures.stoodOut;
  return more === 0 ? `${intake}; ${figure(figures.stoodOut)} stood out` : `${intake}; ${figure(figures.stoodOut)} stood out, ${figure(more)} more promising`;
}

/** "83%" of a share between 0 and 1; "–" where there is nothing to share out. */
export function percentOf(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 100)}%`;
}

/** "12 days", "1 day", "–" for none. Half days (a median of two) are rounded to one decimal. */
export function daysOf(days: number | null): string {
  if (days === null) return "–";
  const rounded = Math.round(days * 10) / 10;
  return `${rounded} ${rounded === 1 ? "day" : "days"}`;
}

/** "March 2027" for "2027-03". */
export function monthOf(month: string): string {
  const at = new Date(`${month}-01T00:00:00Z`);
  return Number.isNaN(at.getTime()) ? month : at.toLocaleString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}
