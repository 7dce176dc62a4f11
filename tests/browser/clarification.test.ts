import { describe, expect, it } from "vitest";
import { openMail, portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// The TAF team asks for clarification, the lead edits the proposal and resubmits with an answer,
// and anyone who may see the proposal compares the two versions with the changes marked.

const running = portalAndBrowser();

describe("clarification, resubmission and comparison, in Chromium", { timeout: 120_000 }, () => {
  it("marks what the applicants changed between the versions", async () => {
    const { page, problems } = await watchedPage(running.browser);
    // Demo proposal 6: Albanian State Police with Kosovo* Police, waiting for its eligibility decision.
    const proposalUrl = `${running.portal.url}/proposals/6`;

    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(proposalUrl);
    await page.getByLabel("Your question to the applicants").fill("Which border crossings will the joint analysis cover?");
    await page.getByLabel("Days to answer").fill("7");
    await page.getByRole("button", { name: "Request clarification" }).click();
    await seen(page, "Done. The proposal is now at “Eligibility: waiting for the lead institution's answer”.");
    await openMail(running.portal, page, "applicant.al@taf.example", /Question about TAF-2026-R2-002/);
    await seen(page, "Which border crossings will the joint analysis cover?");
    await signOut(page);

    await signIn(running.portal, page, "applicant.al@taf.example");
    await page.goto(`${proposalUrl}/edit`);
    const summary = page.getByLabel("Summary");
    await summary.fill(`${await summary.inputValue()} The analysis covers the crossings at Morinë and Qafë Prush.`);
    await page.getByRole("button", { name: "Save draft" }).click();
    await seen(page, /Saved at \d\d:\d\d/);
    await page.goto(proposalUrl);
    await page.getByRole("link", { name: "Answer the question and resubmit" }).first().click();
    await page.getByLabel("Your answer to the TAF team").fill("The crossings at Morinë and Qafë Prush; the summary now says so.");
    await page.getByRole("button", { name: "Send the answer and resubmit" }).click();
    await seen(page, "resubmitted as a new version");

    await page.goto(`${proposalUrl}/versions`);
    await seen(page, /Version 2/);
    const added = page.locator("ins", { hasText: "Morinë" });
    expect(await added.count()).toBeGreaterThan(0);
    await page.screenshot({ path: "test-results/versions-compared.png", fullPage: true });
    expect(problems).toEqual([]);
  });
});
