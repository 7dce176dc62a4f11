import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatBrussels, formatBrusselsDay, formatDay, fromBrusselsTime, toBrusselsTime } from "../../workflows/time";

// Rounds are set on the Brussels clock and stored in UTC. In 2027 summer time starts on
// 28 March (02:00 → 03:00) and ends on 31 October (03:00 → 02:00).

const utc = (wallClock: string) => {
  const time = fromBrusselsTime(wallClock);
  return time.ok ? time.instant.toISOString() : time.problem;
};

describe("a Brussels wall-clock time as a UTC instant", () => {
  it("is one hour behind in winter and two in summer", () => {
    expect(utc("2027-01-15T17:00")).toBe("2027-01-15T16:00:00.000Z");
    expect(utc("2027-07-01T12:00")).toBe("2027-07-01T10:00:00.000Z");
    expect(utc("2027-12-31T23:59")).toBe("2027-12-31T22:59:00.000Z");
    expect(utc("2028-01-01T00:30")).toBe("2027-12-31T23:30:00.000Z");
  });

  it("refuses a time the spring change skips: 28 March 2027, 02:00 to 02:59", () => {
    expect(utc("2027-03-28T01:59")).toBe("2027-03-28T00:59:00.000Z");
    expect(utc("2027-03-28T02:00")).toBe("skipped");
    expect(utc("2027-03-28T02:30")).toBe("skipped");
    expect(utc("2027-03-28T02:59")).toBe("skipped");
    expect(utc("2027-03-28T03:00")).toBe("2027-03-28T01:00:00.000Z");
  });

  it("takes the earlier of the two times the autumn change repeats: 31 October 2027, 02:00 to 02:59", () => {
    expect(utc("2027-10-31T01:59")).toBe("2027-10-30T23:59:00.000Z");
    // Both 00:30Z (still summer time) and 01:30Z read 02:30 in Brussels; the first is taken.
    expect(toBrusselsTime(new Date("2027-10-31T00:30:00.000Z"))).toBe("2027-10-31T02:30");
    expect(toBrusselsTime(new Date("2027-10-31T01:30:00.000Z"))).toBe("2027-10-31T02:30");
    expect(utc("2027-10-31T02:30")).toBe("2027-10-31T00:30:00.000Z");
    expect(utc("2027-10-31T03:00")).toBe("2027-10-31T02:00:00.000Z");
  });

  it("refuses what is not a calendar time", () => {
    for (const text of ["", "2027-02-29T10:00", "2027-04-31T10:00", "2027-01-01T24:00", "2027-01-01T10:60", "2027-1-5T10:00", "2027-01-15 17:00", "2027-01-15T17:00:00", "tomorrow"]) {
      expect(utc(text)).toBe("unreadable");
    }
    expect(utc("2028-02-29T10:00")).toBe("2028-02-29T09:00:00.000Z");
  });

  it("reads back every instant it shows, except the repeated autumn hour, which reads as its first pass", () => {
    const minutes = fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2100, 0, 1) / 60_000 });
    fc.assert(
      fc.property(minutes, (minute) => {
        const instant = new Date(minute * 60_000);
        const shown = toBrusselsTime(instant);
        const read = fromBrusselsTime(shown);
        expect(read.ok).toBe(true);
        if (!read.ok) return;
        const behind = instant.getTime() - read.instant.getTime();
        expect([0, 60 * 60_000]).toContain(behind);
        // An hour behind only in the repeated hour: the same clock reading an hour earlier.
        if (behind !== 0) expect(toBrusselsTime(read.instant)).toBe(shown);
      }),
      { numRuns: 2000 },
    );
  });
});

// Pages, refusals and e-mail write a date one way and a date and time one way.
describe("dates and times in words", () => {
  it("writes a date and time on the Brussels clock, in winter and in summer, from a Date or an ISO instant", () => {
    expect(formatBrussels(new Date("2026-11-30T13:00:00Z"))).toBe("30 November 2026, 14:00 (Brussels time)");
    expect(formatBrussels("2026-07-01T22:05:00.000Z")).toBe("2 July 2026, 00:05 (Brussels time)");
    expect(formatBrussels("soon")).toBe('an unreadable time ("soon")');
  });

  it("writes the day an instant falls on in Brussels, not in UTC", () => {
    expect(formatBrusselsDay(new Date("2026-11-14T23:30:00Z"))).toBe("15 November 2026");
    expect(formatBrusselsDay(new Date("2026-07-14T21:59:00Z"))).toBe("14 July 2026");
  });

  it("writes a calendar day the same way, and leaves what is not a date as it was typed", () => {
    expect(formatDay("2026-09-15")).toBe("15 September 2026");
    expect(formatDay("next spring")).toBe("next spring");
  });
});
