import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { overflowingInPseudoLanguage, portalAndBrowser } from "./support";

// Issue 12 on the administrators' pages: in the pseudo-language, longer than any real one,
// the round pages, the eligibility desk and the proposals overview still fit a phone and a
// desktop screen.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

function firstRoundId() {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    return database.prepare("select min(id) from rounds").pluck().get() as number;
  } finally {
    database.close();
  }
}

describe("the administrators' translated pages", () => {
  it("fit a 390 px phone and a 1280 px screen in the pseudo-language", async () => {
    const round = `/admin/rounds/${firstRoundId()}`;
    const pages = ["/admin/rounds", round, `${round}/edit`, `${round}/eligibility`, "/admin/rounds/new", "/admin/eligibility", "/admin/proposals"];
    const { overflowing, problems } = await overflowingInPseudoLanguage(running, "admin@taf.example", pages);
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  });
});
