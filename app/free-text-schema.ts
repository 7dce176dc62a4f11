import { z } from "./zod";

// Every free text the portal keeps goes through this module: `singleLine`, `multiLine` or
// `freeText` (with its cap). Every free text the portal keeps has a character cap, so that nobody's text can break a page,
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

// What a person types is refused if it carries characters nobody types on purpose: control
// characters (NUL, escape, …), and in a single line (a name, a title) line breaks and tabs too;
// and, where a line names something, the invisible characters that reorder or hide letters —
// bidirectional overrides and isolates, and zero-width characters — with which
// "‮gnp.pdf" shows as "fdp.png". Multi-line text keeps them: Albanian, Serbian or Arabic quotes
// may need direction marks, and nothing there is a name one trusts at a glance.
const CONTROL_IN_A_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
const CONTROL_IN_PARAGRAPHS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const SPOOFING = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

// Catalogue keys (locales/*/core.json), said in the reader's language where the reply is translated.
const UNTYPABLE_CHARACTER = "validation.untypableCharacter";
const LINE_BREAK_IN_A_LINE = "validation.lineBreakInALine";
const SPOOFING_CHARACTER = "validation.spoofingCharacter";

/**
 * A catalogue key with the values its message names, as one string a zod message can carry:
 * i18next nests it (`$t(key, {…})`) wherever the message is translated, in the browser
 * (FieldError) and on the server (translateReply), so a round's own limits reach every language.
 * The values are numbers only: nesting ends at the first closing bracket.
 */
export function messageWith(key: string, values: Record<string, number>): string {
  return `$t(${key}, ${JSON.stringify(values)})`;
}

/** "Use at most 4,000 characters. This text has 4,120.", in the reader's language. */
function tooLong(max: number, input: unknown) {
  return messageWith("validation.tooManyCharacters", { max, length: String(input).length });
}

/**
 * A name, a title or another single line, refused with a message if it has any of those
 * characters. Trimmed first: a name pasted from a spreadsheet with its trailing tab is fine.
 */
export function singleLine(params?: { error: string }) {
  return z
    .string(params)
    .trim()
    .refine((text) => !/[\r\n\t\u2028\u2029]/u.test(text), { error: LINE_BREAK_IN_A_LINE, abort: true })
    .refine((text) => !CONTROL_IN_A_LINE.test(text), { error: UNTYPABLE_CHARACTER, abort: true })
    .refine((text) => !SPOOFING.test(text), { error: SPOOFING_CHARACTER, abort: true });
}

/** A text of paragraphs (a comment, a reason, an answer): line breaks and tabs allowed, other control characters not. */
export function multiLine(params?: { error: string }) {
  return z
    .string(params)
    .overwrite((text) => text.replace(/\r\n?/g, "\n"))
    .refine((text) => !CONTROL_IN_PARAGRAPHS.test(text), { error: UNTYPABLE_CHARACTER, abort: true });
}

/** A file's name as it is kept and shown: without control or spoofing characters, null if it had any. */
export function acceptableFileName(name: string) {
  return CONTROL_IN_A_LINE.test(name) || SPOOFING.test(name) ? null : name;
}

/**
 * A free text of at most `max` characters. Line breaks count as one character, as the browser's
 * maxLength counts them (a form sends each as two).
 */
export function freeText(max: number) {
  return multiLine()
    .trim()
    .max(max, { error: (issue) => tooLong(max, issue.input) });
}

/** A single line of at most `max` characters: a title, a contact person. */
export function lineText(max: number) {
  return singleLine()
    .trim()
    .max(max, { error: (issue) => tooLong(max, issue.input) });
}
