import { describe, expect, it } from "vitest";
import { overflowingInPseudoLanguage, portalAndBrowser, proposalUrlByTitle } from "./support";

// Implementation, attachments, deadlines and departures in the pseudo-language, longer than any
// real one: as the lead of an ongoing proposal reports on it and the lead of a draft attaches
// files, and as an administrator moves a deadline and records a departure.

const running = portalAndBrowser({ PSEUDO_LANGUAGE: "true" });

const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";
const FOLLOW_THE_MONEY = "Following the money: financial investigations of migrant-smuggling networks";
const CYBERCRIME = "Cybercrime: cross-border electronic evidence";

describe("implementation, attachments, deadlines and departures in a longer pseudo-language", () => {
  it("fit a 390 px phone and a 1280 px screen", async () => {
    const lead = await overflowingInPseudoLanguage(running, "applicant.xk@taf.example", [
      { at: proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/implementation"), expected: "[Cóòmpléètíìóòñ réèpóòrt]" },
      { at: proposalUrlByTitle(running.portal, CYBERCRIME, "/attachments"), expected: "[ÁÀdd áàñ áàttáàçhméèñt]" },
    ]);
    const team = await overflowingInPseudoLanguage(running, "admin@taf.example", [
      { at: proposalUrlByTitle(running.portal, FOLLOW_THE_MONEY, "/deadlines"), expected: "[Móòvéè áà déèáàdlíìñéè]" },
      { at: proposalUrlByTitle(running.portal, DRUG_NETWORKS, "/departures"), expected: "[Páàrtñéèrš tháàt léèft]" },
    ]);
    expect([...lead.overflowing, ...team.overflowing]).toEqual([]);
    expect([...lead.problems, ...team.problems]).toEqual([]);
  }, 180_000);
});
