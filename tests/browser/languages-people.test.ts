import { describe, expect, it } from "vitest";
import { portalAndBrowser, SCREEN_WIDTHS, seen, signIn, signOut, watchedPage, widerThanTheScreen } from "./support";

// The people and institutions pages in the pseudo-language, longer than any real one, and the
// invitation's language following the institution chosen.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

describe("the people and institutions pages in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "admin@taf.example");
    const base = running.portal.url;
    await page.goto(`${base}/admin/people?q=krasniqi&lng=en-XA`);
    const person = await page.locator('table a[href^="/admin/people/"]').first().getAttribute("href");
    await page.goto(`${base}/admin/institutions?q=Kosovo`);
    const institutionLinks = page.locator('table a[href^="/admin/institutions/"]');
    const institution = await institutionLinks.first().getAttribute("href");
    const paths = ["/admin/people", "/admin/people/invite", person!, "/admin/institutions", "/admin/institutions/new", institution!, `${institution!}/merge`];
    const overflowing: string[] = [];
    for (const path of paths) {
      for (const width of SCREEN_WIDTHS) {
        const wide = await widerThanTheScreen(page, `${base}${path}`, width);
        if (wide) overflowing.push(wide);
      }
    }
    expect(overflowing).toEqual([]);

    // Choosing a Kosovo* institution proposes Albanian for the invitation, until the administrator picks another.
    await page.goto(`${base}/admin/people/invite?lng=en`);
    await seen(page, "Invite a person");
    await page.getByLabel("Role").selectOption("applicant");
    await page.getByLabel("Institution").selectOption({ label: "Kosovo* Police" });
    await expect.poll(() => page.getByLabel("Language of the invitation").inputValue()).toBe("sq");
    await page.getByLabel("Language of the invitation").selectOption("mk");
    await page.getByLabel("Institution").selectOption({ label: "Albanian State Police" });
    expect(await page.getByLabel("Language of the invitation").inputValue()).toBe("mk");
    await signOut(page);
    expect(problems).toEqual([]);
  }, 180_000);
});
