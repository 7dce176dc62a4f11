import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, SCREEN_WIDTHS, signIn, signOut, watchedPage, widerThanTheScreen } from "./support";

// The proposal page's steps in the pseudo-language, longer than any real one: the TAF team's
// buttons and forms (the eligibility decision, the steps that pause or end an implementation)
// and the history's sentences.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const COCAINE_ROUTES = "Joint operational analysis of cocaine routes through the port of Durrës";
const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";

describe("the proposal's steps in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    const pages = [
      { url: proposalUrlByTitle(running.portal, COCAINE_ROUTES), expected: "[çóòñfíìrm éèlíìgíìbíìlíìtý]" },
      { url: proposalUrlByTitle(running.portal, DRUG_NETWORKS), expected: "[púùt íìmpléèméèñtáàtíìóòñ óòñ hóòld]" },
    ];
    await signIn(running.portal, page, "admin@taf.example");
    const overflowing: string[] = [];
    for (const { url, expected } of pages) {
      await page.goto(`${url}?lng=en-XA`);
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
