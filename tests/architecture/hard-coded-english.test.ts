import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { UNTRANSLATED_FILES } from "./untranslated-files";

// No words written into a page: the text between JSX tags and the attributes people read (label,
// title, aria-label, placeholder, alt…) come from the catalogues, through t(). The files not
// converted yet are listed in untranslated-files.ts; that list only shrinks: a new file with
// English fails, and so does a listed file that no longer has any (take it off the list).

const READ_ATTRIBUTES = new Set(["label", "title", "aria-label", "placeholder", "alt", "hint", "description", "legend", "heading", "summary"]);
const WORDS = /[A-Za-z]{2,}/;

function tsxFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return name.endsWith(".tsx") ? [path] : [];
  });
}

/** The English a page's source writes itself. */
function hardCodedWords(text: string): string[] {
  const source = ts.createSourceFile("page.tsx", text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && WORDS.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer) && READ_ATTRIBUTES.has(node.name.getText()) && WORDS.test(node.initializer.text)) {
      found.push(node.initializer.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const pages = ["app/routes", "app/components"].flatMap(tsxFiles).concat("app/root.tsx").sort();
const withEnglish = new Map(pages.map((file) => [file, hardCodedWords(readFileSync(file, "utf8"))] as const).filter(([, words]) => words.length > 0));

describe("words on pages", () => {
  it("come from the catalogues in every converted page and component", () => {
    const unexpected = [...withEnglish].filter(([file]) => !UNTRANSLATED_FILES.includes(file)).map(([file, words]) => `${file}: ${JSON.stringify(words[0])}`);
    expect(unexpected).toEqual([]);
  });

  it("list only files that still have English of their own, so the list shrinks as pages are converted", () => {
    expect(UNTRANSLATED_FILES.filter((file) => !withEnglish.has(file))).toEqual([]);
  });

  it("are told apart: text and read attributes are English, t() and class names are not", () => {
    const page = `<p className="notice" title="Open it">Hello, <b>{t("page.name")}</b> <img alt={t("page.alt")} /></p>`;
    expect(hardCodedWords(page)).toEqual(["Open it", "Hello,"]);
  });
});
