import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser, proposalUrlByTitle } from "./support";

// Issue 12: the dashboard, the steering committee reports, a round's lessons learnt, the feedback
// survey and the proposal printout, in a pseudo-language longer than any real one, still fit a
// phone and a desktop screen.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";

function closedRoundId() {
  const database = new Database(running.portal.databasePath, { readonly: true });
  try {
    return (database.prepare("select id from rounds where code = '2026-R1'").get() as { id: number }).id;
  } finally {
    database.close();
  }
}

const overflowingPages = (email: string, paths: string[]) => overflowingInPseudoLanguage(running, email, paths);

describe("the reporting pages in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen, for the TAF team and for an applicant", async () => {
    const closed = closedRoundId();
    const team = await overflowingPages("admin@taf.example", [
      "/admin/dashboard",
      "/admin/reports?from=2026-01-01&to=2026-12-31",
      `/admin/rounds/${closed}/report`,
      `/admin/rounds/${closed}/lessons`,
      proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/print").replace(running.portal.url, ""),
    ]);
    const applicant = await overflowingPages("applicant.ba@taf.example", [`/rounds/${closed}/feedback`]);
    expect([...team.overflowing, ...applicant.overflowing]).toEqual([]);
    expect([...team.problems, ...applicant.problems]).toEqual([]);
  }, 180_000);
});
