import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { LANGUAGES } from "../../workflows/languages";
import { AREA_FILES } from "../../locales/catalogues";
import { catalogueFor } from "../../workflows/messages";
import { messagesByKey } from "../support/catalogue-keys";

// Every catalogue has every key, no catalogue has a key no code uses, and each plural message
// has exactly the forms its language's Intl.PluralRules asks for.

const PLURAL = /_(zero|one|two|few|many|other)$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const english = messagesByKey(catalogueFor("en"));
const sections = new Set([...english.keys()].map((key) => key.split(".")[0]));
/** Message keys as the code writes them: quoted, starting with a catalogue's section. */
const usedKeys = new Set(
  ["app", "emails", "workflows"]
    .flatMap(sourceFiles)
    .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/["'`]([a-zA-Z]+(?:\.[a-zA-Z0-9]+)+)["'`]/g)].map((match) => match[1]!))
    .filter((key) => sections.has(key.split(".")[0])),
);

describe("the message catalogues", () => {
  it("each have exactly English's keys, plural forms aside", () => {
    const singular = (keys: Iterable<string>) => new Set([...keys].map((key) => key.replace(PLURAL, "")));
    for (const { tag } of LANGUAGES) {
      expect([...singular(messagesByKey(catalogueFor(tag)).keys())].sort(), tag).toEqual([...singular(english.keys())].sort());
    }
  });

  it("give each plural message the forms its language has (Serbian three, the others two)", () => {
    for (const { tag } of LANGUAGES) {
      const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
      const keys = [...messagesByKey(catalogueFor(tag)).keys()];
      for (const base of new Set(keys.filter((key) => PLURAL.test(key)).map((key) => key.replace(PLURAL, "")))) {
        const forms = keys.filter((key) => key.replace(PLURAL, "") === base).map((key) => PLURAL.exec(key)![1]);
        expect(forms.sort(), `${tag} ${base}`).toEqual([...categories].sort());
      }
    }
  });

  it("hold no message that no code uses", () => {
    const unused = [...english.keys()].map((key) => key.replace(PLURAL, "")).filter((key) => !usedKeys.has(key));
    expect(unused).toEqual([]);
  });

  it("hold every key the code uses", () => {
    const known = new Set([...english.keys()].map((key) => key.replace(PLURAL, "")));
    expect([...usedKeys].filter((key) => !known.has(key))).toEqual([]);
  });

  it("carry the same placeholders in every language as in English", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}|<(\w+)>/g)].map((m) => m[0]).sort();
    for (const { tag } of LANGUAGES) {
      for (const [key, text] of messagesByKey(catalogueFor(tag))) {
        const englishText = english.get(key) ?? english.get(key.replace(PLURAL, "_other"))!;
        expect(placeholders(text), `${tag} ${key}`).toEqual(placeholders(englishText));
      }
    }
  });

  it("give each top-level section to one area file only, so no file's words hide another's", () => {
    for (const { tag } of LANGUAGES) {
      const sectionsOfFiles = AREA_FILES[tag].flatMap((area) => Object.keys(area));
      expect(sectionsOfFiles.length, tag).toBe(new Set(sectionsOfFiles).size);
    }
  });

  it("keep names left in English whole in the Cyrillic catalogues, never spelt letter by letter", () => {
    // "Фацилитy", "Wорд": English run through a Latin-to-Cyrillic transliteration. A proper name
    // stays in Latin letters (Word, Technical Assistance Facility); a word never mixes the scripts.
    const mixed = /\p{Script=Cyrillic}\p{Script=Latin}|\p{Script=Latin}\p{Script=Cyrillic}/u;
    for (const tag of ["sr-Cyrl", "mk"] as const) {
      const words = [...messagesByKey(catalogueFor(tag))].flatMap(([key, text]) =>
        text.replace(/\{\{[^}]*\}\}|<[^>]*>/g, " ").split(/\s+/).filter((word) => mixed.test(word)).map((word) => `${key}: ${word}`),
      );
      expect(words, tag).toEqual([]);
    }
  });

  it("word the Kosovo* footnote in English as the rest of the portal does", () => {
    expect(english.get("layout.kosovoFootnote")).toBe(KOSOVO_FOOTNOTE);
  });
});
