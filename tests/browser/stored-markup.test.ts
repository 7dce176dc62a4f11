import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { inBrowser, openMail, portalAndBrowser, proposalUrlByTitle, seen, signIn, signOut, watchedPage } from "./support";

// Stored markup is shown as text: what a person types into the portal's free-text fields comes
// back, on the pages, in the e-mails and in the export it shows in, as the characters typed, and
// nothing in it runs. Each payload would set window.__pwned or open a dialog if it became markup.

const IMG = "<img src=x onerror=window.__pwned=1>";
const SCRIPT = "<script>window.__pwned=1</script>";
const LINK = '<a href="javascript:window.__pwned=1">javascript:window.__pwned=1</a>';
const MARKDOWN_LINK = "[open](javascript:window.__pwned=1)";
const PAYLOADS = [IMG, SCRIPT, LINK, MARKDOWN_LINK];

// Kosovo* Police's demo draft; its new title shows on nearly every page and in the export.
const DRAFT = "Cybercrime: cross-border electronic evidence";
const TITLE = `Cybercrime ${IMG}`;
// The Serbian prosecution, invited to the draft: it hears of the comment by e-mail.
const PARTNER = "applicant.rs@taf.example";

const running = portalAndBrowser();

/** Records the dialogs a page opens (and dismisses them), so that the test can say none did. */
function dialogsOf(page: Page) {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** The page shows `shown` as text, ran nothing of what was stored, opened no dialog, and links nowhere as javascript:. */
async function expectInert(page: Page, dialogs: string[], shown: string[]) {
  for (const text of shown) await seen(page, text);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned), page.url()).toBeUndefined();
  expect(await page.locator('a[href^="javascript:" i], [onerror]').count(), page.url()).toBe(0);
  expect(dialogs, page.url()).toEqual([]);
}

describe("markup stored in free text is shown as text, in Chromium", { timeout: 180_000 }, () => {
  it("a proposal's title and parts and a comment, on every page that shows them and in the CSV export", async () => {
    const { portal } = running;
    await inBrowser({ javaScriptEnabled: true }, async (browser) => {
      const { page, problems } = await watchedPage(browser);
      const dialogs = dialogsOf(page);
      await signIn(portal, page, "applicant.xk@taf.example");
      const draft = proposalUrlByTitle(portal, DRAFT);
      await page.goto(`${draft}/edit`);
      await page.getByLabel("Title", { exact: true }).fill(TITLE);
      await page.getByLabel("Summary").fill(IMG);
      await page.getByLabel("Objectives").fill(`${SCRIPT}\n${LINK}\n${MARKDOWN_LINK}`);
      await page.getByRole("button", { name: "Save draft" }).click();
      await seen(page, /Saved at \d\d:\d\d/);

      await page.goto(`${draft}/comments`);
      await page.getByLabel("Your comment").fill(PAYLOADS.join("\n"));
      await page.getByRole("button", { name: "Post the comment" }).click();
      await expectInert(page, dialogs, PAYLOADS);

      await page.goto(`${draft}/edit`);
      await expectInert(page, dialogs, []);
      expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(TITLE);
      expect(await page.getByLabel("Summary").inputValue()).toBe(IMG);
      expect(await page.getByLabel("Objectives").inputValue()).toBe(`${SCRIPT}\n${LINK}\n${MARKDOWN_LINK}`);
      for (const where of ["", "/submit", "/versions", "/partners", "/advisors", "/deadlines", "/attachments"]) {
        await page.goto(`${draft}${where}`);
        await expectInert(page, dialogs, [TITLE]);
      }
      // A draft has nothing submitted to print: the page says so, and runs nothing.
      await page.goto(`${draft}/print`);
      await expectInert(page, dialogs, []);
      await page.goto(portal.url);
      await expectInert(page, dialogs, [TITLE]);
      await signOut(page);

      // The TAF team reads the same draft, its comments, its line in the list and in the export.
      await signIn(portal, page, "admin@taf.example");
      await page.goto(`${draft}/comments`);
      await expectInert(page, dialogs, [TITLE, ...PAYLOADS]);
      await page.goto(draft);
      await expectInert(page, dialogs, [TITLE]);
      await page.goto(`${portal.url}/admin/proposals?q=Cybercrime`);
      await expectInert(page, dialogs, [TITLE]);
      const csv = await page.evaluate(async () => (await fetch("/admin/proposals.csv")).text());
      expect(csv).toContain(TITLE);
      expect(csv).not.toMatch(/&lt;|&gt;/);

      // The e-mail the comment sent to the partner institution: its subject in the mailbox, its
      // text version on the message page, its HTML in the (sandboxed) frame, all as typed.
      await openMail(portal, page, PARTNER, new RegExp(TITLE.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      await expectInert(page, dialogs, [TITLE, ...PAYLOADS]);
      const mail = page.frameLocator("iframe.mail");
      for (const payload of PAYLOADS) await expect.poll(() => mail.locator("body").innerText()).toContain(payload);
      expect(await mail.locator('img, script, a[href^="javascript:" i], [onerror]').count()).toBe(0);
      expect(problems).toEqual([]);
    });
  });
});
