import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import { formatDay } from "../../workflows/time";
import { proposalVersions } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs, submit } from "../support/http";
import { demoProposalId } from "../workflow-server/builders";

// Dates that make no sense get a clear answer beside the field (issue 10): an activity held
// before implementation started. (An intended start in the past: guidance.test.ts; an end before
// a start: activities.test.ts and admin-rounds.test.ts.) On the demo's "drug networks", whose
// implementation started 45 days ago.

const LEAD = "applicant.xk@taf.example";
type Reply = { notice: string | null; result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null } };

useDatabase("demo");

const drugNetworks = () => demoProposalId("drugNetworks");
const params = () => ({ proposalId: String(drugNetworks()) });
const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
const post = async (form: Record<string, string>) =>
  (await submit(implementation, `/proposals/${drugNetworks()}/implementation`, form, { cookie: await signInAs(LEAD), params: params() })) as Reply;
const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
async function startedOn() {
  const page = (await load(implementation, `/proposals/${drugNetworks()}/implementation`, { cookie: await signInAs(LEAD), params: params() })) as Awaited<ReturnType<typeof implementation.loader>>;
  return page.startedOn!;
}
const reports = () => db().select().from(proposalVersions).where(and(eq(proposalVersions.proposalId, drugNetworks()), eq(proposalVersions.kind, "activityReport"))).all();

describe("an activity report", () => {
  it("knows the day implementation started (the demo's START, 45 days ago in Brussels)", async () => {
    expect([daysAgo(46), daysAgo(45), daysAgo(44)]).toContain(await startedOn());
  });

  it("refuses an activity held before implementation started, keeping what was typed and sending nothing", async () => {
    const started = await startedOn();
    const before = reports().length;
    const reply = await post({ intent: "reportActivity", activityKey: "activity-3", heldOn: dayBefore(started), participants: "20", outcome: "Held early." });
    expect(reply.result.error?.heldOn).toEqual([`Implementation started on ${formatDay(started)}: an activity held before that day is not part of it. Check the date.`]);
    expect(reply.result.initialValue).toMatchObject({ heldOn: dayBefore(started), outcome: "Held early." });
    expect(reports()).toHaveLength(before);
  });

  it("takes an activity held on the day implementation started", async () => {
    const before = reports().length;
    const reply = await post({ intent: "reportActivity", activityKey: "activity-3", heldOn: await startedOn(), participants: "20", outcome: "Held on the first day." });
    expect(reply.result.error ?? null).toBeNull();
    expect(reports()).toHaveLength(before + 1);
  });
});
