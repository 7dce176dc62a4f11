import { langWhereDifferent } from "../../workflows/languages";
import { useTranslation } from "../translation";

// Text in another language than the page's is marked with `lang`, so screen readers read it
// with the right voice and browsers hyphenate it right: a proposal written in English on an
// Albanian page, a language's own name in the switcher (langWhereDifferent, workflows/languages.ts).

/**
 * `{ lang }` for text in `textLanguage` on the page being rendered. Content people type is in English unless the round
 * says otherwise: `<div {...useTextLanguage("en")}>{proposal.summary}</div>`.
 */
export function useTextLanguage(textLanguage: string): { lang?: string } {
  const { i18n } = useTranslation();
  return langWhereDifferent(textLanguage, i18n.language);
}
