import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { openBrowser, startPortal } from "../support/portal";
import type { Portal } from "./support";
import { seen, signIn, signOut, watchedPage } from "./support";

// The demo administrator adds a passkey on Chromium's virtual authenticator (the DevTools
// protocol's WebAuthn domain plays the fingerprint reader), signs out, and finishes the next
// sign-in with the passkey instead of a code.

let portal: Portal;
let browser: BrowserContext;

beforeAll(async () => {
  // A passkey belongs to a domain name: the portal is addressed as localhost, not 127.0.0.1.
  portal = await startPortal({}, "localhost");
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

describe("passkeys, in Chromium", { timeout: 120_000 }, () => {
  it("adds a named passkey, then signs in with the password and the passkey", async () => {
    browser = await openBrowser();
    const { page, problems } = await watchedPage(browser);
    const cdp = await browser.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });

    await signIn(portal, page, "admin@taf.example");
    await page.goto(`${portal.url}/account/two-factor`);
    await seen(page, "Passkeys");
    await page.getByLabel("Name of the passkey").fill("Office laptop");
    await page.getByRole("button", { name: "Add a passkey" }).click();
    await seen(page, "The passkey is added");
    await seen(page, "Office laptop");
    await page.screenshot({ path: "test-results/passkeys-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/passkeys-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await signOut(page);

    await page.getByLabel("E-mail address").fill("admin@taf.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/login\/second-factor/);
    await seen(page, "Or use a passkey");
    await page.screenshot({ path: "test-results/passkeys-second-step-390.png", fullPage: true });
    await page.getByRole("button", { name: "Sign in with a passkey" }).click();
    await page.waitForURL(`${portal.url}/`);
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
