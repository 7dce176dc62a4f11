import { describe, expect, it } from "vitest";
import { openMail, portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// An applicant in one country drafts a proposal, invites a partner in another country, the
// partner confirms from the e-mailed link, the lead submits, and both get the confirmation.

const running = portalAndBrowser();

describe("a joint proposal, in Chromium", { timeout: 120_000 }, () => {
  it("goes from a new draft to a submitted joint proposal with two confirmations", async () => {
    const { page, problems } = await watchedPage(running.browser);

    await signIn(running.portal, page, "applicant.xk@taf.example");
    await page.getByRole("link", { name: "Start a proposal" }).click();
    await page.getByLabel("Rolling intake").check();
    await page.getByLabel("Working title").fill("Joint training against firearms trafficking");
    await page.getByRole("button", { name: "Start the draft" }).click();
    await page.waitForURL(/\/proposals\/\d+\/edit/);
    const proposalUrl = page.url().replace(/\/edit.*$/, "");

    await page.getByLabel("Summary").fill("Kosovo* Police and the Albanian State Police train together to trace firearms across the border.");
    await page.getByLabel("The problem and why it needs cross-border work").fill("Weapons from old stockpiles cross the border in small numbers and are hard to trace alone.");
    await page.getByLabel("Objectives").fill("Common tracing procedures and direct contacts between firearms units.");
    await page.getByLabel("Planned activities").fill("Two workshops and a joint exercise at the border crossing.");
    await page.getByLabel("Expected results").fill("A shared tracing checklist and trained officers on both sides.");
    await page.getByLabel("Firearms trafficking").check();
    await page.getByLabel("Joint exercise").check();
    await page.getByLabel("Intended start").fill("2027-04-01");
    await page.getByLabel("Duration in months").fill("9");
    await page.getByLabel("Estimated budget in EUR").fill("48000");
    await page.getByLabel("Contact person").fill("Arben Krasniqi, Kosovo* Police");
    await page.getByRole("button", { name: "Save draft" }).click();
    await seen(page, /Saved at \d\d:\d\d/);

    await page.goto(`${proposalUrl}/partners`);
    await page.getByLabel("Name contains").fill("Albanian State Police");
    await page.getByRole("button", { name: "Search the directory" }).click();
    await page.getByRole("button", { name: "Invite Albanian State Police" }).click();
    await seen(page, /Invited|e-mailed/);
    // Removing the partner is the page's last step, folded behind its name, with a confirmation.
    const removal = page.getByText("Remove Albanian State Police…");
    const afterInviting = await page
      .getByRole("heading", { name: "Invite a partner institution" })
      .evaluate((heading, summary) => Boolean(heading.compareDocumentPosition(summary!) & Node.DOCUMENT_POSITION_FOLLOWING), await removal.elementHandle());
    expect(afterInviting).toBe(true);
    expect(await page.getByRole("button", { name: "Remove this partner" }).isVisible()).toBe(false);
    await removal.click();
    await seen(page, "Yes, remove Albanian State Police from this proposal");
    await signOut(page);

    // The partner's invitation, as it arrived over SMTP, read in the administrators' mailbox.
    await signIn(running.portal, page, "admin@taf.example");
    await openMail(running.portal, page, "applicant.al@taf.example", /firearms trafficking/i);
    const invitationLink = await page.locator('pre.mail a[href*="/partnership"]').first().getAttribute("href");
    expect(invitationLink).toBe(`${proposalUrl}/partnership`);
    await signOut(page);

    await signIn(running.portal, page, "applicant.al@taf.example");
    await page.goto(invitationLink!);
    await page.getByLabel("Your institution's role in this proposal").fill("We host the joint exercise and bring our firearms unit.");
    await page.getByRole("button", { name: "Confirm our participation" }).click();
    await seen(page, "The proposal is joint");
    await signOut(page);

    await signIn(running.portal, page, "applicant.xk@taf.example");
    await page.goto(proposalUrl);
    await page.getByRole("link", { name: "Preview and submit the proposal" }).click();
    await page.getByRole("button", { name: "Submit the proposal" }).click();
    await seen(page, /Submitted as TAF-ROLLING-\d{3}/);
    const reference = (await page.getByText(/Submitted as TAF-ROLLING-\d{3}/).first().textContent())!.match(/TAF-ROLLING-\d{3}/)![0];
    await signOut(page);

    await signIn(running.portal, page, "admin@taf.example");
    for (const applicant of ["applicant.xk@taf.example", "applicant.al@taf.example"]) {
      await openMail(running.portal, page, applicant, new RegExp(`${reference} received`));
      await seen(page, reference);
    }
    expect(problems).toEqual([]);
  });
});
