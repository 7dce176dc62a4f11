import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { translatorFor } from "../../workflows/messages";
import { portalAndBrowser, seen, signIn, watchedPage, zodScriptsOf } from "./support";

// The administrators' forms check their fields in the browser without zod (app/form-checks.ts):
// the message shows beside the field as soon as the person leaves it, in the page's language,
// with nothing sent, and the page never loads zod.

const running = portalAndBrowser();
const mk = translatorFor("mk");
const en = translatorFor("en");

type Page = Awaited<ReturnType<typeof watchedPage>>["page"];

/** What the field's aria-describedby names (its message, and its hint if it has one), as one text. */
async function describing(page: Page, field: ReturnType<Page["getByLabel"]>) {
  const ids = ((await field.getAttribute("aria-describedby")) ?? "").split(" ").filter(Boolean);
  return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(" ");
}

/** The forms the page posted: a check in the browser posts none. */
function postsOf(page: Page) {
  const posts: string[] = [];
  page.on("request", (request) => request.method() === "POST" && posts.push(request.url()));
  return posts;
}

function roundIds() {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    return database.prepare("select id from rounds order by id").pluck().all() as number[];
  } finally {
    database.close();
  }
}

describe("an administrator's form checked without zod, in Chromium", { timeout: 120_000 }, () => {
  it("says a missing name and a wrong e-mail address beside their fields on the invitation page, in Macedonian", async () => {
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(`${running.portal.url}/admin/people/invite?lng=mk`);
    await seen(page, mk("invitePage.title"));
    const posts = postsOf(page);
    const name = page.getByLabel(mk("personForms.field.name"));
    await name.fill("");
    const email = page.getByLabel(mk("invitePage.email"));
    await email.fill("someone@");
    await name.focus();
    await seen(page, mk("personForms.error.email"));
    // Beside the field: the message its aria-describedby names.
    expect(await describing(page, email)).toContain(mk("personForms.error.email"));
    await email.focus();
    await seen(page, mk("personForms.error.name"));
    // Fixed, it goes before the button is clicked.
    await email.fill("someone@taf.example");
    await expect.poll(() => page.getByText(mk("personForms.error.email")).count()).toBe(0);
    expect(posts).toEqual([]);
    expect(await zodScriptsOf(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("says a criterion's missing name beside it on a round's eligibility page, and a move's missing confirmation on the round page", async () => {
    const { page, problems } = await watchedPage(running.browser);
    // Back to English, which the test before left for Macedonian in this browser and this account.
    await page.goto(`${running.portal.url}/admin/rounds/${roundIds()[0]}/eligibility?lng=en`);
    await seen(page, en("roundEligibility.name"));
    const posts = postsOf(page);
    // The second criterion's name: a field of a list (`criteria[1].name`), checked as every item's.
    const name = page.getByLabel(en("roundEligibility.name"), { exact: true }).nth(1);
    await name.fill("");
    await page.getByLabel(en("roundEligibility.guidance")).nth(1).focus();
    await seen(page, en("roundEligibility.error.nameMissing"));
    expect(await describing(page, name)).toContain(en("roundEligibility.error.nameMissing"));
    expect(posts).toEqual([]);
    expect(await zodScriptsOf(page)).toEqual([]);

    // The first round the statechart lets the administrator close, whatever the demo's dates make of them.
    let closable: string | undefined;
    for (const id of roundIds()) {
      await page.goto(`${running.portal.url}/admin/rounds/${id}`);
      await seen(page, en("roundPage.actionsHeading"));
      if (await page.getByRole("button", { name: en("roundPage.form.close"), exact: true }).count()) {
        closable = page.url();
        break;
      }
    }
    expect(closable).toBeDefined();
    await page.getByRole("button", { name: en("roundPage.form.close"), exact: true }).click();
    await seen(page, en("roundPage.error.confirmClose"));
    const confirm = page.getByLabel(en("roundPage.form.confirmClose"));
    expect(await describing(page, confirm)).toContain(en("roundPage.error.confirmClose"));
    expect(page.url()).toBe(closable);
    expect(posts).toEqual([]);
    expect(await zodScriptsOf(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
