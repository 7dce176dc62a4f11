import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, SCREEN_WIDTHS, signIn, signOut, watchedPage, widerThanTheScreen } from "./support";

// The partners' pages in the pseudo-language, longer than any real one: the lead's partners page
// with the directory to invite from, the country advisors page, and the invited partner's answer.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const CYBERCRIME = "Cybercrime: cross-border electronic evidence";

describe("the partners' pages in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    const readers = [
      // The lead (Kosovo* Police) invites partners and shares the draft with the country advisors.
      { email: "applicant.xk@taf.example", pages: [["/partners", "Íìñvíìtéè áà páàrtñéèr"], ["/advisors", "Cóòúùñtrý áàdvíìšóòrš"]] },
      // The invited Serbian prosecutor answers.
      { email: "applicant.rs@taf.example", pages: [["/partnership", "Íìñvíìtáàtíìóòñ"]] },
    ] as const;
    const overflowing: string[] = [];
    for (const { email, pages } of readers) {
      await signIn(running.portal, page, email);
      for (const [part, expected] of pages) {
        const url = proposalUrlByTitle(running.portal, CYBERCRIME, part);
        await page.goto(`${url}?lng=en-XA`);
        for (const width of SCREEN_WIDTHS) {
          const wide = await widerThanTheScreen(page, url, width, expected);
          if (wide) overflowing.push(wide);
        }
      }
      await page.goto(`${proposalUrlByTitle(running.portal, CYBERCRIME)}?lng=en`);
      await signOut(page);
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
