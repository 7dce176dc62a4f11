import { inEnglish } from "../../workflows/in-english";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { applyRoundCommand } from "../../app/rounds/workflow.server";
import { eligibilityChecks, rounds } from "../../db/schema";
import { SYSTEM_ACTOR } from "../../workflows/actors";
import { defaultWording } from "../../workflows/eligibility";
import { formatBrussels } from "../../workflows/time";
import { useDatabase } from "../support/database";
import { actorFor, at, DAY, HOUR, leadApplicant, makeProposal, makeRound, proposalRow, refused, rowCounts, T0 } from "./builders";

// A round's eligibility rules on a database: SUBMIT and the automatic check read the round's
// stored settings, a submission in the grace period is stored as late and its check asks a
// person, and a stored setting that cannot be read stops the work with an error naming the round.

useDatabase("demo");

type Result = { id: string; label: string; outcome: string; reason: string };

function latestCheck(proposalId: number) {
  const check = db().select().from(eligibilityChecks).where(eq(eligibilityChecks.proposalId, proposalId)).orderBy(desc(eligibilityChecks.id)).get()!;
  return { overall: check.overall, results: check.results as Result[] };
}

function submitAt(proposalId: number, now = T0) {
  return applyProposalCommand({ proposalId, actor: leadApplicant(), command: { type: "SUBMIT" }, now });
}

describe("a round's eligibility rules, applied", () => {
  it("take a submission in the grace period after the round has closed, mark it late and ask a person about the window", () => {
    const round = makeRound({ closesAt: at(-3 * HOUR), settings: { graceHours: 6 } });
    const closed = applyRoundCommand({ roundId: round.id, actor: SYSTEM_ACTOR, command: { type: "CLOSE" }, now: at(-3 * HOUR) });
    expect(closed.ok).toBe(true);
    const { id } = makeProposal({ round });

    expect(submitAt(id)).toMatchObject({ ok: true, state: "eligibility.awaitingDecision" });
    expect(proposalRow(id).submittedLate).toBe(true);
    const check = latestCheck(id);
    expect(check.overall).toBe("needsPerson");
    expect(check.results.find((r) => r.id === "insideWindow")).toMatchObject({
      id: "insideWindow",
      label: defaultWording("insideWindow", 2, inEnglish).name,
      outcome: "needsPerson",
      reason: `Submitted on ${formatBrussels(T0)}, 3 hours late, within the grace period of 6 hours after the deadline of ${formatBrussels(at(-3 * HOUR))}: a person decides whether to accept it.`,
    });
  });

  it("refuse a submission once the grace period has ended, and write nothing", () => {
    const round = makeRound({ closesAt: at(-7 * HOUR), settings: { graceHours: 6 } });
    applyRoundCommand({ roundId: round.id, actor: SYSTEM_ACTOR, command: { type: "CLOSE" }, now: at(-7 * HOUR) });
    const { id } = makeProposal({ round });
    expect(refused(id, leadApplicant(), { type: "SUBMIT" }).message).toBe("The round is closed, not open.");
  });

  it("give no grace period after a deadline the TAF team closed the round before", () => {
    const round = makeRound({ closesAt: at(-3 * HOUR), settings: { graceHours: 6 } });
    const admin = actorFor("admin@taf.example");
    expect(applyRoundCommand({ roundId: round.id, actor: admin, command: { type: "CLOSE" }, now: at(-2 * DAY) }).ok).toBe(true);
    const { id } = makeProposal({ round });
    // Three hours after the deadline, inside what would have been its grace period.
    expect(refused(id, leadApplicant(), { type: "SUBMIT" }).message).toBe("The round is closed, not open.");
    expect(proposalRow(id).submittedAt).toBeNull();
  });

  it("keep the grace period after a deadline the round reached open, closed by hand once it had passed", () => {
    const round = makeRound({ closesAt: at(-3 * HOUR), settings: { graceHours: 6 } });
    const admin = actorFor("admin@taf.example");
    expect(applyRoundCommand({ roundId: round.id, actor: admin, command: { type: "CLOSE" }, now: at(-2 * HOUR) }).ok).toBe(true);
    const { id } = makeProposal({ round });
    expect(submitAt(id)).toMatchObject({ ok: true, state: "eligibility.awaitingDecision" });
    expect(proposalRow(id).submittedLate).toBe(true);
  });

  it("give a round closed early and reopened the grace period of its new deadline", () => {
    const round = makeRound({ closesAt: at(2 * DAY), settings: { graceHours: 6 } });
    const admin = actorFor("admin@taf.example");
    expect(applyRoundCommand({ roundId: round.id, actor: admin, command: { type: "CLOSE" }, now: at(-2 * DAY) }).ok).toBe(true);
    const reopened = applyRoundCommand({ roundId: round.id, actor: admin, command: { type: "REOPEN", closesAt: at(-3 * HOUR), reason: "More time for the partners." }, now: at(-DAY) });
    expect(reopened.ok).toBe(true);
    expect(applyRoundCommand({ roundId: round.id, actor: SYSTEM_ACTOR, command: { type: "CLOSE" }, now: at(-3 * HOUR) }).ok).toBe(true);
    const { id } = makeProposal({ round });
    expect(submitAt(id)).toMatchObject({ ok: true, state: "eligibility.awaitingDecision" });
    expect(proposalRow(id).submittedLate).toBe(true);
  });

  it("leave a submission before the deadline unmarked", () => {
    const { id } = makeProposal({ round: makeRound({ settings: { graceHours: 6 } }) });
    expect(submitAt(id).ok).toBe(true);
    expect(proposalRow(id).submittedLate).toBe(false);
    expect(latestCheck(id).overall).toBe("passed");
  });

  it("check only the criteria the round applies, named in its words, with its number of countries", () => {
    const round = makeRound({
      settings: {
        criteria: ["joint", "linkedToSocOrCt", "complete"],
        criterionWording: { complete: { name: "Every part answered", guidance: "" } },
        minimumCountries: 3,
      },
    });
    const { id } = makeProposal({ round });
    expect(refused(id, leadApplicant(), { type: "SUBMIT" }).message).toBe(
      "Institutions from at least three Western Balkan countries must have confirmed (only Albania and Kosovo* so far).",
    );

    const singleCountry = makeRound({ settings: { criteria: ["linkedToSocOrCt", "complete"], criterionWording: { complete: { name: "Every part answered", guidance: "" } } } });
    const alone = makeProposal({ round: singleCountry, partners: [] });
    expect(submitAt(alone.id).ok).toBe(true);
    expect(latestCheck(alone.id).results.map((r) => [r.id, r.label, r.outcome])).toEqual([
      ["linkedToSocOrCt", defaultWording("linkedToSocOrCt", 2, inEnglish).name, "passed"],
      ["complete", "Every part answered", "passed"],
    ]);
  });

  it("that cannot be read stop a submission with an error naming the round and the setting, and nothing changes", () => {
    const round = makeRound();
    const { id } = makeProposal({ round });
    const counts = rowCounts();
    const before = proposalRow(id);
    db().update(rounds).set({ settings: { graceHours: "a day" } }).where(eq(rounds.id, round.id)).run();
    expect(() => submitAt(id)).toThrow(`Round ${round.code}: settings cannot be read: graceHours must be a whole number from 0 to 72`);
    db().update(rounds).set({ settings: { criterionWording: { luck: { name: "Lucky", guidance: "" } }, minimumCountries: 1 } }).where(eq(rounds.id, round.id)).run();
    expect(() => submitAt(id)).toThrow(`Round ${round.code}: settings cannot be read: criterionWording.luck`);
    expect(() => submitAt(id)).toThrow("minimumCountries must be a whole number from 2 to 6");
    expect(rowCounts()).toEqual(counts);
    expect(proposalRow(id)).toEqual(before);
  });
});
