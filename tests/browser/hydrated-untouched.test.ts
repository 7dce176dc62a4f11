import { describe, expect, it } from "vitest";
import { portalAndBrowser, seen, signIn, watchedPage } from "./support";

// Once a page hydrates, what was typed before it is announced to the page (the autosave, Conform:
// app/typed-before-hydration.ts), and nothing else: a control that holds what the server sent is
// no edit, however the browser reads it. (What was typed is kept: nothing-lost.test.ts.)

const running = portalAndBrowser();

describe("a page hydrated with nothing typed, in Chromium", { timeout: 120_000 }, () => {
  // A list that marks no choice (an activity saved without its kind) used to be announced as an
  // edit, and the concept note autosaved untouched.
  it("sends no save when nothing was typed, though an activity was saved without its kind", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "applicant.rs@taf.example");
    await page.goto(`${running.portal.url}/proposals/3/concept`);
    await page.getByRole("button", { name: "Add an activity" }).click();
    await page.getByLabel("Title", { exact: true }).last().fill("A meeting whose kind is not chosen yet");
    await page.getByRole("button", { name: "Save the concept note" }).click();
    await seen(page, /^Saved at \d\d:\d\d \(Brussels time\)\.$/);
    let saves = 0;
    page.on("request", (request) => {
      if (request.method() === "POST") saves += 1;
    });
    // Opened anew (a reload or going back puts back what the page last held, which is not read as typed).
    await page.goto(`${running.portal.url}/proposals/3/concept`);
    // Shown once the page has hydrated, in the same render as an edit's "Unsaved changes…" would be.
    await seen(page, "Your changes are saved automatically as you type.");
    expect(await page.getByText("Unsaved changes…").count()).toBe(0);
    expect(saves).toBe(0);
    expect(problems).toEqual([]);
  });
});
