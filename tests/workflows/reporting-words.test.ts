import { describe, expect, it } from "vitest";
import { countOf, daysOf, monthOf, percentOf, roundSummary } from "../../workflows/reporting-words";

// A round's figures in the programme's words, with the plural forms right.

describe("a round in one line", () => {
  it("reads as the programme wrote its first round", () => {
    expect(roundSummary({ submitted: 6, countries: 4, decided: 6, promising: 5, stoodOut: 1 })).toBe("6 proposals from 4 countries; 1 stood out, 4 more promising");
  });

  it("keeps the singular for one and says what is not there yet", () => {
    expect(roundSummary({ submitted: 1, countries: 1, decided: 0, promising: 0, stoodOut: 0 })).toBe("1 proposal from 1 country; no selection decisions yet");
    expect(roundSummary({ submitted: 2, countries: 3, decided: 2, promising: 0, stoodOut: 0 })).toBe("2 proposals from 3 countries; none promising");
    expect(roundSummary({ submitted: 3, countries: 2, decided: 3, promising: 2, stoodOut: 0 })).toBe("3 proposals from 2 countries; 2 promising");
    expect(roundSummary({ submitted: 3, countries: 2, decided: 3, promising: 1, stoodOut: 1 })).toBe("3 proposals from 2 countries; 1 stood out");
    expect(roundSummary({ submitted: 0, countries: 0, decided: 0, promising: 0, stoodOut: 0 })).toBe("No proposals submitted");
  });

  it("groups the thousands of a large round, as a reader reads them", () => {
    expect(roundSummary({ submitted: 2007, countries: 6, decided: 1859, promising: 1816, stoodOut: 1000 })).toBe("2,007 proposals from 6 countries; 1,000 stood out, 816 more promising");
  });

  it("writes counts, shares, days and months one way", () => {
    expect(countOf(1, "activity", "activities")).toBe("1 activity");
    expect(countOf(0, "proposal")).toBe("0 proposals");
    expect(percentOf(1 / 3)).toBe("33%");
    expect(percentOf(null)).toBe("–");
    expect(daysOf(1)).toBe("1 day");
    expect(daysOf(4.25)).toBe("4.3 days");
    expect(monthOf("2027-03")).toBe("March 2027");
  });
});
