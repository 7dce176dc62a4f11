import { describe, expect, it } from "vitest";
import { translatorFor } from "../../workflows/messages";
import { portalAndBrowser, proposalUrlByTitle, seen, signIn, watchedPage } from "./support";

// The sign-in, password, account and comments forms check their fields in the browser without
// zod (app/form-checks.ts): the message still shows beside the field as soon as the person leaves
// it, in the page's language, and the page never loads zod.

const running = portalAndBrowser();
const CYBERCRIME = "Cybercrime: cross-border electronic evidence";
const sq = translatorFor("sq");
const en = translatorFor("en");

async function scriptsOf(page: Awaited<ReturnType<typeof watchedPage>>["page"]) {
  return page.evaluate(() => performance.getEntriesByType("resource").map((entry) => entry.name).filter((name) => name.endsWith(".js")));
}

describe("a form checked without zod, in Chromium", { timeout: 120_000 }, () => {
  it("says a wrong e-mail address beside the field in Albanian on the sign-in page", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await page.goto(`${running.portal.url}/login?lng=sq`);
    await seen(page, sq("login.title"));
    const email = page.getByLabel(sq("login.email"));
    await email.fill("applicant.al@");
    await page.getByLabel(sq("login.password")).focus();
    await seen(page, sq("validation.email"));
    // Beside the field: the message its aria-describedby names.
    const described = await email.getAttribute("aria-describedby");
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe(sq("validation.email"));
    // Fixed, it goes before the button is clicked.
    await email.fill("applicant.al@taf.example");
    await expect.poll(() => page.getByText(sq("validation.email")).count()).toBe(0);
    expect((await scriptsOf(page)).filter((name) => /\/zod-/.test(name))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("refuses a new password that is too short and an empty comment, beside their fields", async () => {
    const { page, problems } = await watchedPage(running.browser);
    // Back to English, which the test before left for Albanian in this browser.
    await page.goto(`${running.portal.url}/login?lng=en`);
    await signIn(running.portal, page, "applicant.xk@taf.example");
    await page.goto(`${running.portal.url}/account`);
    await page.getByLabel(en("accountPage.newPassword"), { exact: true }).fill("short");
    await page.getByLabel(en("accountPage.confirmation")).focus();
    await seen(page, en("validation.newPasswordTooShort", { passwordMinLength: 12 }));

    await page.goto(proposalUrlByTitle(running.portal, CYBERCRIME, "/comments"));
    await page.getByRole("button", { name: en("commentsPage.post") }).click();
    await seen(page, en("commentsPage.error.empty"));
    // Said in the page, not by a round trip: the address has not changed and nothing was posted.
    expect(page.url()).toBe(proposalUrlByTitle(running.portal, CYBERCRIME, "/comments"));
    expect((await scriptsOf(page)).filter((name) => /\/zod-/.test(name))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
