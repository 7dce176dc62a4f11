import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, SCREEN_WIDTHS, signIn, signOut, watchedPage, widerThanTheScreen } from "./support";

// Implementation, attachments, deadlines and departures in the pseudo-language, longer than any
// real one: as the lead of an ongoing proposal reports on it and the lead of a draft attaches
// files, and as an administrator moves a deadline and records a departure.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";
const FOLLOW_THE_MONEY = "Following the money: financial investigations of migrant-smuggling networks";
const CYBERCRIME = "Cybercrime: cross-border electronic evidence";

describe("implementation, attachments, deadlines and departures in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    const readers = [
      {
        email: "applicant.xk@taf.example",
        pages: [
          { url: proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/implementation"), expected: "[Cóòmpléètíìóòñ réèpóòrt]" },
          { url: proposalUrlByTitle(running.portal, CYBERCRIME, "/attachments"), expected: "[ÁÀdd áàñ áàttáàçhméèñt]" },
        ],
      },
      {
        email: "admin@taf.example",
        pages: [
          { url: proposalUrlByTitle(running.portal, FOLLOW_THE_MONEY, "/deadlines"), expected: "[Móòvéè áà déèáàdlíìñéè]" },
          { url: proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/departures"), expected: "[Páàrtñéèrš tháàt léèft]" },
        ],
      },
    ];
    const overflowing: string[] = [];
    for (const { email, pages } of readers) {
      await signIn(running.portal, page, email);
      await page.goto(`${pages[0]!.url}?lng=en-XA`);
      for (const { url, expected } of pages) {
        for (const width of SCREEN_WIDTHS) {
          const wide = await widerThanTheScreen(page, url, width, expected);
          if (wide) overflowing.push(wide);
        }
      }
      await page.goto(`${pages[0]!.url}?lng=en`);
      await signOut(page);
    }
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);
});
