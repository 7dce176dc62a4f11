import { describe, expect, it } from "vitest";
import { portalAndBrowser, seen, signIn, watchedPage } from "./support";

// The concept note, saved with JavaScript on: the form goes on showing what was saved, so the
// next save or the submission sends that, not what the page first loaded. Sent back for
// revision, it goes back with the lead's answer, which the page then shows under the request.

const running = portalAndBrowser();

describe("the concept note, in Chromium", { timeout: 120_000 }, () => {
  it("keeps what was saved in the form, asks for the answer to the revision request, and submits both", async () => {
    const { page, problems } = await watchedPage(running.browser);
    // Demo proposal 3: the Serbian prosecutors' concept note, sent back for revision.
    await signIn(running.portal, page, "applicant.rs@taf.example");
    await page.goto(`${running.portal.url}/proposals/3/concept`);
    const mitigation = page.getByLabel("How you will reduce these risks (optional)");
    const plan = "A second trainer from each country is named, so that a change of staff does not stop the exchange.";
    await mitigation.fill(plan);
    await page.getByRole("button", { name: "Save the concept note" }).click();
    await seen(page, /^Saved at \d\d:\d\d \(Brussels time\)\.$/);
    expect(await mitigation.inputValue()).toBe(plan);

    // Submitting without an answer is stopped, with the message beside the field.
    const answer = page.getByLabel("Your answer to the revision request");
    await page.getByRole("button", { name: "Submit the concept note" }).click();
    await seen(page, "Write your answer to the revision request: what you changed and why.");
    const written = "Each country names a second trainer, and only cleared information is discussed in the case meetings.";
    await answer.fill(written);
    await page.getByRole("button", { name: "Submit the concept note" }).click();
    await seen(page, "The concept note is submitted with your answer.");
    // Under review, the request and the answer show open, not folded away.
    await seen(page, written);
    await expect.poll(() => page.getByText(written).isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.getByText(/^Your answer, .+:$/).isVisible(), { timeout: 30_000 }).toBe(true);
    await page.goto(`${running.portal.url}/proposals/3/versions`);
    await seen(page, plan);
    expect(problems).toEqual([]);
  });
});
