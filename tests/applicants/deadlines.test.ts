import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as deadlinesRoute from "../../app/routes/proposals.$proposalId.deadlines";
import * as proposalRoute from "../../app/routes/proposals.$proposalId._index";
import { auditLog, proposalDeadlines } from "../../db/schema";
import { formatBrussels, fromBrusselsTime, toBrusselsTime } from "../../workflows/time";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { demoProposalId } from "../workflow-server/builders";

// The deadlines page of the demo's proposal in implementation (Kosovo* Police lead, Albania and
// North Macedonia partners): the applicants read how long is left, the TAF team moves a date.

useDatabase("demo");

const cookies: Record<string, string> = {};
beforeEach(async () => {
  for (const who of ["applicant.xk", "applicant.al", "admin"]) cookies[who] = await signInAs(`${who}@taf.example`);
});

const drugNetworks = () => demoProposalId("drugNetworks");
const options = (who: string) => ({ cookie: cookies[who]!, params: { proposalId: String(drugNetworks()) } });
const path = () => `/proposals/${drugNetworks()}/deadlines`;
const completion = () =>
  db().select().from(proposalDeadlines).where(and(eq(proposalDeadlines.proposalId, drugNetworks()), eq(proposalDeadlines.kind, "completionReport"))).get()!;

type Page = { deadlines: { kind: string; label: string; timeLeft: string; open: boolean; extension: { reason: string } | null }[]; movable: { kind: string; dueInput: string }[] };
type Reply = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

describe("the deadlines of a proposal in implementation", () => {
  it("the applicants read each deadline with the time left, on the proposal page too, and may not move one", async () => {
    const page = (await load(deadlinesRoute, path(), options("applicant.al"))) as Page;
    expect(page.deadlines.map((d) => d.label)).toEqual(["Concept note due", "Activity reports due", "Completion report due"]);
    expect(page.deadlines.find((d) => d.kind === "completionReport")).toMatchObject({ open: true, timeLeft: expect.stringMatching(/^\d+ days? left$|^due today$/) });
    expect(page.movable).toEqual([]);
    const proposalPage = (await load(proposalRoute, `/proposals/${drugNetworks()}`, options("applicant.xk"))) as { deadlines: { label: string }[]; links: { label: string }[] };
    expect(proposalPage.deadlines.map((d) => d.label)).toEqual(["Activity reports due", "Completion report due"]);
    expect(proposalPage.links.map((l) => l.label)).toContain("Deadlines");

    const before = completion();
    const refused = await submit(deadlinesRoute, path(), { kind: "completionReport", dueAt: "2030-01-15T17:00", reason: "We need more time." }, options("applicant.xk"));
    expect(statusOf(refused)).toBe(403);
    expect(completion()).toEqual(before);
  });

  it("an administrator moves the completion report by a month: the applicants read why, and the audit log keeps it", async () => {
    const page = (await load(deadlinesRoute, path(), options("admin"))) as Page;
    expect(page.movable.map((d) => d.kind)).toEqual(["activityReports", "completionReport"]);
    const later = new Date(completion().dueAt.getTime() + 30 * 24 * 60 * 60 * 1000);
    const result = await submit(deadlinesRoute, path(), { kind: "completionReport", dueAt: toBrusselsTime(later), reason: "The final workshop moved to spring." }, options("admin"));
    expect(statusOf(result)).toBe(302);
    const moved = fromBrusselsTime(toBrusselsTime(later));
    expect(moved.ok && completion().dueAt).toEqual(moved.ok && moved.instant);
    expect((result as Response).headers.get("Location")).toBe(`${path()}?moved=${encodeURIComponent(formatBrussels(completion().dueAt))}`);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.deadlineExtended")).all()).toHaveLength(1);
    const read = (await load(deadlinesRoute, path(), options("applicant.al"))) as Page;
    expect(read.deadlines.find((d) => d.kind === "completionReport")!.extension).toMatchObject({ reason: "The final workshop moved to spring." });
  });

  it("refuses an earlier date, a time that does not exist and a missing reason, keeping what was typed and changing nothing", async () => {
    const before = completion();
    const earlier = (await submit(deadlinesRoute, path(), { kind: "completionReport", dueAt: toBrusselsTime(new Date(before.dueAt.getTime() - 60 * 60 * 1000)), reason: "Sooner." }, options("admin"))) as Reply;
    expect(earlier.result.error?.[""]).toEqual([`The new deadline must be later than the current one, ${formatBrussels(before.dueAt)}.`]);
    expect(earlier.result.initialValue).toMatchObject({ reason: "Sooner." });
    const skipped = (await submit(deadlinesRoute, path(), { kind: "completionReport", dueAt: "2030-03-31T02:30", reason: "Spring." }, options("admin"))) as Reply;
    expect(skipped.result.error?.dueAt).toEqual(["This time does not exist in Brussels (the clocks go forward that night). Choose another time."]);
    const unexplained = (await submit(deadlinesRoute, path(), { kind: "completionReport", dueAt: "2030-01-15T17:00", reason: "  " }, options("admin"))) as Reply;
    expect(unexplained.result.error?.reason).toEqual(["Give the reason for moving the deadline."]);
    const notOwed = (await submit(deadlinesRoute, path(), { kind: "conceptNote", dueAt: "2030-01-15T17:00", reason: "Late." }, options("admin"))) as Reply;
    expect(notOwed.result.error?.[""]).toEqual(["The concept note is not owed now, so its deadline cannot be moved."]);
    expect(completion()).toEqual(before);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "proposal.deadlineExtended")).all()).toEqual([]);
  });
});
