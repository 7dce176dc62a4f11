import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, startPortal } from "../support/portal";
import { type Portal, proposalUrlByTitle, seen, signIn, signOut, watchedPage } from "./support";

// The proposal's documents in the pseudo-language, longer than any real one: the concept note
// as its lead writes it (the form, the TAF team's request) and as an approved note is read.

const running = {} as { portal: Portal; browser: BrowserContext };
beforeAll(async () => {
  running.portal = await startPortal({ PSEUDO_LANGUAGE: "true" });
  running.browser = await openBrowser();
});
afterAll(async () => {
  await running.browser?.close();
  await running.portal?.stop();
});

const FOLLOW_THE_MONEY = "Following the money: financial investigations of migrant-smuggling networks";
const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";

describe("the proposal's documents in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    // The lead of one proposal writes its note; the lead of another reads its approved one.
    const readers = [
      { email: "applicant.rs@taf.example", url: proposalUrlByTitle(running.portal, FOLLOW_THE_MONEY, "/concept"), link: null },
      // The approved note sends its reader on to the implementation page, a link inside the sentence.
      { email: "applicant.xk@taf.example", url: proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/concept"), link: "íìmpléèméèñtáàtíìóòñ páàgéè" },
    ];
    const overflowing: string[] = [];
    for (const { email, url, link } of readers) {
      await signIn(running.portal, page, email);
      await page.goto(`${url}?lng=en-XA`);
      for (const width of [390, 1280]) {
        await page.setViewportSize({ width, height: 844 });
        await page.goto(url);
        await seen(page, "[ÁÀçtíìvíìtíìéèš]");
        const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
        if (scrollWidth > width) overflowing.push(`${url} at ${width} px: ${scrollWidth} px wide`);
      }
      if (link) expect(await page.getByRole("link", { name: link }).count(), url).toBe(1);
      await page.goto(`${url}?lng=en`);
      await signOut(page);
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
