// Rounds, deadlines and link expiries are set by the TAF team in Brussels: users in six
// countries read one unambiguous time rather than their mail client's guess. Every page,
// refusal and e-mail writes a date one way ("15 October 2026") and a date and time one way
// ("15 October 2026, 23:59 (Brussels time)"), with the functions below.

import type { PageLanguage } from "./languages";
import { intlLocale } from "./languages";

const ZONE = "Europe/Brussels";
const MONTH_DAY_YEAR = { day: "numeric", month: "long", year: "numeric" } as const;

// The same rule in each of the portal's languages (issue 12), with the time zone always named
// in the reader's words. The English functions below are these with "en".
const ZONE_NAME: Record<PageLanguage, string> = {
  en: "Brussels time",
  "en-XA": "Brússéls tímé",
  sq: "ora e Brukselit",
  "sr-Latn": "briselsko vrijeme",
  "sr-Cyrl": "бриселско време",
  mk: "бриселско време",
};

type Formats = {
  brusselsDate: Intl.DateTimeFormat;
  brusselsTime: Intl.DateTimeFormat;
  calendarDay: Intl.DateTimeFormat;
  number: Intl.NumberFormat;
  /** Whole euros ("€60,000") and euros with cents ("€12,345.50"). */
  euros: Intl.NumberFormat;
  eurosAndCents: Intl.NumberFormat;
  /** "Albania, Kosovo* and Serbia", joined as the language joins a list. */
  list: Intl.ListFormat;
  /** Two decimals: "3.50", "3,50". */
  twoDecimals: Intl.NumberFormat;
};

const formatsByLanguage = new Map<PageLanguage, Formats>();

function formatsFor(language: PageLanguage): Formats {
  let formats = formatsByLanguage.get(language);
  if (formats) return formats;
  const locale = intlLocale(language);
  formats = {
    brusselsDate: new Intl.DateTimeFormat(locale, { ...MONTH_DAY_YEAR, timeZone: ZONE }),
    // Formatted apart from the date because en-GB joins the two with " at ", which reads poorly
    // in running text ("expires on 30 November 2026 at 14:00 (Brussels time)").
    brusselsTime: new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
    calendarDay: new Intl.DateTimeFormat(locale, { ...MONTH_DAY_YEAR, timeZone: "UTC" }),
    number: new Intl.NumberFormat(locale),
    euros: new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", minimumFractionDigits: 0, maximumFractionDigits: 0 }),
    eurosAndCents: new Intl.NumberFormat(locale, { style: "currency", currency: "EUR", minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    list: new Intl.ListFormat(locale, { type: "conjunction" }),
    twoDecimals: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  };
  formatsByLanguage.set(language, formats);
  return formats;
}

/** "15 September 2026" for "2026-09-15" (a calendar day, no time zone); what was typed if it is not a date. */
export function formatDay(date: string) {
  return formatDayIn("en", date);
}

/** "15 November 2026": the day an instant falls on in Brussels. */
export function formatBrusselsDay(instant: Date): string {
  return formatBrusselsDayIn("en", instant);
}

/**
 * "30 November 2026, 14:00 (Brussels time)", for a Date or an ISO instant (the statecharts'
 * events carry strings); an unreadable string is quoted rather than shown as a wrong time.
 */
export function formatBrussels(instant: Date | string): string {
  const time = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(time)) return `an unreadable time ("${String(instant)}")`;
  return formatBrusselsIn("en", time);
}

/** formatDay in a language: "15. septembar 2026." in sr-Latn. */
export function formatDayIn(language: PageLanguage, date: string) {
  const at = new Date(`${date}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(at.getTime()) ? formatsFor(language).calendarDay.format(at) : date;
}

/** formatBrusselsDay in a language: "15 ноември 2026 г." in mk. */
export function formatBrusselsDayIn(language: PageLanguage, instant: Date | number): string {
  return formatsFor(language).brusselsDate.format(instant);
}

/** formatBrussels in a language: "30 nëntor 2026, 14:00 (ora e Brukselit)" in sq. */
export function formatBrusselsIn(language: PageLanguage, instant: Date | number): string {
  const formats = formatsFor(language);
  return `${formats.brusselsDate.format(instant)}, ${formats.brusselsTime.format(instant)} (${ZONE_NAME[language]})`;
}

/** The time of day in Brussels, zone named: "14:03 (Brussels time)"; for what was done minutes ago, such as a save. */
export function formatBrusselsTimeIn(language: PageLanguage, instant: Date | number): string {
  return `${formatsFor(language).brusselsTime.format(instant)} (${ZONE_NAME[language]})`;
}

/** A number as the language writes it: "12,345" in English, "12.345" in mk, "12 345" in sq. */
export function formatNumberIn(language: PageLanguage, value: number): string {
  return formatsFor(language).number.format(value);
}

/** A number with two decimals as the language writes it: "3.50" in English, "3,50" in mk. */
export function formatTwoDecimalsIn(language: PageLanguage, value: number): string {
  return formatsFor(language).twoDecimals.format(value);
}

/** "Albania, Kosovo* and Serbia": joined as the language joins a list ("i" in BCMS, "dhe" in Albanian). */
export function formatListIn(language: PageLanguage, words: readonly string[]): string {
  return formatsFor(language).list.format(words);
}

/** An amount in euros: "€12,345.50", "12.345,50 €"; whole euros without cents ("€60,000"). */
export function formatEurosIn(language: PageLanguage, amount: number): string {
  const formats = formatsFor(language);
  return (Number.isInteger(amount) ? formats.euros : formats.eurosAndCents).format(amount);
}

/**
 * The TAF team sets a round's times on the Brussels clock ("2027-01-15T17:00", as a
 * datetime-local input sends it); the database keeps UTC instants. Intl knows the time-zone
 * rules in Node and in every browser, so the same conversion runs on both sides of a form.
 *
 * Twice a year the Brussels clock is not one-to-one with UTC, and the rule here is:
 * - On the last Sunday of March the clocks jump from 02:00 to 03:00, so 02:00–02:59 never
 *   happens. Such a time is refused ("skipped"): a person typed a time that does not exist, and
 *   moving a deadline by an hour without saying so would be worse than asking again.
 * - On the last Sunday of October 02:00–02:59 happens twice. The earlier one (still summer
 *   time, UTC+2) is taken, as java.time and Temporal's default do, so the portal agrees with
 *   the calendars people compare it with.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const clock = new Intl.DateTimeFormat("en-GB", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export type BrusselsTime = { ok: true; instant: Date } | { ok: false; problem: "unreadable" | "skipped" };

/** "2027-01-15T17:00": the Brussels wall-clock time of an instant, as a datetime-local input shows it. */
export function toBrusselsTime(instant: Date): string {
  const part = Object.fromEntries(clock.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}`;
}

/** The UTC instant a Brussels wall-clock time stands for, by the rule above. */
export function fromBrusselsTime(wallClock: string): BrusselsTime {
  const asIfUtc = asIfUtcOf(wallClock);
  if (asIfUtc === null) return { ok: false, problem: "unreadable" };
  // Brussels changes its offset at most once in two days: the offsets a day either side are
  // the only candidates, and a candidate counts only if Brussels shows this time at it.
  const candidates = [offsetAt(asIfUtc - DAY), offsetAt(asIfUtc + DAY)]
    .map((offset) => asIfUtc - offset)
    .filter((instant) => toBrusselsTime(new Date(instant)) === wallClock)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  return earliest === undefined ? { ok: false, problem: "skipped" } : { ok: true, instant: new Date(earliest) };
}

/**
 * The wall-clock reading taken as if it were UTC, in milliseconds; null unless it is a real
 * calendar time (it must survive the round trip, which rules out 30 February or 24:00).
 */
function asIfUtcOf(wallClock: string): number | null {
  const match = WALL_CLOCK.exec(wallClock);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(asIfUtc).toISOString().slice(0, 16) === wallClock ? asIfUtc : null;
}

/** How far the Brussels clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  return asIfUtcOf(toBrusselsTime(new Date(instant)))! - Math.floor(instant / MINUTE) * MINUTE;
}
