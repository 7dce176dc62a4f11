import { readFile } from "node:fs/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import type { Portal } from "./support";
import { openMail, portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// Lessons learnt, from the e-mail to the summary: the TAF team releases the second call's held
// decision (SIPA's firearms tracing), SIPA's applicant follows the survey link from the e-mail,
// answers and changes the answer, and the administrator reads it in the round's summary and
// downloads it as CSV.

const running = portalAndBrowser();
const ROUND = "Second call for proposals 2026";
const FIRST_COMMENT = "The scoring criteria were clear; publish the decision date in the guide.";
const SECOND_COMMENT = "Publish the decision date in the guide, and allow a month more to confirm partners.";

function roundIdOf(portal: Portal, code: string) {
  const database = new Database(portal.databasePath, { readonly: true });
  try {
    return (database.prepare("select id from rounds where code = ?").get(code) as { id: number }).id;
  } finally {
    database.close();
  }
}

describe("the feedback survey, in Chromium", { timeout: 120_000 }, () => {
  it("goes from the survey e-mail to an edited answer and to the administrator's summary and CSV", async () => {
    const { portal, browser } = running;
    const { page, problems } = await watchedPage(browser);
    const roundId = roundIdOf(portal, "2026-R2");

    await signIn(portal, page, "admin@taf.example");
    await page.goto(`${portal.url}/admin/rounds/${roundId}/decisions`);
    const release = page.getByRole("region", { name: "Release" });
    await release.getByRole("checkbox", { name: /Tell the applicants now/ }).check();
    await release.getByRole("button", { name: "Release 1 decision" }).click();
    await seen(page, /Released: .+\. The applicants are told by e-mail\./);

    await openMail(portal, page, "applicant.ba@taf.example", `Your feedback on ${ROUND}: a short survey`);
    await seen(page, "One answer counts for State Investigation and Protection Agency (SIPA)");
    const surveyLink = await page.locator(`pre.mail a[href*="/rounds/${roundId}/feedback"]`).first().getAttribute("href");
    expect(surveyLink).toMatch(new RegExp(`^${portal.url}/rounds/${roundId}/feedback\\?institution=\\d+$`));
    await signOut(page);

    await signIn(portal, page, "applicant.ba@taf.example");
    await seen(page, `Give feedback on ${ROUND}`);
    await page.goto(surveyLink!);
    await seen(page, `Feedback on ${ROUND}`);
    const rate = (topic: string, point: string) => page.getByRole("group", { name: new RegExp(`^${topic}:`) }).getByLabel(point).check();
    await rate("The guidance", "4 · Good");
    await rate("The form", "3 · Adequate");
    await rate("The timing", "2 · Poor");
    await rate("The support", "5 · Very good");
    await page.getByLabel(/What should the TAF team change/).fill(FIRST_COMMENT);
    await page.screenshot({ path: "test-results/lessons-survey.png", fullPage: true });
    await page.getByRole("button", { name: "Send the feedback" }).click();
    await seen(page, "Thank you. Your feedback is saved for State Investigation and Protection Agency (SIPA)");

    // Changed while the survey is open: the form shows the saved answer, and keeps the last one.
    expect(await page.getByLabel(/What should the TAF team change/).inputValue()).toBe(FIRST_COMMENT);
    await rate("The timing", "1 · Very poor");
    await page.getByLabel(/What should the TAF team change/).fill(SECOND_COMMENT);
    await page.getByRole("button", { name: "Save the changes" }).click();
    await seen(page, /Last saved by Amra Hadžić on/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/lessons-survey-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.getByLabel(/What should the TAF team change/).inputValue()).toBe(SECOND_COMMENT);
    await signOut(page);

    await signIn(portal, page, "admin@taf.example");
    await page.goto(`${portal.url}/admin/rounds/${roundId}`);
    await page.getByRole("link", { name: /feedback on the round/ }).click();
    await seen(page, "1 of 3");
    await seen(page, SECOND_COMMENT);
    expect(await page.getByText(FIRST_COMMENT).count()).toBe(0);
    const timing = page.getByRole("row", { name: /The timing/ });
    expect(await timing.getByRole("cell").nth(1).textContent()).toBe("1.0");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as CSV" }).click()]);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv).toContain("Answers in,1");
    expect(csv).toContain(`State Investigation and Protection Agency (SIPA),Bosnia and Herzegovina,"${SECOND_COMMENT}",Amra Hadžić`);
    expect(csv.trim().split("\r\n").at(-1)).toBe(KOSOVO_FOOTNOTE);
    expect(problems).toEqual([]);
  });
});
