import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser, proposalUrlByTitle } from "./support";

// The versions page and the round's deadline in the pseudo-language, longer than any real one:
// a proposal's versions with its concept note and activity reports, and a new proposal's rounds.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";

describe("the versions page and the deadlines in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const lead = await overflowingInPseudoLanguage(running, "applicant.xk@taf.example", [{ at: proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/versions"), expected: /Véèr/ }]);
    const starting = await overflowingInPseudoLanguage(running, "applicant.me@taf.example", [{ at: "/proposals/new", expected: /Déèáàdl/ }]);
    expect([...lead.overflowing, ...starting.overflowing]).toEqual([]);
    expect([...lead.problems, ...starting.problems]).toEqual([]);
  }, 120_000);
});
