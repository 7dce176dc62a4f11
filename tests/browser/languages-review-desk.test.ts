import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser } from "./support";

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
    const { overflowing, problems } = await overflowingInPseudoLanguage(running, "admin@taf.example", paths);
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);
});
