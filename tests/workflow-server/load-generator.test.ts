import { count, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { connection, db } from "../../app/db.server";
import { generateLoad } from "../../app/load/generate.server";
import { replayHistory } from "../../app/proposals/workflow.server";
import { institutions, memberships, outbox, proposalEvents, proposals, proposalVersions, reviews } from "../../db/schema";
import { COUNTRY_CODES } from "../../workflows/countries";
import { FINAL_STATES, statesWithin } from "../../workflows/proposal-stages";
import { restoreProposal, statePath } from "../../workflows/proposal.machine";
import { DEMO_NOW } from "../support/clock";
import { useDatabase } from "../support/database";

// The generator behind the benchmark: a programme at scale, put in place through the workflow.
// A small one here (the benchmark makes 1,000 to 100,000): every stage, every country, and
// every stored snapshot one the current machine restores, agreeing with its own history.

useDatabase("empty");

const PROPOSALS = 60;

it("fills a database with every stage of the statechart, through the workflow", async () => {
  const summary = await generateLoad(db(), { proposals: PROPOSALS, now: DEMO_NOW });

  const byState = Object.fromEntries(db().select({ state: proposals.state, n: count() }).from(proposals).groupBy(proposals.state).all().map(({ state, n }) => [state, n]));
  expect(byState).toEqual(summary.byState);
  expect(Object.values(byState).reduce((sum, n) => sum + n, 0)).toBe(PROPOSALS);
  // Every stage a programme shows: drafts, the desk, the EU review, the concept, implementation, and endings.
  for (const stage of ["draft", "eligibility", "euReview", "conceptualWork", "implementation", "completed", "notSelected", "ineligible", "withdrawn"] as const) {
    expect(statesWithin(stage).some((path) => (byState[path] ?? 0) > 0), stage).toBe(true);
  }
  expect(FINAL_STATES.filter((path) => byState[path]).length).toBeGreaterThanOrEqual(4);

  expect(summary.institutions).toBe(300);
  const perCountry = db().select({ country: institutions.countryCode, n: count() }).from(institutions).groupBy(institutions.countryCode).all();
  expect(perCountry.map((row) => row.country).sort()).toEqual([...COUNTRY_CODES].sort());
  expect(db().select({ n: count() }).from(memberships).get()?.n).toBe(2000);
  expect(summary.accounts.reviewers.length).toBeGreaterThan(10);

  // What the workflow leaves beside the state: history, frozen versions, reviews, mail.
  const submittedProposals = PROPOSALS - (byState.draft ?? 0);
  expect(db().select({ n: count() }).from(proposalVersions).where(eq(proposalVersions.kind, "proposal")).get()?.n).toBe(submittedProposals);
  expect(db().select({ n: count() }).from(proposalEvents).get()?.n).toBeGreaterThan(PROPOSALS * 3);
  expect(db().select({ n: count() }).from(reviews).get()?.n).toBeGreaterThan(0);
  expect(db().select({ n: count() }).from(outbox).get()?.n).toBeGreaterThan(PROPOSALS);
  expect(db().select({ n: count() }).from(outbox).where(eq(outbox.status, "pending")).get()?.n).toBe(0);

  // The bulk-load settings are undone: a portal started on this file shares it in WAL mode, durably.
  expect(connection().sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
  expect(connection().sqlite.pragma("synchronous", { simple: true })).toBe(1);

  for (const row of db().select({ id: proposals.id, state: proposals.state, snapshot: proposals.snapshot, machineVersion: proposals.machineVersion }).from(proposals).all()) {
    const restored = restoreProposal(row.snapshot, row.machineVersion);
    expect(statePath(restored), `proposal ${row.id}`).toBe(row.state);
    expect(replayHistory(row.id)?.value, `history of proposal ${row.id}`).toEqual(restored.value);
  }
}, 120_000);

