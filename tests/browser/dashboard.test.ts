import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { Portal } from "./support";
import { portalAndBrowser, seen, signIn, signOut, watchedPage } from "./support";

// The dashboard in Chromium with the demo data: the charts' text equivalents carry the numbers
// that the proposals table holds, counted here with SQL of the test's own, and the round filter
// narrows them. Then the proposals table itself, filtered and shown on one page.

const running = portalAndBrowser();

type Counts = { submitted: number; lead: Record<string, number>; partner: Record<string, number>; r1: { submitted: number; countries: number; id: number } };

/** The demo's figures straight from the tables: submitted proposals, and the confirmed partners behind them. */
function countsOf(portal: Portal): Counts {
  const database = new Database(portal.databasePath, { readonly: true });
  try {
    const submitted = (database.prepare("select count(*) as n from proposals where submitted_at is not null").get() as { n: number }).n;
    const byCountry = (sql: string) => Object.fromEntries((database.prepare(sql).all() as { code: string; n: number }[]).map((row) => [row.code, row.n]));
    const lead = byCountry("select i.country_code as code, count(*) as n from proposals p join institutions i on i.id = p.lead_institution_id where p.submitted_at is not null group by i.country_code");
    const partner = byCountry(
      "select i.country_code as code, count(distinct p.id) as n from proposals p join proposal_partners pp on pp.proposal_id = p.id and pp.status = 'confirmed' join institutions i on i.id = pp.institution_id where p.submitted_at is not null group by i.country_code",
    );
    const round = database.prepare("select id from rounds where code = '2026-R1'").get() as { id: number };
    const r1 = database
      .prepare(
        `select count(distinct p.id) as submitted, (select count(distinct code) from (
           select i.country_code as code from proposals p join institutions i on i.id = p.lead_institution_id where p.round_id = ? and p.submitted_at is not null
           union select i.country_code from proposals p join proposal_partners pp on pp.proposal_id = p.id and pp.status = 'confirmed' join institutions i on i.id = pp.institution_id where p.round_id = ? and p.submitted_at is not null)) as countries
         from proposals p where p.round_id = ? and p.submitted_at is not null`,
      )
      .get(round.id, round.id, round.id) as { submitted: number; countries: number };
    return { submitted, lead, partner, r1: { ...r1, id: round.id } };
  } finally {
    database.close();
  }
}

describe("the dashboard, in Chromium", { timeout: 120_000 }, () => {
  it("says in words the numbers its charts draw, and narrows them to a round", async () => {
    const counts = countsOf(running.portal);
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "admin@taf.example");
    await page.getByRole("link", { name: "Dashboard" }).click();
    await page.waitForURL(/\/admin\/dashboard$/);

    await seen(page, `Of ${counts.submitted} submitted proposals,`);
    const countries = page.locator("#chart-countries-sentence");
    for (const [code, name] of [["AL", "Albania"], ["XK", "Kosovo*"], ["MK", "North Macedonia"], ["RS", "Serbia"]] as const) {
      expect(await countries.textContent()).toContain(`${name} ${counts.lead[code] ?? 0} as lead and ${counts.partner[code] ?? 0} as partner`);
    }
    // Each chart names its drawing by its title and sentence, and keeps its table behind it.
    expect(await page.getByRole("img", { name: /Cooperation between countries/ }).count()).toBe(1);
    expect(await page.getByText("The table behind the chart").count()).toBeGreaterThanOrEqual(7);
    await seen(page, `2026-R1: ${counts.r1.submitted} proposals from ${counts.r1.countries} countries;`);

    await page.getByLabel(/^2026-R1:/).check();
    await page.getByRole("button", { name: "Show the figures" }).click();
    await page.waitForURL(new RegExp(`round=${counts.r1.id}`));
    await seen(page, `Of ${counts.r1.submitted} submitted proposals,`);
    expect(await page.getByRole("heading", { name: "Pipeline of 2026-R1" }).count()).toBe(1);
    expect(problems).toEqual([]);
    await signOut(page);
  });
});

describe("the proposals table on one page, in Chromium", { timeout: 120_000 }, () => {
  it("goes from the filtered table to every row it matches on one page without scripts, re-sorts it there and comes back", async () => {
    const database = new Database(running.portal.databasePath, { readonly: true });
    // Kosovo*'s proposals by the test's own SQL: its lead, a confirmed partner, or one invited to a draft.
    const kosovo = database
      .prepare(
        `select count(*) as n from proposals p where exists (select 1 from institutions i where i.id = p.lead_institution_id and i.country_code = 'XK')
           or exists (select 1 from proposal_partners pp join institutions i on i.id = pp.institution_id where pp.proposal_id = p.id and i.country_code = 'XK'
             and (pp.status = 'confirmed' or (pp.status = 'invited' and p.state like 'draft%')))`,
      )
      .get() as { n: number };
    database.close();
    const { page, problems } = await watchedPage(running.browser);
    const scripts: string[] = [];
    page.on("request", (request) => request.resourceType() === "script" && page.url().includes("/all") && scripts.push(request.url()));
    await signIn(running.portal, page, "admin@taf.example");
    await page.getByRole("navigation").getByRole("link", { name: "Proposals" }).click();
    await page.waitForURL(/\/admin\/proposals$/);
    await page.getByLabel("Country taking part").selectOption("XK");
    await page.getByRole("button", { name: "Show proposals" }).click();
    await page.waitForURL(/country=XK/);
    await page.getByRole("link", { name: `Show these ${kosovo.n} proposals on one page` }).click();
    await page.waitForURL(/\/admin\/proposals\/all\?.*country=XK/);
    await seen(page, `${kosovo.n} proposals match`);
    expect(await page.locator("tbody tr").count()).toBe(kosovo.n);
    await seen(page, /This designation is without prejudice/);

    await page.getByRole("link", { name: "Title" }).click();
    await page.waitForURL(/\/admin\/proposals\/all\?.*country=XK.*sort=title&order=asc/);
    const titles = await page.locator("tbody tr td:nth-child(2)").allTextContents();
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, "en")));
    expect(titles).toHaveLength(kosovo.n);
    expect(scripts).toEqual([]);

    await page.getByRole("link", { name: "Back to the table and its filters" }).click();
    await page.waitForURL(/\/admin\/proposals\?.*country=XK.*sort=title/);
    await seen(page, `${kosovo.n} proposals match`);
    expect(problems).toEqual([]);
    await signOut(page);
  });
});
