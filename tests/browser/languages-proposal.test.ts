import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, startPortal } from "../support/portal";
import {
  type Portal,
  proposalUrlByTitle,
  seen,
  signIn,
  watchedPage,
} from "./support";

// The applicants' proposal page in the pseudo-language, longer than any real one: it still fits
// a phone and a desktop screen, for the lead answering a clarification and for the TAF team
// (eligibility check, the statechart's disclosure, the history with names).

const running = {} as { portal: Portal; browser: BrowserContext };
beforeAll(async () => {
  running.portal = await startPortal({ PSEUDO_LANGUAGE: "true" });
  running.browser = await openBrowser();
});
afterAll(async () => {
  await running.browser?.close();
  await running.portal?.stop();
});

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
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(proposalUrlByTitle(running.portal, title));
        await seen(page, "[Híìštóòrý áàñd méèššáàgéèš]");
        const scrollWidth = await page.evaluate(
          () => document.scrollingElement?.scrollWidth ?? 0
        );
        if (scrollWidth > width)
          overflowing.push(
            `${title} as ${email} at ${width} px: ${scrollWidth} px wide`
          );
      }
      expect(problems).toEqual([]);
      await running.browser.clearCookies();
      await page.close();
    }
    expect(overflowing).toEqual([]);
  });
});
