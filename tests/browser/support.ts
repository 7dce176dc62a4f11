import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { openBrowser, startPortal } from "../support/portal";
import { ZOD_CODE } from "../support/zod-code";

// Steps every browser journey takes: signing in and out, and reading the portal's mailbox.

export type Portal = Awaited<ReturnType<typeof startPortal>>;

/** The portal and a Chromium for one file's journeys: started before them, stopped after. */
export function portalAndBrowser(env: Record<string, string> = {}) {
  const running = {} as { portal: Portal; browser: BrowserContext };
  beforeAll(async () => {
    running.portal = await startPortal(env);
    running.browser = await openBrowser();
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.portal?.stop();
  });
  return running;
}

/** A proposal's page, found by its title in the portal's database (demo numbers shift as stories are added). */
export function proposalUrlByTitle(portal: Portal, title: string, page = "") {
  const database = new Database(portal.databasePath, { readonly: true });
  try {
    const { id } = database.prepare("select id from proposals where title = ?").get(title) as { id: number };
    return `${portal.url}/proposals/${id}${page}`;
  } finally {
    database.close();
  }
}

/** One journey in a Chromium of its own, with or without JavaScript, closed afterwards. */
export async function inBrowser(options: { javaScriptEnabled: boolean }, journey: (browser: BrowserContext) => Promise<void>) {
  const browser = await openBrowser(options);
  try {
    await journey(browser);
  } finally {
    await browser.close();
  }
}

export async function signIn(portal: Portal, page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${portal.url}/login`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${portal.url}/`);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
}

/** Opens, as the signed-in administrator, the newest mail to an address whose subject matches. */
export async function openMail(portal: Portal, page: Page, address: string, subject: RegExp | string) {
  // The dispatcher sends every two seconds; the mail arrives in the mailbox shortly after.
  for (let tries = 0; tries < 60; tries++) {
    await page.goto(`${portal.url}/admin/mailbox?to=${encodeURIComponent(address)}`);
    const link = page.getByRole("link", { name: subject });
    if (await link.count()) return link.first().click();
    await page.waitForTimeout(500);
  }
  throw new Error(`no mail "${subject}" to ${address} arrived:\n${portal.output()}`);
}

/** Requests each watched page has in flight, so that `seen` can wait for the page to settle. */
const inFlight = new WeakMap<Page, Set<unknown>>();

/** A page that records console errors and server errors, to assert none happened. */
export async function watchedPage(browser: BrowserContext) {
  const page = browser.pages()[0] ?? (await browser.newPage());
  const problems: string[] = [];
  const pending = new Set<unknown>();
  inFlight.set(page, pending);
  page.on("request", (request) => pending.add(request));
  page.on("requestfinished", (request) => pending.delete(request));
  page.on("requestfailed", (request) => pending.delete(request));
  page.on("framenavigated", (frame) => frame === page.mainFrame() && pending.clear());
  page.on("console", (message) => message.type() === "error" && problems.push(`${message.text()} (on ${page.url()})`));
  page.on("response", (response) => response.status() >= 500 && problems.push(`${response.status()} ${response.url()}`));
  return { page, problems };
}

/**
 * Waits until the text shows and the page has finished its requests (a save, a reload of its
 * data), so that the journey's next navigation does not cut one off half-way. Playwright's own
 * "networkidle" is no help here: once a document has reached it, it does not wait again for the
 * requests the app makes later.
 */
export async function seen(page: Page, text: string | RegExp) {
  await expect.poll(() => page.getByText(text).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const pending = inFlight.get(page);
  if (pending) await expect.poll(() => pending.size, { timeout: 30_000, interval: 100 }).toBe(0);
  else await page.waitForLoadState("networkidle");
}

/** The scripts the page loaded that hold zod (none should: forms check without it, app/form-checks.ts). */
export async function zodScriptsOf(page: Page) {
  return page.evaluate(async (code) => {
    const zod = new RegExp(code);
    const scripts = performance.getEntriesByType("resource").map((entry) => entry.name).filter((name) => name.endsWith(".js"));
    const texts = await Promise.all(scripts.map(async (script) => [script, await (await fetch(script)).text()] as const));
    return texts.filter(([, text]) => zod.test(text)).map(([script]) => script);
  }, ZOD_CODE.source);
}

/** A phone's and a desktop's width: what every page must fit. */
export const SCREEN_WIDTHS = [390, 1280] as const;

/**
 * Opens `url` at `width` px and waits for `expected`; says how wide the page grew when it is wider
 * than the screen ("… at 390 px: 512 px wide"), else null.
 */
export async function widerThanTheScreen(page: Page, url: string, width: number, expected: string | RegExp = /\[/): Promise<string | null> {
  await page.setViewportSize({ width, height: 844 });
  await page.goto(url);
  await seen(page, expected);
  const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
  return scrollWidth > width ? `${url} at ${width} px: ${scrollWidth} px wide` : null;
}

/** A page to measure: its path (or whole address), and the pseudo-language text it must show first. */
export type PseudoPage = string | { at: string; expected: string | RegExp };

/**
 * The pages that are wider than a phone's or a desktop's screen as this person sees them in the
 * pseudo-language, and the problems the pages logged. Each person signs in afresh: the language
 * comes with the pages, not with an earlier session.
 */
export async function overflowingInPseudoLanguage(running: { portal: Portal; browser: BrowserContext }, email: string, pages: PseudoPage[]) {
  await running.browser.clearCookies();
  const { page, problems } = await watchedPage(running.browser);
  await signIn(running.portal, page, email);
  await page.goto(`${running.portal.url}/?lng=en-XA`);
  await seen(page, /\[/);
  const overflowing: string[] = [];
  for (const width of SCREEN_WIDTHS) {
    for (const entry of pages) {
      const { at, expected } = typeof entry === "string" ? { at: entry, expected: undefined } : entry;
      const wide = await widerThanTheScreen(page, at.startsWith("http") ? at : `${running.portal.url}${at}`, width, expected);
      if (wide) overflowing.push(wide);
    }
  }
  await page.close();
  return { overflowing, problems };
}
