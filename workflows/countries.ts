// EU usage: Kosovo is always written "Kosovo*", and whatever shows it carries this footnote.
// The web app's footer and exports use the same text, so there is one wording to keep right.
export const KOSOVO_FOOTNOTE =
  "* This designation is without prejudice to positions on status and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo Declaration of Independence.";

/** A country's name as it must be shown: "Kosovo*" for the country flagged for the footnote. */
export function countryLabel(name: string, needsFootnote: boolean): string {
  return needsFootnote ? `${name}*` : name;
}

/** Whether a text names Kosovo, and so obliges the page or email showing it to carry the footnote. */
export function mentionsKosovo(text: string): boolean {
  return /kosovo/i.test(text);
}
