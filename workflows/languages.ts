import type { InitOptions } from "i18next";

// The portal's languages (issue 12). English is the default and the language of record; the
// region's institutions read Albanian, BCMS in Latin script (one catalogue serves Bosnian,
// Croatian, Montenegrin and Serbian in Latin), Serbian in Cyrillic, and Macedonian. Each is
// named by its BCP 47 tag, which is also what <html lang> says and what Intl formats with.

export const LANGUAGES = [
  { tag: "en", name: "English" },
  { tag: "sq", name: "Shqip" },
  { tag: "sr-Latn", name: "BCMS (latinica)" },
  { tag: "sr-Cyrl", name: "Српски (ћирилица)" },
  { tag: "mk", name: "Македонски" },
] as const;

export type Language = (typeof LANGUAGES)[number]["tag"];

export const DEFAULT_LANGUAGE: Language = "en";

/**
 * A pseudo-language for testing layouts: English made longer and accented, so a page that only
 * fits English shows it. Offered only where the environment enables it (development, tests).
 */
export const PSEUDO_LANGUAGE = "en-XA";

export type PageLanguage = Language | typeof PSEUDO_LANGUAGE;

export function isLanguage(tag: unknown): tag is Language {
  return LANGUAGES.some((language) => language.tag === tag);
}

/**
 * The portal's language for a browser's language tag, or null if it has none for it. The
 * script decides for the BCMS family: Intl's likely-subtags data knows that "sr" is written in
 * Cyrillic in Serbia, "sr-ME", "bs", "hr" and "cnr" in Latin.
 */
export function languageFor(tag: string): Language | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag).maximize();
  } catch {
    return null;
  }
  switch (locale.language) {
    case "en":
      return "en";
    case "sq":
      return "sq";
    case "mk":
      return "mk";
    case "sr":
      return locale.script === "Cyrl" ? "sr-Cyrl" : "sr-Latn";
    case "bs":
    case "hr":
    case "cnr":
      return "sr-Latn";
    default:
      return null;
  }
}

/** The first language of an Accept-Language header (by its q weights) the portal speaks. */
export function negotiateLanguage(acceptLanguage: string | null): Language | null {
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(",")
    .map((part, order) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((value) => value !== undefined);
      return { tag: tag.trim(), weight: q === undefined ? 1 : Number(q), order };
    })
    .filter((entry) => entry.tag !== "" && entry.tag !== "*" && entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.order - b.order);
  for (const entry of ranked) {
    const language = languageFor(entry.tag);
    if (language) return language;
  }
  return null;
}

/** The locale Intl formats a page language with: British English for English (day before month). */
export function intlLocale(language: PageLanguage): string {
  return language === "en" || language === PSEUDO_LANGUAGE ? "en-GB" : language;
}

/** Options every i18next instance shares, on the server and in the browser. */
export const I18N_OPTIONS = {
  // A catalogue is complete (tests/workflows/catalogues.test.ts), so a missing key is a bug
  // to see, not English to slip in unnoticed.
  fallbackLng: false,
  // React and the e-mail layout escape what they show; escaping here would escape twice.
  interpolation: { escapeValue: false },
  returnNull: false,
} satisfies InitOptions;

/**
 * `{ lang }` for text in `textLanguage` (a BCP 47 tag) shown on a page in `pageLanguage`; nothing
 * when they agree: so screen readers read it with the right voice (app/components/text-language.tsx).
 */
export function langWhereDifferent(textLanguage: string, pageLanguage: string): { lang?: string } {
  return textLanguage === pageLanguage ? {} : { lang: textLanguage };
}
