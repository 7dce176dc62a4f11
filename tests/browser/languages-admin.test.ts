import { describe, expect, it } from "vitest";
import { portalAndBrowser, SCREEN_WIDTHS, seen, signIn, watchedPage, widerThanTheScreen } from "./support";

// Issue 12 on the administrators' pages: in the pseudo-language, longer than any real one,
// the round pages, the eligibility desk and the proposals overview still fit a phone and a
// desktop screen.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

describe("the administrators' translated pages", () => {
  it("fit a 390 px phone and a 1280 px screen in the pseudo-language", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(`${running.portal.url}/admin/rounds?lng=en-XA`);
    await seen(page, /\[/);
    const round = await page.locator("table a[href^='/admin/rounds/']").first().getAttribute("href");
    const pages = ["/admin/rounds", round!, `${round}/edit`, `${round}/eligibility`, "/admin/rounds/new", "/admin/eligibility", "/admin/proposals"];
    const overflowing: string[] = [];
    for (const width of SCREEN_WIDTHS) {
      for (const path of pages) {
        const wide = await widerThanTheScreen(page, `${running.portal.url}${path}`, width);
        if (wide) overflowing.push(wide);
      }
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  });
});
