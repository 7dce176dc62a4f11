import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { portalAndBrowser, SCREEN_WIDTHS, seen, signIn, watchedPage, widerThanTheScreen } from "./support";

// Issue 12: the TAF team's review desk, ranking and decisions pages, in a pseudo-language longer
// than any real one, still fit a phone and a desktop screen.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

/** Each round's review desk, ranking and decisions pages. */
function roundPaths() {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    const ids = (database.prepare("select id from rounds").all() as { id: number }[]).map((row) => row.id);
    return ids.flatMap((id) => ["review", "ranking", "decisions"].map((page) => `/admin/rounds/${id}/${page}`));
  } finally {
    database.close();
  }
}

describe("the review desk, the ranking and the decisions in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const paths = roundPaths();
    expect(paths.length).toBeGreaterThan(0);
    const { page, problems } = await watchedPage(running.browser);
    await signIn(running.portal, page, "admin@taf.example");
    await page.goto(`${running.portal.url}/?lng=en-XA`);
    await seen(page, /\[/);
    const overflowing: string[] = [];
    for (const width of SCREEN_WIDTHS) {
      for (const path of paths) {
        const wide = await widerThanTheScreen(page, `${running.portal.url}${path}`, width);
        if (wide) overflowing.push(wide);
      }
    }
    await page.close();
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);
});
