import { existsSync } from "node:fs";
import type { TFunction } from "i18next";
import { createInstance } from "i18next";
import type { ReactElement } from "react";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { kosovoFootnoteIn, mentionsKosovo } from "../../workflows/countries";
import type { PageLanguage } from "../../workflows/languages";
import { I18N_OPTIONS } from "../../workflows/languages";
import { catalogueFor } from "../../workflows/messages";
import { env } from "../env.server";
import { MESSAGE_VARIABLES } from "../message-variables";
import appStyles from "../styles/app.css?raw";

// The portal prints its own PDFs with the machine's headless Chromium (ADR 017): the printable
// page's HTML, rendered on the server, is set as the content of a blank page and printed with
// the print stylesheet. Chromium never touches the network (every request is refused, scripts
// are off), one runs at a time, and a print that hangs is stopped. Where the machine has no
// Chromium, the printable pages say to use the browser's Print → Save as PDF instead. A PDF is in
// the language of the page it was asked from: its body, its header and its footer.

const PRINT_TIMEOUT_MS = 30_000;

const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Whether this machine can make PDFs; otherwise the printable page is the way to paper. */
export function pdfAvailable() {
  return existsSync(env().CHROMIUM_PATH);
}

export type PrintDocument = {
  /** The document's title: the PDF's title and the header of every page. */
  title: string;
  /** The printable page's HTML, as rendered for the browser (without the site's header and footer). */
  body: string;
  /** The file name the browser saves it as. */
  fileName: string;
  /** Where the printable page is, for when no PDF can be made. */
  printPage: string;
  /** The requester's language and its translator: the document's `lang`, the footer's words and the Kosovo* footnote. */
  language: PageLanguage;
  t: TFunction;
};

/**
 * A printable page's markup in a language, as the browser is shown it (entry.server.tsx gives
 * pages the same i18next). Through the provider only: the process's default instance is left as it is.
 */
export function printableMarkup(language: PageLanguage, page: ReactElement) {
  const i18n = createInstance();
  void i18n.init({
    ...I18N_OPTIONS,
    interpolation: { ...I18N_OPTIONS.interpolation, defaultVariables: MESSAGE_VARIABLES },
    lng: language,
    initImmediate: false,
    resources: { [language]: { translation: catalogueFor(language) } },
  });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, page));
}

// One Chromium at a time: two people printing at once on a two-core server would slow both and
// everyone else's pages; the second waits for the first.
let queue: Promise<unknown> = Promise.resolve();

/**
 * The PDF of a printable page, as a download; without Chromium, or when printing fails, a
 * redirect to the printable page, which says why and how to print it from the browser.
 */
export async function pdfResponse(document: PrintDocument) {
  if (!pdfAvailable()) return redirectToPrintPage(document.printPage, "unavailable");
  const job = queue.then(() => printToPdf(document));
  queue = job.catch(() => undefined);
  try {
    const pdf = await job;
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${document.fileName.replace(/[^A-Za-z0-9._-]/g, "-")}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    console.warn(`The PDF of ${document.printPage} could not be made: ${(error as Error).message}`);
    return redirectToPrintPage(document.printPage, "failed");
  }
}

function redirectToPrintPage(printPage: string, reason: "unavailable" | "failed") {
  return new Response(null, { status: 303, headers: { Location: `${printPage}${printPage.includes("?") ? "&" : "?"}pdf=${reason}` } });
}

/** The words a printable page shows after a redirect from its PDF link. */
export function pdfNotice(reason: string | null, t: TFunction) {
  if (reason === "unavailable") return t("printTools.unavailable");
  if (reason === "failed") return t("printTools.failed");
  return null;
}

async function printToPdf(document: PrintDocument) {
  // Loaded when a PDF is first asked for: playwright-core is 11 MiB of every worker's heap otherwise.
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: env().CHROMIUM_PATH, args: CHROMIUM_FLAGS, timeout: PRINT_TIMEOUT_MS });
  const timer = setTimeout(() => void browser.close(), PRINT_TIMEOUT_MS);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route("**/*", (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html(document), { waitUntil: "load", timeout: PRINT_TIMEOUT_MS });
    // EU usage: every page that names Kosovo carries the designation footnote. The page footer
    // repeats on every page, so a document that names Kosovo anywhere carries it on each page.
    // Kosovo is named in the document's language ("Kosova", "Косово"), or in English where people wrote it so.
    const text = await page.innerText("body");
    const namesKosovo = mentionsKosovo(text) || text.includes(document.t("countries.XK"));
    const pageOf = document.t("printTools.pageOf", { page: '<span class="pageNumber"></span>', pages: '<span class="totalPages"></span>' });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: `<div style="${MARGIN_TEXT}">${escapeHtml(document.title)}</div>`,
      footerTemplate: `<div style="${MARGIN_TEXT}">${
        namesKosovo ? `<div>${escapeHtml(kosovoFootnoteIn(document.t))}</div>` : ""
      }<div style="text-align:right">${pageOf}</div></div>`,
      margin: { top: "18mm", bottom: namesKosovo ? "26mm" : "18mm", left: "16mm", right: "16mm" },
    });
  } finally {
    clearTimeout(timer);
    await browser.close();
  }
}

// Chromium draws headers and footers outside the page's own styles: they need their own font size.
const MARGIN_TEXT = "font-family: system-ui, Arial, sans-serif; font-size: 7.5pt; color: #333; width: 100%; margin: 0 16mm;";

function html(document: PrintDocument) {
  return `<!doctype html><html lang="${escapeHtml(document.language)}"><head><meta charset="utf-8"><title>${escapeHtml(
    document.title
  )}</title><style>${appStyles}</style></head><body class="pdf"><main id="main">${document.body}</main></body></html>`;
}

function escapeHtml(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
