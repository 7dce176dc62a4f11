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
