import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, SCREEN_WIDTHS, signIn, signOut, watchedPage, widerThanTheScreen } from "./support";

// The versions page and the round's deadline in the pseudo-language, longer than any real one:
// a proposal's versions with its concept note and activity reports, and a new proposal's rounds.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";

describe("the versions page and the deadlines in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    const readers = [
      { email: "applicant.xk@taf.example", url: proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/versions"), expected: /Véèr/ },
      { email: "applicant.me@taf.example", url: `${running.portal.url}/proposals/new`, expected: /Déèáàdl/ },
    ];
    const overflowing: string[] = [];
    for (const { email, url, expected } of readers) {
      await signIn(running.portal, page, email);
      await page.goto(`${url}?lng=en-XA`);
      for (const width of SCREEN_WIDTHS) {
        const wide = await widerThanTheScreen(page, url, width, expected);
        if (wide) overflowing.push(wide);
      }
      await page.goto(`${url}?lng=en`);
      await signOut(page);
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
