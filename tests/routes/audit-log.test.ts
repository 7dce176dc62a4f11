import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { audit } from "../../app/audit.server";
import { db } from "../../app/db.server";
import * as activityRoute from "../../app/routes/admin.audit";
import { auditLog, proposalEvents, proposals, users } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf } from "../support/http";
import { demoProposalId, userId } from "../workflow-server/builders";

// The audit log and every proposal's history, searched together on one page.

useDatabase("demo");

type Activity = Awaited<ReturnType<typeof activityRoute.loader>>;

async function activity(search = "", email = "admin@taf.example") {
  return (await load(activityRoute, `/admin/audit${search}`, { cookie: await signInAs(email) })) as Activity;
}

function everything() {
  return db().select().from(auditLog).all().length + db().select().from(proposalEvents).all().length;
}

describe("the activity page", () => {
  it("holds the audit log and every proposal's history, newest first", async () => {
    audit({ actorUserId: userId("admin@taf.example"), action: "proposals.exported", subjectType: "proposals", detail: { filter: { country: "XK" }, rows: 4 } });
    const page = await activity();
    expect(page.activity.pages.total).toBe(everything());
    expect(page.activity.rows[0]).toMatchObject({ what: "Exported the table of proposals", detail: "filter: country XK; rows: 4" });
    expect(page.kinds.map((kind) => kind.value)).toEqual(expect.arrayContaining(["proposal:SUBMIT", "audit:proposals.exported"]));
  });

  it("names whom an audit row is about", async () => {
    const person = db().select().from(users).where(eq(users.email, "applicant.xk@taf.example")).get()!;
    audit({ actorUserId: userId("admin@taf.example"), action: "personUpdated", subjectType: "user", subjectId: person.id, detail: { fields: ["jobTitle"] } });
    const [entry] = (await activity("?kind=audit:personUpdated")).activity.rows;
    expect(entry).toMatchObject({ what: "Changed a person's details", detail: `About ${person.name} · fields: jobTitle` });
  });

  it("finds one proposal's history by its reference, with each step's stages", async () => {
    const id = demoProposalId("cocaineRoutes");
    const reference = db().select({ reference: proposals.reference }).from(proposals).where(eq(proposals.id, id)).get()!.reference!;
    const page = await activity(`?proposal=${encodeURIComponent(reference.toLowerCase())}`);
    expect(page.activity.pages.total).toBe(db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, id)).all().length);
    expect(page.activity.rows.every((row) => row.proposal?.id === id)).toBe(true);
    expect(page.activity.rows.map((row) => row.what)).toContain("Submitted the proposal");
    expect(page.activity.rows.find((row) => row.what === "Submitted the proposal")!.detail).toBe("Draft → Eligibility: automatic check running");
    expect(page.activity.rows.at(-1)).toMatchObject({ what: "Started the draft", detail: "Draft" });
  });

  it("finds by person, by kind of event and by dates on the Brussels calendar", async () => {
    const admin = db().select().from(users).where(eq(users.email, "admin@taf.example")).get()!;
    const byAdmin = await activity(`?person=${encodeURIComponent(admin.name.split(" ")[0]!.toUpperCase())}`);
    expect(byAdmin.activity.pages.total).toBeGreaterThan(0);
    expect(byAdmin.activity.rows.every((row) => row.by === admin.name)).toBe(true);

    const submissions = await activity("?kind=proposal:SUBMIT");
    expect(submissions.activity.pages.total).toBe(db().select().from(proposalEvents).where(eq(proposalEvents.type, "SUBMIT")).all().length);
    expect(new Set(submissions.activity.rows.map((row) => row.what))).toEqual(new Set(["Submitted the proposal"]));

    expect((await activity("?from=2000-01-01")).activity.pages.total).toBe(everything());
    expect((await activity("?from=2000-01-01&to=2000-01-31")).activity.pages.total).toBe(0);
    expect((await activity("?to=2099-12-31&kind=proposal:SUBMIT")).activity.pages.total).toBe(submissions.activity.pages.total);
  });

  it("names a date that is not one, keeps what was typed, and searches by the rest", async () => {
    const page = await activity("?from=2026-02-30&kind=proposal:SUBMIT");
    expect(page.problems).toEqual(["Write a date as the calendar offers it, e.g. 2026-11-30."]);
    expect(page.typed).toMatchObject({ from: "2026-02-30", kind: "proposal:SUBMIT" });
    expect(new Set(page.activity.rows.map((row) => row.what))).toEqual(new Set(["Submitted the proposal"]));
    expect((await activity("?from=2026-03-02&to=2026-03-01")).problems).toEqual(["The first day comes before the last one."]);
  });

  it("pages by 50 at the same cost however long the log", async () => {
    const cookie = await signInAs("admin@taf.example");
    const statements = async () => {
      const spy = spyOnStatements();
      await load(activityRoute, "/admin/audit?person=admin", { cookie });
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    const few = await statements();
    const admin = userId("admin@taf.example");
    for (let i = 0; i < 120; i++) audit({ actorUserId: admin, action: "signIn", subjectType: "user", subjectId: admin });
    expect(await statements()).toBe(few);
    const second = await activity("?person=admin&page=2");
    expect(second.activity.pages).toMatchObject({ page: 2, first: 51, last: 100 });
    expect(second.activity.rows).toHaveLength(50);
  });

  it("is the TAF team's only", async () => {
    for (const email of ["applicant.xk@taf.example", "reviewer.eu@taf.example", "advisor.mk@taf.example"]) {
      expect(statusOf(await load(activityRoute, "/admin/audit", { cookie: await signInAs(email) })), email).toBe(403);
    }
    expect(statusOf(await load(activityRoute, "/admin/audit"))).toBe(302);
  });
});
