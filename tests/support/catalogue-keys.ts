import type { Catalogue } from "../../workflows/messages";

type Messages = { [key: string]: string | Messages };

/** A catalogue's messages by their dotted keys ("proposalPage.title" → its words). */
export function messagesByKey(catalogue: Catalogue | Messages, prefix = ""): Map<string, string> {
  const keys = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue as Messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") keys.set(path, value);
    else for (const [inner, text] of messagesByKey(value, path)) keys.set(inner, text);
  }
  return keys;
}
