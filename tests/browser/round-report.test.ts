import { readFile } from "node:fs/promises";
import { PDFParse } from "pdf-parse";
import { describe, expect, it, onTestFailed } from "vitest";
import { portalAndBrowser, seen, signIn, watchedPage } from "./support";

// The TAF team prints the first call's report for the steering committee: from the round's page
// to the report, then "Download PDF", which the portal makes itself. The PDF is read back: its
// summary line, a proposal's reference, and the Kosovo* footnote on every page that names Kosovo.

const running = portalAndBrowser();

const ROUND = "First call for proposals 2026";
const SUMMARY = "5 proposals from 6 countries; 1 stood out, 3 more promising";

describe("the steering committee's report", () => {
  it("is printed to PDF by the portal, with the footnote on every page naming Kosovo", async () => {
    const { portal, browser } = running;
    const { page, problems } = await watchedPage(browser);
    onTestFailed(() => console.log(portal.output()));
    await signIn(portal, page, "admin@taf.example");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rounds", exact: true }).click();
    await page.getByRole("link", { name: ROUND }).click();
    // The rounds list has a period report link of the same name: wait for the round's own page.
    await page.waitForURL(/\/admin\/rounds\/\d+$/);
    await page.getByRole("link", { name: /^Steering committee report/ }).click();
    await seen(page, SUMMARY);
    await seen(page, "The proposals, their stage and decision");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
    expect(download.suggestedFilename()).toBe("TAF-2026-R1-steering-committee-report.pdf");
    const pdf = await readFile((await download.path())!);
    const { pages, text } = await new PDFParse({ data: new Uint8Array(pdf) }).getText();
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain(SUMMARY);
    expect(flat).toContain("TAF-2026-R1-001");
    // The footnote itself names Kosovo; a page names it where "Kosovo*" is written.
    const namingKosovo = pages.filter((p) => /Kosovo\*/.test(p.text));
    expect(namingKosovo.length).toBeGreaterThan(1);
    for (const p of namingKosovo) {
      expect(p.text.replace(/\s+/g, " "), `page ${p.num}`).toContain("in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo Declaration of Independence");
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
