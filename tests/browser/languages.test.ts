import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { inBrowser, portalAndBrowser, SCREEN_WIDTHS, seen, watchedPage, widerThanTheScreen } from "./support";

// Issue 12 in Chromium: a person switches the sign-in page to Macedonian, gets a form's error
// in Macedonian, and receives the reset mail in Macedonian; and the translated pages, in a
// pseudo-language longer than any real one, still fit a phone and a desktop screen.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

/** The newest mail the portal's SMTP server received for an address, once it has arrived. */
async function receivedMail(address: string, subject: string) {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    const find = () =>
      database
        .prepare("select subject, text from mailbox where envelope_to like ? and subject = ? order by id desc limit 1")
        .get(`%${address}%`, subject) as { subject: string; text: string } | undefined;
    await expect.poll(find, { timeout: 30_000 }).toBeDefined();
    return find()!;
  } finally {
    database.close();
  }
}

async function htmlLang(page: Page) {
  return page.evaluate(() => document.documentElement.lang);
}

describe("the portal in Macedonian", () => {
  it("switches on the sign-in page, says what is wrong in Macedonian, and mails the link in Macedonian", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await page.goto(`${running.portal.url}/login`);
    await page.getByRole("link", { name: "Македонски" }).click();
    await seen(page, "Најава");
    expect(await htmlLang(page)).toBe("mk");

    await page.getByRole("link", { name: "Ја заборавивте лозинката?" }).click();
    await seen(page, "Внесете ја е-адресата со која се најавувате.");
    await page.getByLabel("Е-адреса").fill("applicant.mk@");
    await page.getByRole("button", { name: "Испратете ми врска" }).click();
    await seen(page, "Внесете ја Вашата е-адреса, на пример name@police.gov.rs.");

    await page.getByLabel("Е-адреса").fill("applicant.mk@taf.example");
    await page.getByRole("button", { name: "Испратете ми врска" }).click();
    await seen(page, "Врската работи еднаш и важи 72 часа.");

    const mail = await receivedMail("applicant.mk@taf.example", "Изберете нова лозинка за порталот TAF");
    expect(mail.text).toContain("Почитуван/а");
    expect(mail.text).toContain("(бриселско време)");
    const link = /http:\/\/\S+\/set-password\/[\w-]+/.exec(mail.text)![0];
    await page.goto(link);
    await seen(page, "Изберете нова лозинка");
    expect(problems).toEqual([]);
  });

  it("works without JavaScript: the switcher is a link, the error comes from the server in Macedonian", async () => {
    await inBrowser({ javaScriptEnabled: false }, async (browser) => {
      const page = browser.pages()[0] ?? (await browser.newPage());
      await page.goto(`${running.portal.url}/forgot-password`);
      await page.getByRole("link", { name: "Македонски" }).click();
      await seen(page, "Ја заборавивте лозинката?");
      await page.getByLabel("Е-адреса").fill("not an address");
      await page.getByRole("button", { name: "Испратете ми врска" }).click();
      await seen(page, "Внесете ја Вашата е-адреса, на пример name@police.gov.rs.");
      expect(await page.getByLabel("Е-адреса").inputValue()).toBe("not an address");
    });
  });
});

describe("the translated pages in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await page.goto(`${running.portal.url}/forgot-password?lng=en-XA`);
    expect(await htmlLang(page)).toBe("en-XA");
    // A valid link, for the set-password page as its reader sees it.
    await page.locator("input[type=email]").fill("reviewer.eu@taf.example");
    await page.locator("button[type=submit]").click();
    await seen(page, "reviewer.eu@taf.example");
    const mail = await receivedMail("reviewer.eu@taf.example", "Choose a new password for the TAF portal");
    const setPassword = new URL(/http:\/\/\S+\/set-password\/[\w-]+/.exec(mail.text)![0]).pathname;

    const pages = ["/login", "/login?notice=password-set", "/forgot-password", setPassword, "/set-password/no-such-token", "/privacy", "/no-such-page"];
    const overflowing: string[] = [];
    for (const width of SCREEN_WIDTHS) {
      for (const path of pages) {
        const wide = await widerThanTheScreen(page, `${running.portal.url}${path}`, width);
        if (wide) overflowing.push(wide);
      }
    }
    expect(overflowing).toEqual([]);
    // The page that is not there answers 404, as it should; nothing else went wrong.
    expect(problems.filter((problem) => !problem.includes("404 (Not Found) (on http://127.0.0.1") || !problem.endsWith("/no-such-page)"))).toEqual([]);
  });
});
