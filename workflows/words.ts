import workflowWords from "../locales/en/workflow.json";
import rulesWords from "../locales/en/rules.json";
import type { PageLanguage } from "./languages";
import { isLanguage } from "./languages";

// The statecharts', the event catalogue's, the vocabulary's and the rules' words are catalogue
// keys; the English lives in locales/en/workflow.json and locales/en/rules.json like every other
// language's. Modules here that the browser also loads (machines, vocabulary, criteria) read
// English from those files instead of the translator of workflows/messages.ts, which would put
// every language's catalogue in the bundle.

/** A page's translator (i18next's `t`, server or browser) or `inEnglish`: what every words function takes. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

type Messages = { [key: string]: string | Messages };

/** The two English area files workflows/ speaks from; each owns its own top-level sections. */
const english: Messages = { ...(workflowWords as Messages), ...(rulesWords as Messages) };

function lookup(key: string): string | undefined {
  let node: string | Messages | undefined = english;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** English, the language of record and the default of every words function; `count` picks `_one`/`_other`. */
export function inEnglish(key: string, options: Record<string, unknown> = {}): string {
  const count = options.count;
  const text = (typeof count === "number" ? lookup(`${key}_${count === 1 ? "one" : "other"}`) : undefined) ?? lookup(key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in options ? String(options[name]) : whole));
}

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
