// Shaping what people typed (titles, reasons, questions, feedback) for an e-mail.

/** A title for a subject line or heading: one line, however it was typed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** What someone typed, one paragraph per line, blank lines dropped. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

/** Quotation marks around the whole quote, even when it runs over several paragraphs. */
export function quoted(paragraphs: string[]): string[] {
  if (paragraphs.length === 0) return [];
  return paragraphs.map((paragraph, i) => `${i === 0 ? "“" : ""}${paragraph}${i === paragraphs.length - 1 ? "”" : ""}`);
}
