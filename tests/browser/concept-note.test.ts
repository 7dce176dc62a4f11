import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, startPortal } from "../support/portal";
import type { Portal } from "./support";
import { seen, signIn, watchedPage } from "./support";

// The concept note, saved with JavaScript on: the form goes on showing what was saved, so the
// next save or the submission sends that, not what the page first loaded.

let portal: Portal;
let browser: BrowserContext;

beforeAll(async () => {
  portal = await startPortal();
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe("the concept note, in Chromium", { timeout: 120_000 }, () => {
  it("keeps what was saved in the form, and submits it", async () => {
    const { page, problems } = await watchedPage(browser);
    // Demo proposal 3: the Serbian prosecutors' concept note, sent back for revision.
    await signIn(portal, page, "applicant.rs@taf.example");
    await page.goto(`${portal.url}/proposals/3/concept`);
    const mitigation = page.getByLabel("How you will reduce these risks (optional)");
    const plan = "A second trainer from each country is named, so that a change of staff does not stop the exchange.";
    await mitigation.fill(plan);
    await page.getByRole("button", { name: "Save the concept note" }).click();
    await seen(page, /Saved on/);
    expect(await mitigation.inputValue()).toBe(plan);

    await page.getByRole("button", { name: "Submit the concept note" }).click();
    await seen(page, "The concept note is submitted.");
    await page.goto(`${portal.url}/proposals/3/versions`);
    await seen(page, plan);
    expect(problems).toEqual([]);
  });
});
