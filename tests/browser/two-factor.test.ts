import type { BrowserContext } from "playwright-core";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { openBrowser, startPortal } from "../support/portal";
import type { Portal } from "./support";
import { seen, signIn, signOut, watchedPage } from "./support";

// The demo administrator turns on two-factor sign-in with an authenticator app (the test plays
// the app: otplib makes the code from the key the page shows), signs out, and signs in with the
// password and a code.

let portal: Portal;
let browser: BrowserContext;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await browser?.close();
  await portal?.stop();
});

/** The code the app shows `stepsAhead` 30-second steps from now: a code once accepted is never accepted again. */
function appCode(secret: string, stepsAhead = 0) {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

describe("two-factor sign-in, in Chromium", { timeout: 120_000 }, () => {
  it("enrols an authenticator app, then signs in with the password and a code", async () => {
    browser = await openBrowser();
    const { page, problems } = await watchedPage(browser);

    await signIn(portal, page, "admin@taf.example");
    await page.goto(`${portal.url}/account`);
    await page.getByRole("link", { name: "Set up or change two-factor sign-in" }).click();
    await page.getByRole("button", { name: "Set up an authenticator app" }).click();
    await seen(page, "Scan this QR code with your authenticator app.");
    expect(await page.locator(".qr-code svg").count()).toBe(1);
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    await page.screenshot({ path: "test-results/two-factor-enrolment-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/two-factor-enrolment-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel("Code shown by the app").fill(await appCode(secret));
    await page.getByRole("button", { name: "Confirm and turn on" }).click();
    await seen(page, "Your recovery codes");
    expect(await page.getByTestId("recovery-codes").locator("li").count()).toBe(10);
    expect(await page.getByRole("link", { name: "Download the codes as a text file" }).getAttribute("download")).toBe("taf-portal-recovery-codes.txt");
    await page.getByRole("link", { name: "Continue" }).click();
    await signOut(page);

    await page.getByLabel("E-mail address").fill("admin@taf.example");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/login\/second-factor/);
    await seen(page, "Enter your code");
    await page.getByLabel("Code", { exact: true }).fill("000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await seen(page, "This code is not right");
    await page.screenshot({ path: "test-results/two-factor-second-step-1280.png", fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "test-results/two-factor-second-step-390.png", fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel("Code", { exact: true }).fill(await appCode(secret, 1));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${portal.url}/`);
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
