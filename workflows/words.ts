import english from "../locales/en/workflow.json";

// The statecharts', the event catalogue's and the vocabulary's words are catalogue keys; the
// English lives in locales/en/workflow.json like every other language's. Modules here that the
// browser also loads (machines, vocabulary) read English from that one file instead of the
// translator of workflows/messages.ts, which would put every language's catalogue in the bundle.

/** A page's translator (i18next's `t`, server or browser) or `inEnglish`: what every words function takes. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

type Messages = { [key: string]: string | Messages };

function lookup(key: string): string | undefined {
  let node: string | Messages | undefined = english as Messages;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** English, the language of record and the default of every words function; `count` picks `_one`/`_other`. */
export function inEnglish(key: string, options: Record<string, unknown> = {}): string {
  const count = options.count;
  const text = (typeof count === "number" ? lookup(`${key}_${count === 1 ? "one" : "other"}`) : undefined) ?? lookup(key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in options ? String(options[name]) : whole));
}
