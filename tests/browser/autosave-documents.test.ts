import { describe, expect, it } from "vitest";
import { inBrowser, portalAndBrowser, proposalUrlByTitle, seen, signIn, signOut, watchedPage } from "./support";

// The concept note and the completion report save by themselves while the lead types, as the
// proposal form does: nothing typed is lost on a reload. Without JavaScript the Save button
// still saves.

const running = portalAndBrowser();
const CONCEPT_NOTE = "Following the money: financial investigations of migrant-smuggling networks";
const IN_IMPLEMENTATION = "Joint investigations of complex drug-trafficking networks";

describe("autosave of the lead's documents, in Chromium", { timeout: 120_000 }, () => {
  it("saves the concept note's risks while typing, and keeps them after a reload", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "applicant.rs@taf.example");
    await page.goto(proposalUrlByTitle(running.portal, CONCEPT_NOTE, "/concept"));
    const risks = page.getByLabel("What could stop or delay the activities?");
    const typed = "A prosecutor named for the exchange may be moved to another office before the workshop.";
    await risks.fill(typed);
    await seen(page, /^Saved at \d\d:\d\d \(Brussels time\)\.$/);
    await page.reload();
    expect(await page.getByLabel("What could stop or delay the activities?").inputValue()).toBe(typed);
    expect(problems).toEqual([]);
    await signOut(page);
  });

  it("saves a concept note row added or removed, as typing does, and keeps the rows after a reload", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "applicant.rs@taf.example");
    await page.goto(proposalUrlByTitle(running.portal, CONCEPT_NOTE, "/concept"));
    const lines = page.getByLabel(/^Budget line \d+: what it pays for$/);
    const before = await lines.count();

    await page.getByRole("button", { name: "Add a budget line" }).click();
    await page.getByLabel(`Budget line ${before + 1}: what it pays for`).fill("Interpretation Albanian–Macedonian");
    await page.getByLabel("Amount (EUR)").nth(before).fill("1800");
    await seen(page, /^Saved at \d\d:\d\d \(Brussels time\)\.$/);
    await page.reload();
    expect(await lines.count()).toBe(before + 1);
    expect(await page.getByLabel(`Budget line ${before + 1}: what it pays for`).inputValue()).toBe("Interpretation Albanian–Macedonian");

    // Removing a row changes no field, yet it is saved like typing.
    const first = await page.getByLabel("Budget line 1: what it pays for").inputValue();
    await page.getByRole("button", { name: "Remove budget line 1" }).click();
    await seen(page, "Unsaved changes…");
    await seen(page, /^Saved at \d\d:\d\d \(Brussels time\)\.$/);
    await page.reload();
    expect(await lines.count()).toBe(before);
    expect(await page.getByLabel("Budget line 1: what it pays for").inputValue()).not.toBe(first);
    expect(problems).toEqual([]);
    await signOut(page);
  });

  it("saves the completion report while typing, and keeps it after a reload", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "applicant.xk@taf.example");
    await page.goto(proposalUrlByTitle(running.portal, IN_IMPLEMENTATION, "/implementation"));
    const achieved = page.getByLabel("What was achieved");
    const typed = "Three investigations shared one analysis of the networks; two led to arrests in two countries.";
    await achieved.fill(typed);
    await seen(page, /^Saved at \d\d:\d\d \(Brussels time\)\.$/);
    await page.reload();
    expect(await page.getByLabel("What was achieved").inputValue()).toBe(typed);
    expect(problems).toEqual([]);
  });

  it("saves the completion report with its Save button when JavaScript is off", async () => {
    await inBrowser({ javaScriptEnabled: false }, async (browser) => {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await signIn(running.portal, page, "applicant.xk@taf.example");
      await page.goto(proposalUrlByTitle(running.portal, IN_IMPLEMENTATION, "/implementation"));
      const lessons = "Agree the analysts' formats before the first operational meeting.";
      await page.getByLabel("Lessons learnt").fill(lessons);
      await page.getByRole("button", { name: "Save the completion report" }).click();
      await page.getByText(/The completion report is saved/).waitFor();
      await page.goto(proposalUrlByTitle(running.portal, IN_IMPLEMENTATION, "/implementation"));
      expect(await page.getByLabel("Lessons learnt").inputValue()).toBe(lessons);
    });
  });
});
