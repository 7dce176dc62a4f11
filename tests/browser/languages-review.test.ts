import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser } from "./support";

// Issue 12: the reviewer's pages, the homes, the account page and the review criteria, in a pseudo-language longer
// than any real one, still fit a phone and a desktop screen.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

/** Each round's review criteria page: editable (no review submitted yet) or locked. */
function criteriaPaths() {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    return (database.prepare("select id from rounds").all() as { id: number }[]).map((row) => `/admin/rounds/${row.id}/criteria`);
  } finally {
    database.close();
  }
}

/** The reviewer's open assignments in the demo: at the conflict check or being reviewed. */
function assignmentPaths(email: string) {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    const rows = database
      .prepare("select a.id from review_assignments a join users u on u.id = a.reviewer_user_id where u.email = ? and a.state in ('invited', 'reviewing')")
      .all(email) as { id: number }[];
    return rows.map((row) => `/reviews/${row.id}`);
  } finally {
    database.close();
  }
}

const overflowingPages = (email: string, paths: string[]) => overflowingInPseudoLanguage(running, email, paths);

describe("the reviewers' pages and the homes in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen for a reviewer: home, account and the review form", async () => {
    const reviews = assignmentPaths("reviewer.expert@taf.example");
    expect(reviews.length).toBeGreaterThan(0);
    const { overflowing, problems } = await overflowingPages("reviewer.expert@taf.example", ["/", "/account", ...reviews]);
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);

  it("fit a 390 px phone and a 1280 px screen on the TAF team's and a country advisor's home, and the review criteria", async () => {
    const administrator = await overflowingPages("admin@taf.example", ["/", ...criteriaPaths()]);
    const advisor = await overflowingPages("advisor.mk@taf.example", ["/"]);
    expect([...administrator.overflowing, ...advisor.overflowing]).toEqual([]);
    expect([...administrator.problems, ...advisor.problems]).toEqual([]);
  }, 90_000);
});
