// The six Western Balkan countries (WB6): the one list the portal knows them from. The
// `countries` table is seeded with exactly these rows (db/migrations/0002_wb6_countries.sql, and
// a test compares the two), so pages that join the table and pure rules that read this list
// name a country the same way. Each country's `key` names it in the catalogues
// (locales/<language>/workflow.json, `countries`); `name` is its English, read from there: from
// that section alone, so that a page showing a country does not load the rest of the English.
import { countries as englishNames } from "../locales/en/workflow.json";
import type { Translate } from "./words";

// EU usage: Kosovo is always written "Kosovo*", and whatever shows it carries this footnote.
// The web app's footer and exports use the same text, so there is one wording to keep right.
export const KOSOVO_FOOTNOTE =
  "* This designation is without prejudice to positions on status and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo Declaration of Independence.";

/** In the order the portal lists them (the table's `sort_order`). */
export const WB6_COUNTRIES = (
  [
    { code: "AL", key: "countries.AL", needsFootnote: false },
    { code: "BA", key: "countries.BA", needsFootnote: false },
    { code: "XK", key: "countries.XK", needsFootnote: true },
    { code: "ME", key: "countries.ME", needsFootnote: false },
    { code: "MK", key: "countries.MK", needsFootnote: false },
    { code: "RS", key: "countries.RS", needsFootnote: false },
  ] as const
).map((country) => ({ ...country, name: englishNames[country.code] }));

export type CountryCode = (typeof WB6_COUNTRIES)[number]["code"];

export const COUNTRY_CODES = WB6_COUNTRIES.map((country) => country.code) as [CountryCode, ...CountryCode[]];

export function isWb6Country(code: string): code is CountryCode {
  return WB6_COUNTRIES.some((country) => country.code === code);
}

/** A country's name as it must be shown: "Kosovo*" for the country flagged for the footnote. */
export function countryLabel(name: string, needsFootnote: boolean): string {
  return needsFootnote ? `${name}*` : name;
}

/** A country's name in the reader's language ("Kosova*", "Косово*"); a code outside the WB6 is named as such, so a rule's reason stays true. */
export function countryNameIn(code: string, t: Translate): string {
  const country = WB6_COUNTRIES.find((c) => c.code === code);
  return country ? countryLabel(t(country.key), country.needsFootnote) : t("countries.outside", { code });
}

/** The Kosovo* footnote in the reader's language (the EU's wording in each). */
export function kosovoFootnoteIn(t: Translate): string {
  return t("layout.kosovoFootnote");
}

/** Whether a text names Kosovo, and so obliges the page or email showing it to carry the footnote. */
export function mentionsKosovo(text: string): boolean {
  return /kosovo/i.test(text);
}
