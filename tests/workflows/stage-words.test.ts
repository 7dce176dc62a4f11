import { inEnglish } from "../../workflows/in-english";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/auth/session.server";
import { stageAudienceOf } from "../../app/permissions.server";
import type { Role } from "../../workflows/actors";
import { stageLabelFor, stageWordsFor, statesWithin } from "../../workflows/proposal-stages";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { proposalMachine } from "../../workflows/proposal.machine";

// Every stage a proposal can be at has words for everyone who looks at it, and the TAF team is
// spoken to as "you", never as "the TAF team".

const everyState = statesWithin(...(Object.keys(proposalMachine.root.states) as ProposalStatePath[]));

function person(role: Role, institutionId: number | null = null): SessionUser {
  return { id: 1, email: `${role}@taf.example`, name: role, sessionId: 1, owesSecondFactor: false, memberships: [{ role, institutionId } as SessionUser["memberships"][number]] };
}

const viewers = {
  lead: person("applicant", 1),
  partner: person("applicant", 2),
  reviewer: person("reviewer"),
  countryAdvisor: person("countryAdvisor"),
  administrator: person("administrator"),
};

describe("the words of each stage, for each person", () => {
  it("covers every state a proposal can be stored at", () => {
    expect(everyState).toContain("implementation.onHold");
    expect(everyState).toContain("implementationCancelled");
    expect(everyState.length).toBeGreaterThanOrEqual(17);
  });

  for (const [who, user] of Object.entries(viewers)) {
    it(`gives the ${who} a label and a sentence at every stage`, () => {
      for (const path of everyState) {
        expect(stageLabelFor(path, stageAudienceOf(user), inEnglish), path).not.toBe(path);
        expect(stageWordsFor(path, stageAudienceOf(user), inEnglish).length, path).toBeGreaterThan(10);
      }
    });
  }

  it("speaks to the TAF team as you, never as the TAF team", () => {
    const audience = stageAudienceOf(viewers.administrator);
    for (const path of everyState) {
      expect(stageLabelFor(path, audience, inEnglish), path).not.toMatch(/TAF team/i);
      expect(stageWordsFor(path, audience, inEnglish), path).not.toMatch(/TAF team/i);
    }
    expect(stageLabelFor("implementation.onHold", audience, inEnglish)).toBe("Implementation: on hold until you resume it");
    expect(stageWordsFor("implementation.onHold", audience, inEnglish)).toMatch(/^On hold: resume it when/);
    // Everyone else still reads who they wait for.
    expect(stageLabelFor("implementation.onHold", stageAudienceOf(viewers.lead), inEnglish)).toBe("Implementation: on hold until the TAF team resumes it");
    expect(stageLabelFor("eligibility.awaitingDecision", stageAudienceOf(viewers.reviewer), inEnglish)).toBe("Eligibility: waiting for the TAF team");
  });

  it("picks the TAF team's words for an administrator who is also an applicant", () => {
    const both = { ...viewers.administrator, memberships: [...viewers.lead.memberships, ...viewers.administrator.memberships] };
    expect(stageAudienceOf(both)).toBe("tafTeam");
  });
});
