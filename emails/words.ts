import type { TFunction } from "i18next";
import type { Language } from "../workflows/languages";
import { intlLocale, isLanguage } from "../workflows/languages";
import { translatorFor } from "../workflows/messages";
import { oneLine } from "./templates/typed-text";

// The words every template shares, in the recipient's language: the translator, a proposal's
// name as mail writes it, and lists joined the way the language joins them.

/** The template's language (English unless the recipient's account says otherwise) and its translator. */
export function wordsIn(language: Language | undefined): { language: Language; t: TFunction } {
  const chosen = language ?? "en";
  return { language: chosen, t: translatorFor(chosen) };
}

/** A proposal's title on one line; a proposal nobody has named yet is called so in the reader's words. */
export function titleOf(t: TFunction, title: string): string {
  return oneLine(title) || t("mail.untitled");
}

/** “Title” (TAF-2026-007): the title in the language's quotation marks, with the reference once there is one. */
export function titled(t: TFunction, title: string, reference: string | null): string {
  return reference ? t("mail.titledRef", { title, reference }) : t("mail.titled", { title });
}

/** "Albania, Kosovo* and Serbia": joined as the language joins a list ("i" in BCMS, "dhe" in Albanian). */
export function listIn(language: Language, words: readonly string[]): string {
  return new Intl.ListFormat(intlLocale(language), { type: "conjunction" }).format(words);
}

/** The language a person's mail is written in: their account's, else English (the language of record). */
export function recipientLanguage(locale: string | null | undefined): Language {
  return isLanguage(locale) ? locale : "en";
}
