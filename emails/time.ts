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

/** "30 November 2026, 14:00 (Brussels time)" */
export function formatBrussels(date: Date): string {
  return `${brusselsDate.format(date)}, ${brusselsTime.format(date)} (Brussels time)`;
}
