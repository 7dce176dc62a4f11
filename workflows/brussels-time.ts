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

const ZONE = "Europe/Brussels";
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
