import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import { activityReports, proposals } from "../../db/schema";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId } from "../workflow-server/builders";

// Implementation, on the demo's "drug networks" (Kosovo* Police lead, ongoing) and "foreign
// fighters" (North Macedonia's prosecution office lead, on hold).
const drugNetworks = () => demoProposalId("drugNetworks");
const foreignFighters = () => demoProposalId("foreignFighters");

type Page = Awaited<ReturnType<typeof implementation.loader>>;
type Reply = {
  activityKey: string | null;
  result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null };
  notice: string | null;
  refusal: string | null;
};

const LEAD = "applicant.xk@taf.example";

useDatabase("demo");

const view = async (id: number, email: string) => load(implementation, `/proposals/${id}/implementation`, { cookie: await signInAs(email), params: { proposalId: String(id) } });
const post = async (id: number, email: string, form: Record<string, string>) =>
  submit(implementation, `/proposals/${id}/implementation`, form, { cookie: await signInAs(email), params: { proposalId: String(id) } });
const row = (id: number) => db().select().from(proposals).where(eq(proposals.id, id)).get()!;
const reportsOf = (id: number) => db().select().from(activityReports).where(eq(activityReports.proposalId, id)).all();

const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe("what the page shows", () => {
  it("lists the planned activities, soonest first, with those held so far, to the lead and the partners", async () => {
    const page = (await view(drugNetworks(), LEAD)) as Page;
    expect(page.at.ongoing).toBe(true);
    expect(page.stateLabel).toBe("Implementation: activities running");
    expect(page.canReport).toBe(true);
    expect(page.approvedVersion).toBe(1);
    // The demo's lead reported the first two and planned a training the concept note did not have.
    expect(page.activities.map((a) => [a.key, a.title, a.report?.participants ?? null])).toEqual([
      ["activity-1", "Operational meeting to compare the three investigations", 18],
      ["activity-2", "Eurojust advice on a JIT agreement", 8],
      ["activity-3", "Joint exercise on a controlled delivery across two borders", null],
      [expect.any(String), "Training on Europol's SIENA channel for the investigators", null],
    ]);
    expect(page.heldCount).toBe(2);
    const partner = (await view(drugNetworks(), "applicant.al@taf.example")) as Page;
    expect(partner.canReport).toBe(false);
    expect(partner.canPlan).toBe(false);
    expect(partner.activities).toHaveLength(4);
  });

  it("explains a hold with its reason, and that reporting opens when implementation is ongoing", async () => {
    const page = (await view(foreignFighters(), "applicant.mk@taf.example")) as Page;
    expect(page.at.onHold).toBe(true);
    expect(page.hold?.reason).toBe("The joint training waits for the new legal framework on FTF returnees.");
    expect(page.canReport).toBe(false);
  });

  it("does not exist before implementation, nor for those who may not see the proposal", async () => {
    expect(statusOf(await view(demoProposalId("followTheMoney"), "admin@taf.example"))).toBe(404);
    expect(statusOf(await view(demoProposalId("followTheMoney"), LEAD))).toBe(404);
  });
});

describe("who may report", () => {
  it("refuses reporting on a proposal on hold, with the reason (403), and stores nothing", async () => {
    const result = await post(foreignFighters(), "applicant.mk@taf.example", { intent: "reportActivity", activityKey: "activity-1", heldOn: daysAgo(30), participants: "20", outcome: "Held." });
    expect(statusOf(result)).toBe(403);
    expect(await (result as Response).text()).toBe("No one can submit the implementation report while the proposal is at “Implementation: on hold until the TAF team resumes it”.");
    expect(reportsOf(foreignFighters())).toEqual([]);
  });

  it("refuses partners and the TAF team (403)", async () => {
    const before = reportsOf(drugNetworks());
    for (const email of ["applicant.al@taf.example", "admin@taf.example"]) {
      const result = await post(drugNetworks(), email, { intent: "reportActivity", activityKey: "activity-1", heldOn: daysAgo(40), participants: "18", outcome: "Held." });
      expect(statusOf(result)).toBe(403);
    }
    expect(reportsOf(drugNetworks())).toEqual(before);
  });
});

describe("reporting on implementation", () => {
  it("puts a future date and a bad number beside their fields, keeping what was typed", async () => {
    const before = reportsOf(drugNetworks());
    const reply = (await post(drugNetworks(), LEAD, { intent: "reportActivity", activityKey: "activity-3", heldOn: "2099-01-01", participants: "twenty", outcome: "Went well." })) as Reply;
    expect(reply.activityKey).toBe("activity-3");
    expect(reply.result.error).toMatchObject({
      heldOn: ["Report an activity once it has been held: this date is in the future."],
      participants: ["Give the number of participants as a number."],
    });
    expect(reply.result.initialValue).toMatchObject({ heldOn: "2099-01-01", participants: "twenty", outcome: "Went well." });
    expect(reportsOf(drugNetworks())).toEqual(before);
  });

  it("refuses an activity that is not in the plan", async () => {
    const before = reportsOf(drugNetworks());
    const reply = (await post(drugNetworks(), LEAD, { intent: "reportActivity", activityKey: "activity-9", heldOn: daysAgo(3), participants: "5", outcome: "Held." })) as Reply;
    expect(reply.result.error?.[""]).toEqual(["This activity is not in the plan of this proposal. Reload the page."]);
    expect(reportsOf(drugNetworks())).toEqual(before);
  });

  it("reports an activity as held, and corrects the report: one report per activity", async () => {
    const first = (await post(drugNetworks(), LEAD, { intent: "reportActivity", activityKey: "activity-3", heldOn: daysAgo(2), participants: "23", outcome: "The delivery was followed across both borders." })) as Reply;
    expect(first.notice).toBe("The activity is reported as held.");
    const second = (await post(drugNetworks(), LEAD, { intent: "reportActivity", activityKey: "activity-3", heldOn: daysAgo(2), participants: "24", outcome: "The delivery was followed across both borders; four arrests." })) as Reply;
    expect(second.notice).toBe("The corrected report is sent; the earlier one is kept among the versions.");
    expect(reportsOf(drugNetworks()).filter((r) => r.activityKey === "activity-3")).toEqual([expect.objectContaining({ heldOn: daysAgo(2), participants: 24 })]);

    const page = (await view(drugNetworks(), "applicant.mk@taf.example")) as Page;
    expect(page.heldCount).toBe(3);
    expect(page.activities.find((a) => a.key === "activity-3")?.report).toMatchObject({ participants: 24, outcome: "The delivery was followed across both borders; four arrests." });
    expect(page.activities.find((a) => a.title.startsWith("Training"))?.report).toBeNull();
  });

  it("saves an unfinished completion report; the statechart refuses to submit it and says what is missing", async () => {
    const saved = (await post(drugNetworks(), LEAD, { intent: "saveReport", version: String(row(drugNetworks()).version), outcome: "A shared analysis of the networks.", lessonsLearnt: "" })) as Reply;
    expect(saved.notice).toMatch(/saved/);
    expect(row(drugNetworks()).content.completionReport).toEqual({ outcome: "A shared analysis of the networks.", lessonsLearnt: "" });

    const refused = (await post(drugNetworks(), LEAD, { intent: "submitReport", version: String(row(drugNetworks()).version), outcome: "A shared analysis of the networks.", lessonsLearnt: "" })) as Reply;
    expect(refused.refusal).toBe("These required parts are not answered: Lessons learnt.");
    expect(row(drugNetworks()).state).toBe("implementation.active.ongoing");
  });

  it("tells the lead to reload when the proposal changed since the page was opened", async () => {
    const before = row(drugNetworks());
    const reply = (await post(drugNetworks(), LEAD, { intent: "saveReport", version: String(before.version - 1), outcome: "Overwritten?", lessonsLearnt: "" })) as Reply;
    expect(reply.result.error?.[""]?.[0]).toMatch(/Someone else changed this proposal/);
    expect(row(drugNetworks())).toEqual(before);
  });

  it("submits the completion report: report submitted, and reporting closes", async () => {
    const before = reportsOf(drugNetworks());
    const reply = (await post(drugNetworks(), LEAD, {
      intent: "submitReport",
      version: String(row(drugNetworks()).version),
      outcome: "A shared analysis of the networks and a signed JIT agreement between the three countries.",
      lessonsLearnt: "Plan the legal advice before the first operational meeting, not after it.",
    })) as Reply;
    expect(reply.notice).toMatch(/submitted/);
    expect(row(drugNetworks()).state).toBe("implementation.active.reportSubmitted");
    expect(row(drugNetworks()).content.completionReport).toMatchObject({ lessonsLearnt: "Plan the legal advice before the first operational meeting, not after it." });

    const page = (await view(drugNetworks(), LEAD)) as Page;
    expect(page.stateLabel).toBe("Completion report: waiting for the TAF team");
    expect(page.canReport).toBe(false);
    const late = await post(drugNetworks(), LEAD, { intent: "reportActivity", activityKey: "activity-3", heldOn: daysAgo(2), participants: "8", outcome: "Held." });
    expect(statusOf(late)).toBe(403);
    expect(reportsOf(drugNetworks())).toEqual(before);
  });
});
