import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import * as dashboardRoute from "../../app/routes/admin.dashboard";
import { activities, activityParticipants, proposalEvents, proposalPartners, proposals } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs } from "../support/http";
import { periodSummary } from "../../workflows/reporting-words";
import { inEnglish } from "../../workflows/in-english";
import { demoProposalId, roundIdByCode } from "../workflow-server/builders";

// The dashboard page: its filters from the address, what a country advisor is shown, and that it
// costs the same statements with 14 proposals and with 200.

useDatabase("demo");

type Dashboard = Awaited<ReturnType<typeof dashboardRoute.loader>>;

async function dashboard(search = "", email = "admin@taf.example") {
  return (await load(dashboardRoute, `/admin/dashboard${search}`, { cookie: await signInAs(email) })) as Dashboard;
}

describe("the dashboard", () => {
  it("shows every round's line, and only the rounds ticked", async () => {
    const all = await dashboard();
    expect(all.figures.rounds.map((round) => round.code)).toEqual(["2026-R1", "2026-R2"]);
    expect(periodSummary(all.figures.rounds[0]!, inEnglish)).toBe("5 proposals from 6 countries; 1 stood out, 3 more promising");
    expect(all.filtered).toBe(false);

    const first = await dashboard(`?round=${roundIdByCode("2026-R1")}`);
    expect(first.filtered).toBe(true);
    expect(first.figures.rounds.map((round) => round.code)).toEqual(["2026-R1"]);
    expect(first.figures.overall.funnel.submitted).toBe(5);
    expect(first.typed.round).toEqual([String(roundIdByCode("2026-R1"))]);
  });

  it("counts the days of the period on the Brussels calendar, both ends included", async () => {
    const submitted = db().select({ at: proposals.submittedAt }).from(proposals).where(eq(proposals.id, demoProposalId("drugNetworks"))).get()!.at!;
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(submitted);
    const only = await dashboard(`?from=${day}&to=${day}`);
    expect(only.figures.overall.funnel.submitted).toBeGreaterThanOrEqual(1);
    const before = await dashboard(`?to=${day}`);
    const after = await dashboard(`?from=${day}`);
    const all = await dashboard();
    // The day itself is in both halves.
    expect(before.figures.overall.funnel.submitted + after.figures.overall.funnel.submitted - only.figures.overall.funnel.submitted).toBe(all.figures.overall.funnel.submitted);
  });

  it("says what it cannot read, keeps it in the form and shows the unfiltered figures", async () => {
    const page = await dashboard("?from=2026-02-30&to=last+week");
    expect(page.problems).toEqual(["The first day is not a date on the calendar.", "Write the date as YYYY-MM-DD, for example 2026-10-15."]);
    expect(page.typed).toMatchObject({ from: "2026-02-30", to: "last week" });
    expect(page.filtered).toBe(false);
    expect(page.figures.overall.funnel.submitted).toBe((await dashboard()).figures.overall.funnel.submitted);
    expect((await dashboard("?from=2026-03-02&to=2026-03-01")).problems).toEqual(["The first day comes after the last day."]);
  });

  it("lists every month from the first activity to the last, the empty ones as zeros", async () => {
    const { months } = (await dashboard()).figures;
    expect(months.length).toBeGreaterThan(2);
    for (let i = 1; i < months.length; i++) {
      const previous = new Date(`${months[i - 1]!.month}-01T00:00:00Z`);
      previous.setUTCMonth(previous.getUTCMonth() + 1);
      expect(months[i]!.month).toBe(previous.toISOString().slice(0, 7));
    }
    expect(months.some((m) => m.planned === 0 && m.held === 0)).toBe(true);
  });

  it("shows a country advisor their country's part, and says so", async () => {
    const advisor = await dashboard("", "advisor.mk@taf.example");
    expect(advisor.advising).toEqual(["North Macedonia"]);
    const mk = (await dashboard()).figures.countries.find((c) => c.code === "MK")!;
    expect(advisor.figures.overall.funnel.submitted).toBe(mk.takingPart);
    expect(advisor.figures.countries.find((c) => c.code === "MK")!.takingPart).toBe(mk.takingPart);
  });

  /** Copies of a demo proposal being implemented, with its partners, history and activities. */
  function addProposals(n: number) {
    const model = demoProposalId("drugNetworks");
    const row = db().select().from(proposals).where(eq(proposals.id, model)).get()!;
    const partners = db().select().from(proposalPartners).where(eq(proposalPartners.proposalId, model)).all();
    const events = db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, model)).all();
    const planned = db().select().from(activities).where(eq(activities.proposalId, model)).all();
    const participants = db().select().from(activityParticipants).all();
    db().transaction((tx) => {
      for (let i = 0; i < n; i++) {
        const { id: _, reference: __, ...copy } = row;
        const added = tx.insert(proposals).values({ ...copy, title: `Counted copy ${i}` }).returning().get();
        for (const { id: ___, ...partner } of partners) tx.insert(proposalPartners).values({ ...partner, proposalId: added.id }).run();
        for (const { id: ___, ...event } of events) tx.insert(proposalEvents).values({ ...event, proposalId: added.id }).run();
        for (const { id: activityId, ...activity } of planned) {
          const { id } = tx.insert(activities).values({ ...activity, proposalId: added.id }).returning().get();
          for (const p of participants.filter((p) => p.activityId === activityId)) tx.insert(activityParticipants).values({ ...p, activityId: id }).run();
        }
      }
    });
  }

  async function statements() {
    const cookie = await signInAs("admin@taf.example");
    const spy = spyOnStatements();
    const page = (await load(dashboardRoute, "/admin/dashboard", { cookie })) as Dashboard;
    const n = spy.mock.calls.length;
    spy.mockRestore();
    return { n, page };
  }

  it("costs the same statements whatever the number of proposals, and counts every one", async () => {
    const few = await statements();
    addProposals(186);
    const many = await statements();
    expect(many.n).toBe(few.n);
    expect(many.page.figures.overall.funnel.submitted).toBe(few.page.figures.overall.funnel.submitted + 186);
    expect(many.page.figures.overall.funnel.conceptApproved).toBe(few.page.figures.overall.funnel.conceptApproved + 186);
    expect(many.page.figures.cooperation["AL|XK"]).toBe(few.page.figures.cooperation["AL|XK"]! + 186);
  });
});
