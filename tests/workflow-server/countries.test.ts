import { inEnglish } from "../../workflows/in-english";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { countries } from "../../db/schema";
import { countryNameIn, KOSOVO_FOOTNOTE, WB6_COUNTRIES } from "../../workflows/countries";

// workflows/countries.ts is the one list of the Western Balkan countries; the migrations seed
// the `countries` table that pages join. They must say the same, in the same order.

describe("the Western Balkan countries", () => {
  it("the migrated table holds exactly the countries of workflows/countries.ts, in their order, with the footnote flag", () => {
    const rows = db().select().from(countries).orderBy(asc(countries.sortOrder)).all();
    expect(rows.map((row) => ({ code: row.code, name: row.name, needsFootnote: row.needsDesignationFootnote }))).toEqual(
      WB6_COUNTRIES.map(({ code, name, needsFootnote }) => ({ code, name, needsFootnote })),
    );
  });

  it("Kosovo is written with the asterisk its footnote explains; a country outside the six is named as such", () => {
    expect(WB6_COUNTRIES.map((country) => countryNameIn(country.code, inEnglish))).toEqual([
      "Albania",
      "Bosnia and Herzegovina",
      "Kosovo*",
      "Montenegro",
      "North Macedonia",
      "Serbia",
    ]);
    expect(KOSOVO_FOOTNOTE.startsWith("* ")).toBe(true);
    expect(countryNameIn("DE", inEnglish)).toBe("a country outside the Western Balkans (DE)");
  });
});
