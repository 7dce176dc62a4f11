import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, SCREEN_WIDTHS, signIn, signOut, watchedPage, widerThanTheScreen } from "./support";

// Drafting and submitting in the pseudo-language, longer than any real one: starting a proposal
// with the round's guide, the draft form with its word counts and save status, the preview with
// what stands in the way, and the comments.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const CYBERCRIME = "Cybercrime: cross-border electronic evidence";

describe("drafting and submitting in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "applicant.xk@taf.example");
    const pages = [
      { url: `${running.portal.url}/proposals/new`, expected: "[Stáàrt áà próòpóòšáàl]" },
      { url: proposalUrlByTitle(running.portal, CYBERCRIME, "/edit"), expected: "[1. Théè íìdéèáà]" },
      { url: proposalUrlByTitle(running.portal, CYBERCRIME, "/submit"), expected: "[Béèfóòréè ýóòúù çáàñ šúùbmíìt]" },
      { url: proposalUrlByTitle(running.portal, CYBERCRIME, "/comments"), expected: "[Wríìtéè áà çóòmméèñt]" },
    ];
    await page.goto(`${pages[0]!.url}?lng=en-XA`);
    const overflowing: string[] = [];
    for (const { url, expected } of pages) {
      for (const width of SCREEN_WIDTHS) {
        const wide = await widerThanTheScreen(page, url, width, expected);
        if (wide) overflowing.push(wide);
      }
    }
    await page.goto(`${pages[0]!.url}?lng=en`);
    await signOut(page);
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
