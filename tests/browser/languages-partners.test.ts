import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser, proposalUrlByTitle } from "./support";

// The partners' pages in the pseudo-language, longer than any real one: the lead's partners page
// with the directory to invite from, the country advisors page, and the invited partner's answer.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const CYBERCRIME = "Cybercrime: cross-border electronic evidence";

describe("the partners' pages in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const at = (part: string, expected: string) => ({ at: proposalUrlByTitle(running.portal, CYBERCRIME, part), expected });
    // The lead (Kosovo* Police) invites partners and shares the draft with the country advisors.
    const lead = await overflowingInPseudoLanguage(running, "applicant.xk@taf.example", [at("/partners", "Íìñvíìtéè áà páàrtñéèr"), at("/advisors", "Cóòúùñtrý áàdvíìšóòrš")]);
    // The invited Serbian prosecutor answers.
    const partner = await overflowingInPseudoLanguage(running, "applicant.rs@taf.example", [at("/partnership", "Íìñvíìtáàtíìóòñ")]);
    expect([...lead.overflowing, ...partner.overflowing]).toEqual([]);
    expect([...lead.problems, ...partner.problems]).toEqual([]);
  }, 120_000);
});
