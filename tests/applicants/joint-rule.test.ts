import { inEnglish } from "../../workflows/in-english";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { beforeEach, describe, expect, it } from "vitest";
import { JointBadge } from "../../app/components/joint-badge";
import * as proposalRoute from "../../app/routes/proposals.$proposalId._index";
import * as partnersRoute from "../../app/routes/proposals.$proposalId.partners";
import * as submitRoute from "../../app/routes/proposals.$proposalId.submit";
import type { JointRule } from "../../workflows/joint-rule";
import { jointRuleInWords } from "../../workflows/eligibility";
import { useDatabase } from "../support/database";
import { load, signInAs } from "../support/http";
import { makeProposal, makeRound } from "../workflow-server/builders";

// "Not joint yet" is a warning only where the round asks for a joint proposal, with the round's
// own number of countries: on the proposal page, before submitting, on the partners page.

useDatabase("demo");

let cookie = "";
beforeEach(async () => {
  cookie = await signInAs("applicant.xk@taf.example");
});

type Page = { jointRule: JointRule; isJoint: boolean };
const pages = async (proposalId: number) => {
  const options = { cookie, params: { proposalId: String(proposalId) } };
  return [
    (await load(proposalRoute, `/proposals/${proposalId}`, options)) as Page,
    (await load(submitRoute, `/proposals/${proposalId}/submit`, options)) as Page,
    (await load(partnersRoute, `/proposals/${proposalId}/partners`, options)) as Page,
  ];
};
const badge = (countries: number, rule: JointRule) => renderToStaticMarkup(createElement(JointBadge, { countries, rule }));

describe("the joint badge", () => {
  it("says a single-country proposal is enough in a round that switched the joint criterion off", async () => {
    const round = makeRound({ settings: { criteria: ["eligibleInstitutions", "linkedToSocOrCt", "insideWindow", "complete"] } });
    const { id } = makeProposal({ round, partners: [] });
    for (const page of await pages(id)) {
      expect(page.jointRule).toEqual({ required: false, minimumCountries: 2 });
      expect(page.isJoint).toBe(false);
    }
    expect(badge(1, { required: false, minimumCountries: 2 })).toContain("one country is enough in this round");
    expect(badge(1, { required: false, minimumCountries: 2 })).not.toContain("not joint yet");
    expect(jointRuleInWords({ required: false, minimumCountries: 2 }, inEnglish)).toMatch(/^This round does not ask for a joint proposal/);
  });

  it("asks for the round's own number of countries where it applies", async () => {
    const round = makeRound({ settings: { minimumCountries: 3 } });
    const { id } = makeProposal({ round });
    for (const page of await pages(id)) {
      expect(page.jointRule).toEqual({ required: true, minimumCountries: 3 });
      expect(page.isJoint).toBe(false);
    }
    expect(badge(2, { required: true, minimumCountries: 3 })).toContain("not joint yet: needs confirmed institutions from three countries");
    expect(badge(3, { required: true, minimumCountries: 3 })).toContain(">joint<");
    expect(jointRuleInWords({ required: true, minimumCountries: 3 }, inEnglish)).toBe("A proposal is joint when confirmed institutions from at least three Western Balkan countries stand behind it.");
  });
});
