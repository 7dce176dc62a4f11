import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, startPortal } from "../support/portal";
import { type Portal, seen, signIn, watchedPage } from "./support";

// Issue 12 on the administrators' pages: in the pseudo-language, longer than any real one,
// the round pages, the eligibility desk and the proposals overview still fit a phone and a
// desktop screen.

const running = {} as { portal: Portal; browser: BrowserContext };
beforeAll(async () => {
  running.portal = await startPortal({ PSEUDO_LANGUAGE: "true" });
  running.browser = await openBrowser();
});
afterAll(async () => {
  await running.browser?.close();
  await running.portal?.stop();
});

describe("the administrators' translated pages", () => {
  it("fit a 390 px phone and a 1280 px screen in the pseudo-language", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(`${running.portal.url}/admin/rounds?lng=en-XA`);
    await seen(page, /\[/);
    const round = await page.locator("table a[href^='/admin/rounds/']").first().getAttribute("href");
    const pages = ["/admin/rounds", round!, `${round}/edit`, `${round}/eligibility`, "/admin/rounds/new", "/admin/eligibility", "/admin/proposals"];
    const overflowing: string[] = [];
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      for (const path of pages) {
        await page.goto(`${running.portal.url}${path}`);
        await seen(page, /\[/);
        const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
        if (scrollWidth > width) overflowing.push(`${path} at ${width} px: ${scrollWidth} px wide`);
      }
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  });
});
