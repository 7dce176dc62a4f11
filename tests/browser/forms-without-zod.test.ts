import { describe, expect, it } from "vitest";
import { translatorFor } from "../../workflows/messages";
import { portalAndBrowser, proposalUrlByTitle, seen, signIn, signOut, watchedPage, zodScriptsOf } from "./support";

// The sign-in, password, account, comments, implementation and concept note forms check their
// fields in the browser without zod (app/form-checks.ts): the message still shows beside the
// field as soon as the person leaves it, in the page's language, and the page never loads zod.

const running = portalAndBrowser();
const CYBERCRIME = "Cybercrime: cross-border electronic evidence";
const IN_IMPLEMENTATION = "Joint investigations of complex drug-trafficking networks";
const CONCEPT_NOTE = "Following the money: financial investigations of migrant-smuggling networks";
const sq = translatorFor("sq");
const en = translatorFor("en");

/** The text of the message a field's aria-describedby names first: the one beside it. */
async function besideOf(field: ReturnType<Awaited<ReturnType<typeof watchedPage>>["page"]["getByLabel"]>) {
  const [described] = (await field.getAttribute("aria-describedby"))?.split(" ") ?? [];
  return field.page().locator(`[id="${described}"]`).textContent();
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
    expect(await zodScriptsOf(page)).toEqual([]);
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
    expect(await zodScriptsOf(page)).toEqual([]);
    expect(problems).toEqual([]);
    await signOut(page);
  });

  it("says a wrong number of participants beside its country and a missing title beside the field, planning an activity", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "applicant.xk@taf.example");
    const url = proposalUrlByTitle(running.portal, IN_IMPLEMENTATION, "/implementation");
    await page.goto(url);
    await page.getByText(en("implementationPage.planAnother")).click();
    const plan = page.locator("#plan-new");
    // A field inside the numbers per country (participants.AL), checked as its own.
    const albania = plan.getByLabel(en("countries.AL"), { exact: true });
    await albania.fill("-3");
    await plan.getByLabel(en("implementationPage.form.place"), { exact: true }).focus();
    await seen(page, en("implementationForm.numberMin"));
    expect(await besideOf(albania)).toBe(en("implementationForm.numberMin"));
    const title = plan.getByLabel(en("implementationPage.form.title"), { exact: true });
    await title.focus();
    await albania.focus();
    await seen(page, en("implementationForm.titleRequired"));
    expect(await besideOf(title)).toBe(en("implementationForm.titleRequired"));
    // Fixed, the number's message goes before the button is clicked; nothing was posted.
    await albania.fill("4");
    await expect.poll(() => page.getByText(en("implementationForm.numberMin")).count()).toBe(0);
    expect(page.url()).toBe(url);
    expect(await zodScriptsOf(page)).toEqual([]);
    expect(problems).toEqual([]);
    await signOut(page);
  });

  it("says a number of participants below one beside the activity's field in Albanian, on the concept note", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "applicant.rs@taf.example");
    await page.goto(`${proposalUrlByTitle(running.portal, CONCEPT_NOTE, "/concept")}?lng=sq`);
    // The first activity's field (activities[0].participants), checked as every activity's is.
    const participants = page.getByLabel(sq("conceptNotePage.form.participants"), { exact: true }).first();
    await participants.fill("0");
    await page.getByLabel(sq("conceptNotePage.form.place"), { exact: true }).first().focus();
    await seen(page, sq("conceptNoteForm.participantsMin"));
    expect(await besideOf(participants)).toBe(sq("conceptNoteForm.participantsMin"));
    expect(await zodScriptsOf(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
