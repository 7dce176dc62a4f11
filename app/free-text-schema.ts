import { z } from "zod";

// Every free text the portal keeps has a character cap, so that nobody's text can break a page,
// an e-mail or a printout. The caps live here and in the schemas that use them; the forms take
// them as maxLength from those schemas (Conform's constraints), so the browser stops typing at
// the cap and the server refuses, with the same words, what arrives over it anyway.
//
// Browser-safe: no server imports.

export const CHARACTER_CAPS = {
  title: 300,
  contactPerson: 300,
  comment: 4000,
  reason: 2000,
} as const;

/**
 * A free text of at most `max` characters. Line breaks count as one character, as the browser's
 * maxLength counts them (a form sends each as two).
 */
export function freeText(max: number) {
  return z
    .string()
    .overwrite((text) => text.replace(/\r\n?/g, "\n"))
    .trim()
    .max(max, { error: (issue) => `Use at most ${max.toLocaleString("en-GB")} characters. This text has ${String(issue.input).length.toLocaleString("en-GB")}.` });
}
