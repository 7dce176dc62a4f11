import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { openBrowser, startPortal } from "../support/portal";
import type { Portal } from "./support";
import { openMail, seen, signIn, signOut, watchedPage } from "./support";

// The journey a new user makes: the administrator invites a person, the invitation arrives by
// real SMTP in the portal's mailbox, its link sets a password, and the person signs in.

let portal: Portal;
let browser: BrowserContext;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe("inviting a person, in Chromium", { timeout: 120_000 }, () => {
  it("goes from the invitation to the invited person's first sign-in", async () => {
    browser = await openBrowser();
    const { page, problems } = await watchedPage(browser);

    await signIn(portal, page, "admin@taf.example");
    await page.getByRole("link", { name: "People", exact: true }).click();
    await page.getByRole("link", { name: "Invite a person" }).click();
    await page.getByLabel("Full name").fill("Dragana Ilić");
    await page.getByLabel("E-mail address").fill("dragana.ilic@mup.example");
    await page.getByLabel("Role").selectOption({ label: "Applicant" });
    await page.getByLabel("Institution").selectOption({ label: "Ministry of Interior of Serbia, Criminal Police Directorate" });
    // A Serbian institution proposes the Latin script of BCMS for the invitation; this one goes in English.
    await expect.poll(() => page.getByLabel("Language of the invitation").inputValue()).toBe("sr-Latn");
    await page.getByLabel("Language of the invitation").selectOption("en");
    await page.getByRole("button", { name: "Send the invitation" }).click();
    await seen(page, "Invitation sent to dragana.ilic@mup.example");

    await openMail(portal, page, "dragana.ilic@mup.example", "You are invited to the TAF portal");
    const invitationLink = await page.locator('pre.mail a[href*="/set-password/"]').first().getAttribute("href");
    expect(invitationLink).toMatch(new RegExp(`^${portal.url}/set-password/[\\w-]{40,}$`));
    await signOut(page);

    await page.goto(invitationLink!);
    await seen(page, "Welcome to the TAF portal");
    await page.getByLabel("New password", { exact: true }).fill("Balkan route 2026 cooperation");
    await page.getByLabel("Type the new password again").fill("Balkan route 2026 cooperation");
    await page.getByRole("button", { name: "Save password" }).click();
    await page.waitForURL(/\/login\?notice=password-set/);
    await seen(page, "Your password is set.");

    await signIn(portal, page, "dragana.ilic@mup.example", "Balkan route 2026 cooperation");
    await seen(page, "Welcome, Dragana Ilić");
    expect(await page.getByRole("heading", { name: /Proposals of Ministry of Interior of Serbia/ }).count()).toBe(1);
    await page.screenshot({ path: "test-results/invited-person-home.png", fullPage: true });

    // The link worked once: a second visit explains that it has been used.
    await page.goto(invitationLink!);
    expect(await page.getByText("This link has already been used").count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it("keeps working without JavaScript: a mistake is shown next to its field, with what was typed", async () => {
    const noScript = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = noScript.pages()[0] ?? (await noScript.newPage());
      await page.goto(`${portal.url}/login`);
      await page.getByLabel("E-mail address").fill("admin@taf.example");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(`${portal.url}/`);
      await page.goto(`${portal.url}/admin/people/invite`);
      await page.getByLabel("Full name").fill("Petar Nikolić");
      await page.getByLabel("E-mail address").fill("petar.nikolic@");
      await page.getByLabel("Role").selectOption({ label: "Applicant" });
      await page.getByRole("button", { name: "Send the invitation" }).click();
      await page.waitForLoadState("load");
      expect(await page.getByLabel("Full name").inputValue()).toBe("Petar Nikolić");
      expect(await page.getByText(/e-mail address/i).and(page.locator(".error")).count()).toBeGreaterThan(0);
      expect(await page.getByText(/institution/i).and(page.locator(".error")).count()).toBeGreaterThan(0);
    } finally {
      await noScript.close();
    }
  });
});
