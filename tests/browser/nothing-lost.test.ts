import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortal } from "../support/portal";
import type { Portal } from "./support";
import { inBrowser, proposalUrlByTitle, seen, signIn, watchedPage } from "./support";

// Nothing typed is lost (issue 10): a Summary over its word limit used to stop every save, so
// what was typed next, into Objectives, was gone after a reload. Now the draft saves as typed,
// with JavaScript (autosave) and without (the Save button), and says beside the Summary what to
// correct before submitting. The demo's "A shared alert channel for stolen vehicles" is the
// Albanian State Police's draft, with a Summary limit of 150 words.

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

const draftEditUrl = () => proposalUrlByTitle(portal, "A shared alert channel for stolen vehicles", "/edit");

const words = (n: number, word: string) => Array.from({ length: n }, (_, i) => `${word}${i + 1}`).join(" ");

async function expectKept(page: Page, summary: string, objectives: string) {
  await page.goto(draftEditUrl());
  expect(await page.getByLabel("Summary").inputValue()).toBe(summary);
  expect(await page.getByLabel("Objectives").inputValue()).toBe(objectives);
  // The note beside the Summary says what to correct before submitting.
  expect(await page.locator("#part-summary .field-problem", { hasText: "Use at most 150 words. This text has 160" }).count()).toBe(1);
}

describe("nothing typed is lost, in Chromium", { timeout: 120_000 }, () => {
  it("with JavaScript: a Summary over its limit, then Objectives typed, both kept after a reload", async () => {
    await inBrowser({ javaScriptEnabled: true }, async (browser) => {
      const { page, problems } = await watchedPage(browser);
      await signIn(portal, page, "applicant.al@taf.example");
      await page.goto(draftEditUrl());
      const summary = words(160, "alert");
      await page.getByLabel("Summary").fill(summary);
      await seen(page, "160 of 150 words: 10 too many");
      const objectives = "Typed after the summary went over its limit.";
      await page.getByLabel("Objectives").fill(objectives);
      await seen(page, /Saved at \d\d:\d\d \(Brussels time\)\. One answer breaks the round's limits/);
      await expect.poll(() => page.locator("#part-summary .field-problem").count()).toBe(1);
      await expectKept(page, summary, objectives);
      expect(problems).toEqual([]);
    });
  });

  // The page can be typed into before it hydrates (its code and its catalogue still on their
  // way): React used to put a prefilled textarea's saved text back over what was typed, and the
  // autosave never heard of it (app/typed-before-hydration.ts).
  it("with JavaScript still on its way: what was typed into the prefilled Summary and into a text input is kept and saved once the page hydrates", async () => {
    await inBrowser({ javaScriptEnabled: true }, async (browser) => {
      const { page, problems } = await watchedPage(browser);
      await signIn(portal, page, "applicant.al@taf.example");
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route((url) => url.pathname.startsWith("/catalogues/"), async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(draftEditUrl(), { waitUntil: "domcontentloaded" });
      const summary = page.getByLabel("Summary");
      const saved = await summary.inputValue();
      expect(saved).not.toBe("");
      await summary.click();
      await summary.press("Control+End");
      await summary.pressSequentially(" Typed before the page came alive.");
      release();
      await seen(page, /Saved at \d\d:\d\d/);
      expect(await summary.inputValue()).toBe(`${saved} Typed before the page came alive.`);
      await page.reload();
      expect(await page.getByLabel("Summary").inputValue()).toBe(`${saved} Typed before the page came alive.`);

      // A text input keeps what was typed by itself; the autosave hears of it all the same.
      let releaseAgain = () => {};
      const heldAgain = new Promise<void>((resolve) => (releaseAgain = resolve));
      await page.unrouteAll();
      await page.route((url) => url.pathname.startsWith("/catalogues/"), async (route) => {
        await heldAgain;
        await route.continue();
      });
      await page.goto(draftEditUrl(), { waitUntil: "domcontentloaded" });
      await page.getByLabel("Contact person").fill("Arta Hoxha, typed before the page came alive");
      releaseAgain();
      await seen(page, /Saved at \d\d:\d\d/);
      await page.reload();
      expect(await page.getByLabel("Contact person").inputValue()).toBe("Arta Hoxha, typed before the page came alive");
      expect(problems).toEqual([]);
    });
  });

  it("without JavaScript: the Save button saves the Summary over its limit and the Objectives", async () => {
    await inBrowser({ javaScriptEnabled: false }, async (browser) => {
      const { page } = await watchedPage(browser);
      await signIn(portal, page, "applicant.al@taf.example");
      await page.goto(draftEditUrl());
      const summary = words(160, "channel");
      const objectives = "Typed without JavaScript after the summary.";
      await page.getByLabel("Summary").fill(summary);
      await page.getByLabel("Objectives").fill(objectives);
      await page.getByRole("button", { name: "Save draft" }).click();
      await seen(page, /Saved at .*One answer breaks the round's limits/);
      expect(await page.getByText(/answers? needs? fixing/).count()).toBe(0);
      await expectKept(page, summary, objectives);
    });
  });
});
