import type { PageLanguage } from "./languages";
import { isLanguage } from "./languages";

// The statecharts', the event catalogue's, the vocabulary's and the rules' words are catalogue
// keys; every words function takes the translator of the page that shows them: the browser's
// (app/translation.tsx), the server's for the reader, or English, the language of record
// (workflows/in-english.ts, which the browser never loads).

/** A page's translator (i18next's `t`, server or browser) or `inEnglish`: what every words function takes. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The language a translator writes, for what Intl formats (numbers, lists, months): each
 * catalogue names its own language. The pseudo-language, whose words are English made longer,
 * formats as English.
 */
export function languageOf(t: Translate): PageLanguage {
  const tag = t("catalogue.language");
  return isLanguage(tag) ? tag : "en";
}

/** A key that tells one translator's catalogue from another's, for caches of drawn words (the pseudo-language included). */
export function catalogueOf(t: Translate): string {
  return t("catalogue.language");
}
