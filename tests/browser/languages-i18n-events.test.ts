import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser, proposalUrlByTitle } from "./support";

// The proposal page's steps in the pseudo-language, longer than any real one: the TAF team's
// buttons and forms (the eligibility decision, the steps that pause or end an implementation)
// and the history's sentences.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const COCAINE_ROUTES = "Joint operational analysis of cocaine routes through the port of Durrës";
const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";

describe("the proposal's steps in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { overflowing, problems } = await overflowingInPseudoLanguage(running, "admin@taf.example", [
      { at: proposalUrlByTitle(running.portal, COCAINE_ROUTES), expected: "[çóòñfíìrm éèlíìgíìbíìlíìtý]" },
      { at: proposalUrlByTitle(running.portal, DRUG_NETWORKS), expected: "[púùt íìmpléèméèñtáàtíìóòñ óòñ hóòld]" },
    ]);
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
