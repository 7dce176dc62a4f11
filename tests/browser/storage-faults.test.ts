import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { inBrowser, portalAndBrowser, seen, signIn, watchedPage } from "./support";

// Disk full or database locked, as a person meets it (issue 14): the TAF team saves a round's
// settings while another writer holds the database past the server's busy_timeout. Nothing is
// saved, the page says why, and what was typed is on that page, in a form that sends it again,
// with JavaScript and without. The lock is SQLite's own (BEGIN EXCLUSIVE on the server's file).

const running = portalAndBrowser();

function roundId(code: string) {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    return (database.prepare("select id from rounds where code = ?").get(code) as { id: number }).id;
  } finally {
    database.close();
  }
}

/** Another writer holding the whole database until released. */
function lockTheDatabase() {
  const other = new Database(running.portal.databasePath);
  other.exec("BEGIN EXCLUSIVE");
  return () => {
    other.exec("ROLLBACK");
    other.close();
  };
}

describe("a round's settings saved while the database is locked", { timeout: 120_000 }, () => {
  it.each([true, false])("come back with what was typed, to send again (JavaScript: %s)", async (javaScriptEnabled) => {
    await inBrowser({ javaScriptEnabled }, async (browser) => {
      const { page, problems } = await watchedPage(browser);
      await signIn(running.portal, page, "admin@taf.example");
      const round = `${running.portal.url}/admin/rounds/${roundId("2026-R2")}`;
      await page.goto(`${round}/edit`);
      const description = `Typed while the database was locked (${javaScriptEnabled ? "with" : "without"} JavaScript): joint investigations of firearms trafficking along the Western Balkans route.`;
      await page.getByLabel("Description").fill(description);
      const release = lockTheDatabase();
      try {
        await page.getByRole("button", { name: "Save the changes" }).click();
        await seen(page, "The portal is busy with other changes and could not save this in time");
        expect(await page.getByRole("heading", { name: "Not saved" }).count()).toBe(1);
        const typed = page.getByLabel(/What you typed/);
        const shown = await Promise.all((await typed.all()).map((field) => field.inputValue()));
        expect(shown).toContain(description);
      } finally {
        release();
      }
      await page.getByRole("button", { name: "Send it again" }).click();
      await page.waitForURL(`${round}?notice=edited`);
      await seen(page, description);
      // The refusal was a 503 the page explained, never a 500.
      expect(problems.filter((problem) => !problem.includes("503")), running.portal.output()).toEqual([]);
    });
  });
});
