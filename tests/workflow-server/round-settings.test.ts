import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { loadDemoData } from "../../app/demo/demo.server";
import { limitsOfProposal } from "../../app/proposals/drafting.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import { roundSettings } from "../../app/rounds/workflow.server";
import { rounds } from "../../db/schema";
import { admin, assignReviewers, driveTo, makeProposal, makeRound, proposalRow, T0 } from "./builders";

// A round's settings feed the statechart's guards (how many reviews a decision needs) and the
// proposals' limits: a setting that cannot be read stops the work on that round with an error
// naming it, instead of quietly applying a default nobody chose.

beforeAll(async () => {
  await loadDemoData(db());
});

function storeSettings(roundId: number, settings: Record<string, unknown>) {
  db().update(rounds).set({ settings }).where(eq(rounds.id, roundId)).run();
}

describe("a round's settings", () => {
  it("take the defaults for every setting that is missing", () => {
    expect(roundSettings({ code: "TAF-2026-R2", settings: {} })).toMatchObject({
      minimumReviews: 2,
      reviewDays: 14,
      limits: { maxBudgetEur: 150_000, words: { summary: 150 } },
    });
    expect(roundSettings({ code: "TAF-2026-R2", settings: { minimumReviews: 3, limits: { words: { summary: 80 } } } })).toMatchObject({
      minimumReviews: 3,
      limits: { maxDurationMonths: 24, words: { summary: 80, problem: 400 } },
    });
  });

  it("that cannot be read are an error naming the round and the setting", () => {
    expect(() => roundSettings({ code: "TAF-2026-R2", settings: { minimumReviews: "three" } })).toThrow(
      "Round TAF-2026-R2: settings cannot be read: minimumReviews must be a whole number from 1 to 10",
    );
    expect(() => roundSettings({ code: "TAF-2026-R2", settings: { limits: { words: { summary: 2 } }, criteria: ["joint", "luck"] } })).toThrow(
      "Round TAF-2026-R2: settings cannot be read: criteria.1 must be one of joint, eligibleInstitutions, linkedToSocOrCt, insideWindow, complete; limits.words.summary must be a whole number from 10 to 5,000",
    );
  });

  it("that cannot be read stop a review from starting instead of counting against a default", () => {
    const round = makeRound();
    const id = driveTo("awaitingReviewers", { round });
    assignReviewers(id, ["reviewer.eu@taf.example", "reviewer.expert@taf.example"]);
    storeSettings(round.id, { minimumReviews: 0 });
    const before = proposalRow(id);
    expect(() => applyProposalCommand({ proposalId: id, expectedVersion: before.version, actor: admin(), command: { type: "START_REVIEW" }, now: T0 })).toThrow(
      `Round ${round.code}: settings cannot be read: minimumReviews must be a whole number from 1 to 10`,
    );
    expect(proposalRow(id)).toEqual(before);
  });

  it("that cannot be read keep a draft's form from being checked against default limits", () => {
    const round = makeRound();
    const { id } = makeProposal({ round });
    storeSettings(round.id, { limits: { maxBudgetEur: "plenty" } });
    expect(() => limitsOfProposal(id)).toThrow(`Round ${round.code}: settings cannot be read: limits.maxBudgetEur must be a whole number from 1,000 to 10,000,000`);
  });
});
