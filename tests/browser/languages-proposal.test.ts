import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, SCREEN_WIDTHS, signIn, watchedPage, widerThanTheScreen } from "./support";

// The applicants' proposal page in the pseudo-language, longer than any real one: it still fits
// a phone and a desktop screen, for the lead answering a clarification and for the TAF team
// (eligibility check, the statechart's disclosure, the history with names).

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const VICTIMS =
  "Early identification of victims of trafficking in human beings in cross-border cases";
const COCAINE =
  "Joint operational analysis of cocaine routes through the port of Durrës";

describe("the proposal page in a longer pseudo-language", () => {
  it("fits a 390 px phone and a 1280 px screen, for the lead and for the TAF team", async () => {
    const overflowing: string[] = [];
    for (const [email, title] of [
      ["applicant.me@taf.example", VICTIMS],
      ["admin@taf.example", COCAINE],
    ] as const) {
      const { page, problems } = await watchedPage(running.browser);
      await signIn(running.portal, page, email);
      await page.goto(`${proposalUrlByTitle(running.portal, title)}?lng=en-XA`);
      for (const width of SCREEN_WIDTHS) {
        const wide = await widerThanTheScreen(page, proposalUrlByTitle(running.portal, title), width, "[Híìštóòrý áàñd méèššáàgéèš]");
        if (wide) overflowing.push(`${wide} (${email})`);
      }
      expect(problems).toEqual([]);
      await running.browser.clearCookies();
      await page.close();
    }
    expect(overflowing).toEqual([]);
  });
});
