// Rounds, deadlines and link expiries are set by the TAF team in Brussels: users in six
// countries read one unambiguous time rather than their mail client's guess.
const brusselsDate = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Brussels",
  day: "numeric",
  month: "long",
  year: "numeric",
});
// Formatted apart from the date because en-GB joins the two with " at ", which reads poorly
// in running text ("expires on 30 November 2026 at 14:00 (Brussels time)").
const brusselsTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Brussels",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const calendarDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "15 September 2026" for "2026-09-15" (a calendar day, no time zone); what was typed if it is not a date. */
export function formatDay(date: string) {
  const at = new Date(`${date}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && !Number.isNaN(at.getTime()) ? calendarDay.format(at) : date;
}

/** "30 November 2026, 14:00 (Brussels time)" */
export function formatBrussels(date: Date): string {
  return `${brusselsDate.format(date)}, ${brusselsTime.format(date)} (Brussels time)`;
}
