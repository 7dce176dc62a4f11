import { describe, expect, it } from "vitest";
import { languageFor, negotiateLanguage } from "../../workflows/languages";
import { createTranslator, pseudoLocalise } from "../../workflows/messages";
import { formatBrusselsDayIn, formatBrusselsIn, formatBrusselsTimeIn, formatDayIn, formatEurosIn, formatNumberIn } from "../../workflows/time";

describe("the language a browser asks for", () => {
  it("maps each of the region's tags to the catalogue that serves it", () => {
    expect(languageFor("sq-XK")).toBe("sq");
    expect(languageFor("mk-MK")).toBe("mk");
    // BCMS: Bosnian, Croatian and Montenegrin are read in Latin script; Serbian in Serbia in Cyrillic.
    expect(languageFor("bs")).toBe("sr-Latn");
    expect(languageFor("hr-HR")).toBe("sr-Latn");
    expect(languageFor("cnr")).toBe("sr-Latn");
    expect(languageFor("sr-ME")).toBe("sr-Latn");
    expect(languageFor("sr-Latn-RS")).toBe("sr-Latn");
    expect(languageFor("sr")).toBe("sr-Cyrl");
    expect(languageFor("sr-RS")).toBe("sr-Cyrl");
    expect(languageFor("de-DE")).toBeNull();
    expect(languageFor("not a tag")).toBeNull();
  });

  it("takes the first the portal speaks, by the header's weights", () => {
    expect(negotiateLanguage("de-DE,de;q=0.9,hr;q=0.8,en;q=0.7")).toBe("sr-Latn");
    expect(negotiateLanguage("en;q=0.5, mk;q=0.9")).toBe("mk");
    expect(negotiateLanguage("fr, *;q=0.1")).toBeNull();
    expect(negotiateLanguage("sq;q=0, en")).toBe("en");
    expect(negotiateLanguage(null)).toBeNull();
    expect(negotiateLanguage("")).toBeNull();
  });
});

describe("dates, times and amounts in each language", () => {
  const instant = new Date("2026-11-30T13:00:00Z");

  it("writes a Brussels date and time with the time zone named in the reader's words", () => {
    expect(formatBrusselsIn("en", instant)).toBe("30 November 2026, 14:00 (Brussels time)");
    expect(formatBrusselsIn("sq", instant)).toBe("30 nëntor 2026, 14:00 (ora e Brukselit)");
    expect(formatBrusselsIn("sr-Latn", instant)).toBe("30. novembar 2026., 14:00 (briselsko vrijeme)");
    expect(formatBrusselsIn("sr-Cyrl", instant)).toBe("30. новембар 2026., 14:00 (бриселско време)");
    expect(formatBrusselsIn("mk", instant)).toBe("30 ноември 2026 г., 14:00 (бриселско време)");
  });

  it("writes the time of a save on a 24-hour clock in Brussels, whatever the browser's own zone and clock", () => {
    expect(formatBrusselsTimeIn("en", new Date("2026-11-30T19:02:00Z"))).toBe("20:02 (Brussels time)");
    expect(formatBrusselsTimeIn("sq", instant)).toBe("14:00 (ora e Brukselit)");
    expect(formatBrusselsTimeIn("mk", instant)).toBe("14:00 (бриселско време)");
  });

  it("takes the day in Brussels, and a calendar day as it is", () => {
    // 23:30 UTC on 30 November is already 1 December in Brussels.
    expect(formatBrusselsDayIn("mk", new Date("2026-11-30T23:30:00Z"))).toBe("1 декември 2026 г.");
    expect(formatDayIn("sr-Latn", "2026-09-15")).toBe("15. septembar 2026.");
    expect(formatDayIn("sq", "not a day")).toBe("not a day");
  });

  it("groups digits and places the euro sign as each language does", () => {
    expect(formatNumberIn("en", 12345)).toBe("12,345");
    expect(formatNumberIn("mk", 12345)).toBe("12.345");
    expect(formatNumberIn("sq", 12345).replace(/\s/g, " ")).toBe("12 345");
    expect(formatEurosIn("en", 60000)).toBe("€60,000");
    expect(formatEurosIn("en", 12345.5)).toBe("€12,345.50");
    expect(formatEurosIn("sr-Latn", 12345.5).replace(/\s/g, " ")).toBe("12.345,50 €");
    expect(formatEurosIn("sr-Cyrl", 60000).replace(/\s/g, " ")).toBe("60.000 €");
  });
});

describe("plural forms", () => {
  it("has three in Serbian (one, few, other) and two in English, Albanian and Macedonian", () => {
    const sr = createTranslator("sr-Latn");
    expect(sr("forgotPassword.linkValidity", { count: 1 })).toMatch(/važi 1 sat\.$/);
    expect(sr("forgotPassword.linkValidity", { count: 21 })).toMatch(/važi 21 sat\.$/);
    expect(sr("forgotPassword.linkValidity", { count: 72 })).toMatch(/važi 72 sata\.$/);
    expect(sr("forgotPassword.linkValidity", { count: 12 })).toMatch(/važi 12 sati\.$/);
    expect(sr("forgotPassword.linkValidity", { count: 75 })).toMatch(/važi 75 sati\.$/);
    expect(createTranslator("sr-Cyrl")("forgotPassword.linkValidity", { count: 72 })).toMatch(/важи 72 сата\.$/);
    const en = createTranslator("en");
    expect(en("forgotPassword.linkValidity", { count: 1 })).toBe("The link works once and for 1 hour.");
    expect(en("forgotPassword.linkValidity", { count: 72 })).toBe("The link works once and for 72 hours.");
    expect(createTranslator("mk")("forgotPassword.linkValidity", { count: 1 })).toMatch(/1 час\.$/);
    expect(createTranslator("mk")("forgotPassword.linkValidity", { count: 72 })).toMatch(/72 часа\.$/);
  });
});

describe("the pseudo-language", () => {
  it("is longer and accented, with placeholders and tags left whole", () => {
    const pseudo = pseudoLocalise({ a: { b: "If <strong>{{email}}</strong> has an account" } });
    const text = (pseudo.a as Record<string, string>).b!;
    expect(text).toMatch(/^\[.*\]$/);
    expect(text).toContain("<strong>{{email}}</strong>");
    expect(text).toContain("áà");
    const plain = (pseudoLocalise({ a: "Send me a link" }).a as string).length;
    expect(plain).toBeGreaterThanOrEqual("Send me a link".length * 1.3);
  });
});
