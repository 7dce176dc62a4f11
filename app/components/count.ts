import type { PageLanguage } from "../../workflows/languages";

/**
 * How each language groups a count's digits, as Intl writes it on the server (formatNumberIn;
 * tests/components/pagination.test.ts holds the two together). Written out because the browser
 * may lack a language's Intl data (Debian's Chromium has no Albanian or Macedonian) and would
 * then write "10,000" where the server wrote "10 000", and the page would not hydrate as rendered.
 * `from`: the fewest digits that get grouped (Albanian leaves "1000" whole).
 */
const DIGIT_GROUPS: Record<PageLanguage, { separator: string; from: number }> = {
  en: { separator: ",", from: 4 },
  "en-XA": { separator: ",", from: 4 },
  sq: { separator: "\u00a0", from: 5 },
  "sr-Latn": { separator: ".", from: 4 },
  "sr-Cyrl": { separator: ".", from: 4 },
  mk: { separator: ".", from: 4 },
};

/** A whole count as the language writes it, the same in the browser as on the server: "10.000" in mk. */
export function countIn(language: PageLanguage, value: number): string {
  const digits = String(Math.trunc(Math.abs(value)));
  const { separator, from } = DIGIT_GROUPS[language] ?? DIGIT_GROUPS.en;
  const grouped = digits.length < from ? digits : digits.replace(/\B(?=(\d{3})+$)/g, separator);
  return value < 0 ? `-${grouped}` : grouped;
}
