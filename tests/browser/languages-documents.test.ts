import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, SCREEN_WIDTHS, signIn, signOut, watchedPage, widerThanTheScreen } from "./support";

// The proposal's documents in the pseudo-language, longer than any real one: the concept note
// as its lead writes it (the form, the TAF team's request) and as an approved note is read.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

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
      for (const width of SCREEN_WIDTHS) {
        const wide = await widerThanTheScreen(page, url, width, "[ÁÀçtíìvíìtíìéèš]");
        if (wide) overflowing.push(wide);
      }
      if (link) expect(await page.getByRole("link", { name: link }).count(), url).toBe(1);
      await page.goto(`${url}?lng=en`);
      await signOut(page);
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
