import { inEnglish } from "../../workflows/in-english";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../workflows/messages";
import { formatNumberIn } from "../../workflows/time";
import { countOf, daysOf, monthOf, percentOf, roundSummary } from "../../workflows/reporting-words";

// A round's figures in the programme's words, with the plural forms right.

describe("a round in one line", () => {
  it("reads as the programme wrote its first round", () => {
    expect(roundSummary({ submitted: 6, countries: 4, decided: 6, promising: 5, stoodOut: 1 }, inEnglish)).toBe("6 proposals from 4 countries; 1 stood out, 4 more promising");
  });

  it("keeps the singular for one and says what is not there yet", () => {
    expect(roundSummary({ submitted: 1, countries: 1, decided: 0, promising: 0, stoodOut: 0 }, inEnglish)).toBe("1 proposal from 1 country; no selection decisions yet");
    expect(roundSummary({ submitted: 2, countries: 3, decided: 2, promising: 0, stoodOut: 0 }, inEnglish)).toBe("2 proposals from 3 countries; none promising");
    expect(roundSummary({ submitted: 3, countries: 2, decided: 3, promising: 2, stoodOut: 0 }, inEnglish)).toBe("3 proposals from 2 countries; 2 promising");
    expect(roundSummary({ submitted: 3, countries: 2, decided: 3, promising: 1, stoodOut: 1 }, inEnglish)).toBe("3 proposals from 2 countries; 1 stood out");
    expect(roundSummary({ submitted: 0, countries: 0, decided: 0, promising: 0, stoodOut: 0 }, inEnglish)).toBe("No proposals submitted");
  });

  it("groups the thousands of a large round, as a reader reads them", () => {
    expect(roundSummary({ submitted: 2007, countries: 6, decided: 1859, promising: 1816, stoodOut: 1000 }, inEnglish)).toBe("2,007 proposals from 6 countries; 1,000 stood out, 816 more promising");
  });

  it("writes counts, shares, days and months one way", () => {
    expect(countOf(1, "submitted proposal", inEnglish)).toBe("1 submitted proposal");
    expect(countOf(0, "proposal", inEnglish)).toBe("0 proposals");
    expect(percentOf(1 / 3, inEnglish)).toBe("33%");
    expect(percentOf(null, inEnglish)).toBe("–");
    expect(daysOf(1, inEnglish)).toBe("1 day");
    expect(daysOf(4.25, inEnglish)).toBe("4.3 days");
    expect(monthOf("2027-03", inEnglish)).toBe("March 2027");
  });
});

describe("a round in the reader's language", () => {
  const serbian = createTranslator("sr-Latn");
  const albanian = createTranslator("sq");

  it("takes Serbian's three plural forms: one, few and other", () => {
    expect(roundSummary({ submitted: 1, countries: 1, decided: 0, promising: 0, stoodOut: 0 }, serbian)).toBe("1 prijedlog iz 1 zemlje; još nema odluka o izboru");
    expect(roundSummary({ submitted: 3, countries: 2, decided: 3, promising: 2, stoodOut: 0 }, serbian)).toBe("3 prijedloga iz 2 zemlje; 2 perspektivna");
    expect(roundSummary({ submitted: 21, countries: 5, decided: 21, promising: 12, stoodOut: 5 }, serbian)).toBe("21 prijedlog iz 5 zemalja; 5 se istaklo, još 7 perspektivnih");
    expect(countOf(6, "submitted proposal", serbian)).toBe("6 podnesenih prijedloga");
    expect(daysOf(3, serbian)).toBe("3 dana");
  });

  it("takes Albanian's two, and groups thousands as Albanian writes them", () => {
    expect(roundSummary({ submitted: 1, countries: 1, decided: 1, promising: 1, stoodOut: 1 }, albanian)).toBe("1 propozim nga 1 vend; 1 u dallua");
    expect(roundSummary({ submitted: 6, countries: 4, decided: 6, promising: 5, stoodOut: 2 }, albanian)).toBe("6 propozime nga 4 vende; 2 u dalluan, edhe 3 premtues");
    expect(countOf(12345, "proposal", albanian)).toBe(`${formatNumberIn("sq", 12345)} propozime`);
    expect(formatNumberIn("sq", 12345)).not.toBe("12,345");
    expect(roundSummary({ submitted: 0, countries: 0, decided: 0, promising: 0, stoodOut: 0 }, albanian)).toBe("Asnjë propozim i dorëzuar");
  });

  it("names the month and the share in the reader's words", () => {
    expect(monthOf("2027-03", serbian)).toBe("mart 2027.");
    expect(monthOf("2027-03", createTranslator("mk"))).toBe("март 2027 г.");
    expect(percentOf(0.5, albanian)).toBe("50%");
  });
});
