import { describe, expect, it } from "vitest";
import { portalAndBrowser, proposalUrlByTitle, seen, signIn, watchedPage } from "./support";

// What was found when the portal was tried as an attacker would (issue 14), in real Chromium:
// the strict Content-Security-Policy is not tripped by the portal's own scripts, and a file
// whose name has = and ; in it uploads and downloads.

const running = portalAndBrowser();
const PDF = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const NAME = "report (final; v2) Budget=2026.pdf";

describe("tried as an attacker would, in Chromium", { timeout: 120_000 }, () => {
  it("validates forms in the browser without tripping the Content-Security-Policy, and takes a file named with = and ;", async () => {
    const { page, problems } = await watchedPage(running.browser);
    // Chromium logs a refused eval outside the page's console API: the page reports it there.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => console.error(`CSP refused ${event.blockedURI} (${event.violatedDirective})`));
    });
    await page.goto(`${running.portal.url}/login`);
    // A wrong address shown beside its field: the browser checked the form against its schema's constraints.
    await page.getByLabel("E-mail address").fill("not-an-address");
    await page.getByLabel("Password").focus();
    await seen(page, /Enter your e-mail address/);
    await signIn(running.portal, page, "applicant.al@taf.example");

    await page.goto(proposalUrlByTitle(running.portal, "A shared alert channel for stolen vehicles", "/attachments"));
    await page.getByLabel("File").setInputFiles({ name: NAME, mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "Upload the file" }).click();
    await seen(page, /was added/);
    const link = page.getByRole("link", { name: NAME });
    await expect.poll(() => link.count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(NAME);
    expect(problems).toEqual([]);
  });
});
