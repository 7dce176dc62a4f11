import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortal } from "../support/portal";
import type { Portal } from "./support";
import { inBrowser, proposalUrlByTitle, seen, signIn, watchedPage } from "./support";

// The drafting form, with JavaScript (autosave while typing) and without (save by button).
// The demo's "A shared alert channel for stolen vehicles" is the Albanian State Police's draft in
// the rolling round.

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

const draftEditUrl = () => proposalUrlByTitle(portal, "A shared alert channel for stolen vehicles", "/edit");

describe("the drafting form, in Chromium", { timeout: 120_000 }, () => {
  it("saves by itself while the person types, and keeps it after a reload", async () => {
    await inBrowser({ javaScriptEnabled: true }, async (browser) => {
      const { page, problems } = await watchedPage(browser);
      await signIn(portal, page, "applicant.al@taf.example");
      await page.goto(draftEditUrl());
      await page.getByLabel("Expected results").fill("Stolen vehicles are found within hours, not weeks.");
      await seen(page, /Saved at \d\d:\d\d/);
      await page.reload();
      expect(await page.getByLabel("Expected results").inputValue()).toBe("Stolen vehicles are found within hours, not weeks.");
      expect(problems).toEqual([]);
    });
  });

  it("does not say Saved while what was typed during a save is still unsaved, and saves it next", async () => {
    await inBrowser({ javaScriptEnabled: true }, async (browser) => {
      const { page, problems } = await watchedPage(browser);
      await signIn(portal, page, "applicant.al@taf.example");
      await page.goto(draftEditUrl());
      // Every word the save status says, in order, as the person would have read them.
      await page.evaluate(() => {
        const status = document.querySelector(".save-status")!;
        const said: string[] = [];
        (window as unknown as { said: string[] }).said = said;
        new MutationObserver(() => said.push(status.textContent ?? "")).observe(status, { childList: true, characterData: true, subtree: true });
      });
      // The first save is held on its way to the server while the person goes on typing.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let saves = 0;
      const edit = new URL(draftEditUrl()).pathname;
      // (A save posts to the page's data address, "….data", as Remix's single fetch does.)
      await page.route((url) => url.pathname === `${edit}.data`, async (route) => {
        if (route.request().method() === "POST" && ++saves === 1) await held;
        await route.continue();
      });
      await page.getByLabel("Expected results").fill("Alerts reach every border crossing.");
      await expect.poll(() => page.getByText("Saving…").count(), { timeout: 30_000 }).toBe(1);
      await page.getByLabel("Objectives").fill("One alert channel, typed while the first save was on its way.");
      release();
      await seen(page, /Saved at \d\d:\d\d/);
      expect(saves).toBe(2);
      // The first save's answer came while the later text was unsaved: the page went on saying so
      // (and would warn before the tab closed) until the save that typing started was done.
      const said = await page.evaluate(() => (window as unknown as { said: string[] }).said);
      const savedFirst = said.findIndex((words) => words.startsWith("Saved at"));
      expect(said.slice(0, savedFirst)).toContain("Unsaved changes…");
      expect(said.slice(savedFirst)).not.toContain("Saving…");
      await page.reload();
      expect(await page.getByLabel("Expected results").inputValue()).toBe("Alerts reach every border crossing.");
      expect(await page.getByLabel("Objectives").inputValue()).toBe("One alert channel, typed while the first save was on its way.");
      expect(problems).toEqual([]);
    });
  });

  it("works without JavaScript: saves by button, a budget over the round's maximum too, noted beside the field", async () => {
    await inBrowser({ javaScriptEnabled: false }, async (browser) => {
      const { page } = await watchedPage(browser);
      await signIn(portal, page, "applicant.al@taf.example");
      await page.goto(draftEditUrl());
      await page.getByLabel("Objectives").fill("One alert channel between the vehicle crime units.");
      await page.getByLabel("Estimated budget in EUR").fill("900000");
      await page.getByRole("button", { name: "Save draft" }).click();
      await seen(page, /Saved at .*One answer breaks the round's limits/);
      await expect.poll(() => page.locator("#part-budgetEur .field-problem", { hasText: "This round allows at most EUR 150,000." }).count()).toBe(1);
      await page.goto(draftEditUrl());
      expect(await page.getByLabel("Estimated budget in EUR").inputValue()).toBe("900000");
      expect(await page.getByLabel("Objectives").inputValue()).toBe("One alert channel between the vehicle crime units.");

      await page.getByLabel("Estimated budget in EUR").fill("52000");
      await page.getByRole("button", { name: "Save draft" }).click();
      await expect.poll(() => page.locator(".field-problem").count()).toBe(0);
      await page.goto(draftEditUrl());
      expect(await page.getByLabel("Estimated budget in EUR").inputValue()).toBe("52000");
      expect(await page.locator(".field-problem").count()).toBe(0);
    });
  });
});
