import type { i18n as I18n } from "i18next";
import type { ReactElement } from "react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { Translator } from "./translation";
import { textStream } from "./text-stream.server";

// A page sent as plain HTML, without scripts or hydration data, and streamed: its shell is
// rendered by React once, with the pages' translator and a mark where the rows go, then each
// chunk of rows is sent as it is read. For a page too long to be held or hydrated whole (the
// table of every proposal).

/** Where a streamed page's rows go: put as a text in its shell. Private-use characters, which no message holds. */
export const ROWS_GO_HERE = "\uE000rows\uE000";

function markup(translator: Translator, element: ReactElement) {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: translator as unknown as I18n }, element));
}

/** The page as a stream: the shell up to ROWS_GO_HERE, each chunk's markup as it is made, the rest of the shell. */
export function streamedPage(translator: Translator, shell: ReactElement, chunks: Iterable<string>) {
  const html = `<!DOCTYPE html>${markup(translator, shell)}`;
  // The last mark: the shell's own texts (a search typed, shown in a heading) come before the rows.
  const at = html.lastIndexOf(ROWS_GO_HERE);
  if (at < 0) throw new Error("A streamed page's shell must say where its rows go (ROWS_GO_HERE).");
  function* texts() {
    yield html.slice(0, at);
    yield* chunks;
    yield html.slice(at + ROWS_GO_HERE.length);
  }
  return textStream(texts());
}
