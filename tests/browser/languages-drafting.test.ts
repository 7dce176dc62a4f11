import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser, proposalUrlByTitle } from "./support";

// Drafting and submitting in the pseudo-language, longer than any real one: starting a proposal
// with the round's guide, the draft form with its word counts and save status, the preview with
// what stands in the way, and the comments.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const CYBERCRIME = "Cybercrime: cross-border electronic evidence";

describe("drafting and submitting in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const { overflowing, problems } = await overflowingInPseudoLanguage(running, "applicant.xk@taf.example", [
      { at: "/proposals/new", expected: "[Stáàrt áà próòpóòšáàl]" },
      { at: proposalUrlByTitle(running.portal, CYBERCRIME, "/edit"), expected: "[1. Théè íìdéèáà]" },
      { at: proposalUrlByTitle(running.portal, CYBERCRIME, "/submit"), expected: "[Béèfóòréè ýóòúù çáàñ šúùbmíìt]" },
      { at: proposalUrlByTitle(running.portal, CYBERCRIME, "/comments"), expected: "[Wríìtéè áà çóòmméèñt]" },
    ]);
    expect(overflowing).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});
