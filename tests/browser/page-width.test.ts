import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { COMMENT_MAX } from "../../app/proposals/comment-schema";
import { PAGES_BY_ROLE, SIGNED_OUT_PAGES } from "./page-types";
import { portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// Every page type of app/routes, for each role that sees it, fits a 390 px phone screen: with the
// demo data and with text written to break pages (a comment that is one very long word, a long
// URL, a title without spaces, a file with a long name, a person's long name and address), typed
// through the portal's own forms.

const running = portalAndBrowser();

const PHONE = { width: 390, height: 844 };
const LONG_WORD = "Zlatibor".repeat(Math.floor(COMMENT_MAX / 8));
const LONG_URL = `https://www.europol.europa.eu/${"publications-events/main-reports/".repeat(8)}?reference=${"0123456789".repeat(30)}`;
const LONG_TITLE = `Joint ${"investigation".repeat(11)}`;
const LONG_SUMMARY = "Cooperation".repeat(90);
const LONG_NAME = `Aleksandra ${"Petrović".repeat(15)}`;
const LONG_EMAIL = `${"ana.".repeat(13)}petrovic@${"ministry-of-justice.".repeat(3)}gov.me`;
const LONG_JOB_TITLE = `Chief ${"inspector".repeat(15)}`;
// A PDF as far as the portal's content check reads it.
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

/**
 * How wide each page is, by path, for those wider than the phone; and, as "path table", the widest
 * table where one is wider than the screen, scrolling sideways in its box where it should stack.
 */
async function tooWide(page: Page, paths: string[]) {
  const widths: Record<string, number> = {};
  for (const path of paths) {
    await page.goto(`${running.portal.url}${path}`);
    const width = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    if (width > PHONE.width) widths[path] = width;
    const table = await page.evaluate(() => Math.max(0, ...[...document.querySelectorAll("table")].map((table) => table.getBoundingClientRect().width)));
    if (table > PHONE.width) widths[`${path} table`] = Math.round(table);
  }
  return widths;
}

/** Writes the long texts through the portal's forms; answers the path of the person invited. */
async function writeHostileText(page: Page) {
  await signIn(running.portal, page, "applicant.me@taf.example");
  await page.goto(`${running.portal.url}/proposals/7/edit`);
  await page.getByLabel("Title").fill(LONG_TITLE);
  await page.getByLabel("Summary").fill(LONG_SUMMARY);
  await page.getByRole("button", { name: "Save draft" }).click();
  await seen(page, /Saved at \d\d:\d\d/);
  await page.goto(`${running.portal.url}/proposals/7/attachments`);
  await page.getByLabel("File").setInputFiles({ name: `letter-of-support-${"ministry".repeat(20)}.pdf`, mimeType: "application/pdf", buffer: PDF });
  await page.getByRole("button", { name: "Upload the file" }).click();
  await seen(page, /letter-of-support-ministry/);
  await page.goto(`${running.portal.url}/proposals/7/comments`);
  await page.getByLabel("Your comment").fill(LONG_WORD);
  await page.getByRole("button", { name: "Post the comment" }).click();
  await seen(page, LONG_WORD.slice(0, 40));
  await page.getByLabel("Your comment").fill(`The report is at ${LONG_URL}`);
  await page.getByRole("button", { name: "Post the comment" }).click();
  await seen(page, "The report is at");
  await signOut(page);

  await signIn(running.portal, page, "applicant.xk@taf.example");
  await page.goto(`${running.portal.url}/proposals/12/edit`);
  await page.getByLabel("Title").fill(LONG_TITLE);
  await page.getByLabel("Summary").fill(LONG_SUMMARY);
  await page.getByRole("button", { name: "Save draft" }).click();
  await seen(page, /Saved at \d\d:\d\d/);
  await signOut(page);

  await signIn(running.portal, page, "admin@taf.example");
  await page.goto(`${running.portal.url}/admin/people/invite`);
  await page.getByLabel("Full name").fill(LONG_NAME);
  await page.getByLabel("E-mail address").fill(LONG_EMAIL);
  await page.getByLabel("Job title (optional)").fill(LONG_JOB_TITLE);
  await page.getByLabel("Role").selectOption("applicant");
  await page.getByLabel("Institution").selectOption("14");
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await page.waitForURL(/\/admin\/people\/\d+\?notice=invited/);
  const personPath = new URL(page.url()).pathname;
  await signOut(page);
  return personPath;
}

describe("every page fits a phone, in Chromium at 390 px", { timeout: 300_000 }, () => {
  it("is never wider than the screen, for any role, with long words, URLs and titles", async () => {
    const { page, problems } = await watchedPage(running.browser);
    const invitedPerson = await writeHostileText(page);
    await page.setViewportSize(PHONE);

    const overflowing: Record<string, Record<string, number>> = {};
    for (const [email, paths] of Object.entries(PAGES_BY_ROLE)) {
      await signIn(running.portal, page, email);
      // Pages made by the long texts: the invited person's, and the comment's mail in the mailbox.
      const madePages = email === "admin@taf.example" ? [invitedPerson, await newestMailPath(page)] : [];
      const widths = await tooWide(page, [...paths, ...madePages]);
      if (Object.keys(widths).length) overflowing[email] = widths;
      await signOut(page);
    }
    const signedOut = await tooWide(page, SIGNED_OUT_PAGES);
    if (Object.keys(signedOut).length) overflowing["signed out"] = signedOut;

    expect(overflowing).toEqual({});

    // A statechart wider than the phone scrolls inside its own box, and the page says so.
    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(`${running.portal.url}/admin/rounds/3`);
    const chart = await page.locator(".statechart").first().evaluate((box) => ({ box: box.clientWidth, picture: box.scrollWidth }));
    expect(chart.picture).toBeGreaterThan(chart.box);
    expect(await page.getByText("swipe it sideways to see all of it").isVisible()).toBe(true);
    await signOut(page);
    // The page for an unknown address answers 404 on purpose, which Chromium logs.
    expect(problems.filter((problem) => !problem.includes("/no-such-page"))).toEqual([]);
  });
});

/** The newest mail about the long comment, once the dispatcher has delivered it. */
async function newestMailPath(page: Page) {
  await expect
    .poll(
      async () => {
        await page.goto(`${running.portal.url}/admin/mailbox`);
        return page.getByRole("link", { name: /New comment on TAF-2026-R2-001/ }).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
  const href = await page.getByRole("link", { name: /New comment on TAF-2026-R2-001/ }).first().getAttribute("href");
  return href ?? "/admin/mailbox";
}
