import type { i18n as I18n, TFunction } from "i18next";
import { useContext, useMemo } from "react";
import { getI18n, I18nContext } from "react-i18next";

// The page's words in React: `useTranslation` and `Trans` with react-i18next's names and the
// part of their behaviour the portal uses (`Trans` in app/trans.tsx, loaded by the pages that use it).
// A page has one language and one catalogue, so it needs none of i18next's weight: 15 KiB in
// the browser (entry.client.tsx), and on the server (i18n.server.ts, for the pages' render,
// loaders and actions) about 8 µs of CPU a message against 1 µs here, hundreds of messages a
// page (issue 13). `catalogueTranslator` below writes what i18next writes for the portal's catalogues:
// keys by path, plurals by Intl's rules (`_zero` first for 0), `{{name}}` and
// `{{name, number}}` from the options or the page's message variables, `$t(key, {…})` nested. A key it cannot find
// stays a key, as in i18next (fallbackLng: false). tests/components/translation.test.tsx holds
// both to the same words for every key of every catalogue; e-mails still speak through i18next
// (workflows/messages.ts).

type Options = Record<string, unknown>;
type Catalogue = { [key: string]: unknown };

/** What a page's components need of a translator: this module's (or i18next's instance, where a test renders with it). */
export type Translator = Pick<I18n, "language" | "t"> & { options: { interpolation?: { defaultVariables?: Options } } };

function find(from: unknown, path: string): unknown {
  let node: unknown = from;
  for (const part of path.split(".")) node = typeof node === "object" && node !== null ? (node as Catalogue)[part] : undefined;
  return node;
}

/** A page's translator for one language, its catalogue and the numbers its messages name; it keeps no state. */
export function catalogueTranslator(language: string, catalogue: Catalogue, defaultVariables: Options): Translator {
  const plurals = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  const interpolate = (text: string, options: Options) =>
    text.replace(/\{\{(.+?)\}\}/g, (whole, inner: string) => {
      const [name = "", format] = inner.split(",").map((part) => part.trim());
      const value = find(options, name) ?? find(defaultVariables, name);
      // As i18next: a number it is not given is NaN, a name it is not given stays as written.
      if (format === "number") return numbers.format(value as number);
      if (value === undefined) return Object.prototype.hasOwnProperty.call(options, name) ? "" : whole;
      return value === null ? "" : String(value);
    });
  // A message that names another with its numbers, "$t(validation.tooManyCharacters, {"max":300})"
  // (app/free-text-schema.ts): the other message, with them. Not in what a value brought in.
  const nest = (text: string, options: Options) =>
    text.replace(/\$t\((.+?)\)/g, (whole, inner: string) => {
      const { defaultValue: _, ...inherited } = options;
      const [key = "", values] = inner.trim().split(/,[ ]*\{/);
      let nested: Options = inherited;
      try {
        if (values !== undefined) nested = { ...inherited, ...(JSON.parse(`{${values}`) as Options) };
      } catch {
        return `${key},{${values}`;
      }
      return t(key, nested) || "";
    });
  // The server's translator lives as long as the process and says hundreds of messages a page:
  // each message found is kept by its key (the catalogue does not change; a key not found, which
  // may be any text, is not kept, so this holds at most the catalogue).
  const found = new Map<string, string>();
  const message = (key: string): string | undefined => {
    let text = found.get(key);
    if (text === undefined) {
      const node = find(catalogue, key);
      if (typeof node === "string") found.set(key, (text = node));
    }
    return text;
  };
  const t = (key: string, options: Options = {}): string => {
    const count = options.count;
    const plural = typeof count === "number" ? ((count === 0 ? message(`${key}_zero`) : undefined) ?? message(`${key}_${plurals.select(count)}`)) : undefined;
    const text = plural ?? message(key) ?? options.defaultValue;
    if (typeof text !== "string") return key;
    const interpolated = text.includes("{{") ? interpolate(text, options) : text;
    // Only the message's own $t(…) are nested, never one a value brought in.
    if (!text.includes("$t(")) return interpolated;
    const nestings = (words: string) => words.split("$t(").length;
    return nestings(interpolated) > nestings(text) ? interpolated : nest(interpolated, options);
  };
  return { language, t: t as TFunction, options: { interpolation: { defaultVariables } } };
}

let pageTranslator: Translator | null = null;

/** The browser's translator, started once per page load (entry.client.tsx) and kept for `browserWords`. */
export function browserTranslator(language: string, catalogue: Catalogue, defaultVariables: Options): Translator {
  pageTranslator = catalogueTranslator(language, catalogue, defaultVariables);
  return pageTranslator;
}

/**
 * The page's words outside React, for what runs only in the browser (a client action's answer
 * when the server cannot be reached): the translator entry.client.tsx started.
 */
export function browserWords(): TFunction {
  if (!pageTranslator) throw new Error("The page's translator has not started (entry.client.tsx).");
  return pageTranslator.t;
}

/**
 * The page's translator and its `t`, from the provider of entry.server.tsx or entry.client.tsx
 * (or, as in react-i18next, the instance `initReactI18next` last started, where a test renders
 * a component without one).
 */
export function useTranslation(): { t: TFunction; i18n: Translator } {
  const i18n = ((useContext(I18nContext) as { i18n?: Translator } | undefined)?.i18n ?? getI18n()) as Translator;
  const t = useMemo(() => ((key: string, options?: Options) => i18n.t(key, options as never)) as TFunction, [i18n]);
  return { t, i18n };
}
