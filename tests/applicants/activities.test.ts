import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import { planActivity } from "../../app/proposals/activities.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import * as timeline from "../../app/routes/admin.activities";
import * as implementation from "../../app/routes/proposals.$proposalId.implementation";
import * as versions from "../../app/routes/proposals.$proposalId.versions";
import { activities, activityParticipants, proposals, proposalVersions } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { actorFor, demoProposalId, driveTo, roundIdByCode, userId } from "../workflow-server/builders";

// Planned activities, their reports frozen as versions, the completion report's versions, and
// the TAF team's timeline, on the demo's "drug networks" (Kosovo* Police lead, ongoing).

const LEAD = "applicant.xk@taf.example";
const ADMIN = "admin@taf.example";
const drugNetworks = () => demoProposalId("drugNetworks");
const foreignFighters = () => demoProposalId("foreignFighters");

type ImplementationPage = Awaited<ReturnType<typeof implementation.loader>>;
type TimelinePage = Awaited<ReturnType<typeof timeline.loader>>;
type VersionsPage = Awaited<ReturnType<typeof versions.loader>>;
type Reply = { intent: string; activityKey: string | null; notice: string | null; result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null } };

useDatabase("demo");

const params = (id: number) => ({ proposalId: String(id) });
const view = async (id: number, email = LEAD, search = "") =>
  (await load(implementation, `/proposals/${id}/implementation${search}`, { cookie: await signInAs(email), params: params(id) })) as ImplementationPage;
const post = async (id: number, email: string, form: Record<string, string>) =>
  submit(implementation, `/proposals/${id}/implementation`, form, { cookie: await signInAs(email), params: params(id) });
const timelineAt = async (search = "", email = ADMIN) => load(timeline, `/admin/activities${search}`, { cookie: await signInAs(email) });
const planOf = (id: number) => db().select().from(activities).where(eq(activities.proposalId, id)).orderBy(activities.id).all();
const countriesOf = (activityId: number) =>
  db().select().from(activityParticipants).where(eq(activityParticipants.activityId, activityId)).orderBy(activityParticipants.countryCode).all();
const versionsOf = (id: number, kind: "activityReport" | "completionReport") =>
  db().select().from(proposalVersions).where(and(eq(proposalVersions.proposalId, id), eq(proposalVersions.kind, kind))).orderBy(proposalVersions.number).all();
const daysAgo = (n: number) => new Date(Date.now() - n * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

const NEW_ACTIVITY = {
  intent: "planActivity",
  type: "workshop",
  title: "Workshop on financial leads in the three cases",
  startsOn: "2027-05-10",
  endsOn: "2027-05-11",
  place: "Skopje",
  "participants.XK": "6",
  "participants.MK": "8",
};

describe("planning activities", () => {
  it("copies the approved concept note's activities into the plan when the concept note is approved", () => {
    const id = driveTo("awaitingStart");
    expect(planOf(id).map((a) => [a.key, a.type, a.title, a.startsOn, a.place, a.participants])).toEqual([
      ["exercise", "jointExercise", "Joint exercise", "2026-11-10", "Prishtina", 20],
    ]);
    // The country is named by the note; how many come from it is for the applicants to say.
    expect(countriesOf(planOf(id)[0]!.id).map((c) => [c.countryCode, c.planned])).toEqual([["XK", null]]);
  });

  it("adds an activity with its participants per country, and changes one that is planned", async () => {
    const added = (await post(drugNetworks(), LEAD, NEW_ACTIVITY)) as Reply;
    expect(added.notice).toBe("“Workshop on financial leads in the three cases” is added to the plan.");
    const workshop = planOf(drugNetworks()).at(-1)!;
    expect([workshop.type, workshop.startsOn, workshop.endsOn, workshop.participants]).toEqual(["workshop", "2027-05-10", "2027-05-11", 14]);
    expect(countriesOf(workshop.id).map((c) => [c.countryCode, c.planned])).toEqual([["MK", 8], ["XK", 6]]);

    const changed = (await post(drugNetworks(), LEAD, { ...NEW_ACTIVITY, key: workshop.key, version: String(workshop.version), place: "Ohrid", "participants.MK": "", "participants.AL": "3" })) as Reply;
    expect(changed.notice).toBe("The plan of “Workshop on financial leads in the three cases” is saved.");
    const after = planOf(drugNetworks()).at(-1)!;
    expect([after.place, after.participants, after.version]).toEqual(["Ohrid", 9, 2]);
    // North Macedonia left empty no longer takes part.
    expect(countriesOf(workshop.id).map((c) => [c.countryCode, c.planned])).toEqual([["AL", 3], ["XK", 6]]);
  });

  it("puts wrong answers beside their fields, keeping what was typed, and plans nothing", async () => {
    const before = planOf(drugNetworks());
    const reply = (await post(drugNetworks(), LEAD, { ...NEW_ACTIVITY, type: "picnic", title: " ", startsOn: "2027-02-30", endsOn: "2027-01-01", "participants.XK": "", "participants.MK": "" })) as Reply;
    expect(reply.result.error).toMatchObject({
      type: ["Choose the type of activity from the list."],
      title: ["Give the activity a title."],
      startsOn: ["This date does not exist in the calendar."],
    });
    expect(reply.result.initialValue).toMatchObject({ type: "picnic", startsOn: "2027-02-30", place: "Skopje" });
    expect(planOf(drugNetworks())).toEqual(before);

    const noOne = (await post(drugNetworks(), LEAD, { ...NEW_ACTIVITY, endsOn: "2027-05-01", "participants.XK": "", "participants.MK": "" })) as Reply;
    expect(noOne.result.error).toMatchObject({
      endsOn: ["The last day cannot be before the first."],
      participants: ["Give the expected number of participants for at least one country."],
    });
    expect(planOf(drugNetworks())).toEqual(before);
  });

  it("refuses to change an activity already held, one not in the plan, and one changed meanwhile", async () => {
    const before = planOf(drugNetworks());
    const held = before.find((a) => a.key === "activity-1")!;
    const onHeld = (await post(drugNetworks(), LEAD, { ...NEW_ACTIVITY, key: held.key, version: String(held.version) })) as Reply;
    expect(onHeld.result.error?.[""]).toEqual([
      "“Operational meeting to compare the three investigations” is reported as held: its plan stays as it was when it was held. Correct the report instead.",
    ]);
    const unknown = (await post(drugNetworks(), LEAD, { ...NEW_ACTIVITY, key: "nowhere", version: "1" })) as Reply;
    expect(unknown.result.error?.[""]).toEqual(["This activity is not in the plan of this proposal. Reload the page."]);
    const planned = before.find((a) => a.key === "activity-3")!;
    const stale = (await post(drugNetworks(), LEAD, { ...NEW_ACTIVITY, key: planned.key, version: String(planned.version - 1) })) as Reply;
    expect(stale.result.error?.[""]).toEqual(["Someone changed this activity meanwhile. Reload the page to see their changes, then make yours."]);
    expect(planOf(drugNetworks())).toEqual(before);
  });

  it("refuses partners and the TAF team (403), and lets the lead plan on hold but not once the report is submitted", async () => {
    const before = planOf(drugNetworks());
    for (const email of ["applicant.al@taf.example", ADMIN]) {
      const refused = await post(drugNetworks(), email, NEW_ACTIVITY);
      expect(statusOf(refused), email).toBe(403);
    }
    expect(await ((await post(drugNetworks(), "applicant.al@taf.example", NEW_ACTIVITY)) as Response).text()).toBe(
      "Only the applicants of the lead institution plan the activities.",
    );
    expect(planOf(drugNetworks())).toEqual(before);

    // On hold, the plan waits for better times and may be re-planned.
    const onHold = (await post(foreignFighters(), "applicant.mk@taf.example", { ...NEW_ACTIVITY, "participants.XK": "4" })) as Reply;
    expect(onHold.notice).toMatch(/is added to the plan/);

    const id = driveTo("ongoing");
    db().update(proposals).set({ content: { ...db().select().from(proposals).where(eq(proposals.id, id)).get()!.content, completionReport: { outcome: "Done.", lessonsLearnt: "Plan earlier." } } }).where(eq(proposals.id, id)).run();
    expect(applyProposalCommand({ proposalId: id, actor: actorFor(LEAD), command: { type: "SUBMIT_REPORT" } }).ok).toBe(true);
    const closed = await post(id, LEAD, NEW_ACTIVITY);
    expect(statusOf(closed)).toBe(403);
    expect(await (closed as Response).text()).toBe("The plan of activities is closed: the completion report is submitted, or implementation has ended.");
  });
});

describe("reports frozen as sent", () => {
  it("keeps every activity report sent as a version, and compares a correction with the report it corrects", async () => {
    expect(versionsOf(drugNetworks(), "activityReport")).toHaveLength(3);
    const first = (await post(drugNetworks(), LEAD, {
      intent: "reportActivity",
      activityKey: "activity-3",
      heldOn: daysAgo(3),
      heldUntil: daysAgo(1),
      participants: "22",
      "byCountry.XK": "12",
      "byCountry.AL": "10",
      outcome: "The delivery was followed across both borders.",
    })) as Reply;
    expect(first.notice).toBe("The activity is reported as held.");
    await post(drugNetworks(), LEAD, { intent: "reportActivity", activityKey: "activity-3", heldOn: daysAgo(3), participants: "23", outcome: "The delivery was followed; four arrests." });
    const sent = versionsOf(drugNetworks(), "activityReport");
    expect(sent.map((v) => [v.number, v.content.activityKey, v.content.participants])).toEqual([
      [1, "activity-1", 17],
      [2, "activity-1", 18],
      [3, "activity-2", 8],
      [4, "activity-3", 22],
      [5, "activity-3", 23],
    ]);
    expect(sent[3]!.content).toMatchObject({ heldUntil: daysAgo(1), byCountry: { XK: 12, AL: 10 }, outcome: "The delivery was followed across both borders." });
    const held = planOf(drugNetworks()).find((a) => a.key === "activity-3")!;
    // The second report gave no numbers per country: those of the first stay.
    expect(countriesOf(held.id).map((c) => [c.countryCode, c.planned, c.held])).toEqual([["AL", 12, 10], ["XK", 12, 12]]);

    const page = (await load(versions, `/proposals/${drugNetworks()}/versions`, { cookie: await signInAs("applicant.mk@taf.example"), params: params(drugNetworks()) })) as VersionsPage;
    const reports = page.kinds.find((k) => k.kind === "activityReport")!;
    expect(reports.versions.map((v) => v.what)).toContain("Report sent: Joint exercise on a controlled delivery across two borders");
    expect(reports.comparison).toMatchObject({ from: 4, to: 5 });
    // Each correction offers the comparison with the report it corrects.
    expect(reports.versions.map((v) => v.corrects)).toEqual([null, 1, null, null, 4]);
    expect(reports.comparison!.fields.filter((f) => f.changed).map((f) => f.label)).toEqual(["Held", "Participants", "Outcome"]);
  });

  it("refuses numbers per country that do not add up, keeping what was typed", async () => {
    const before = versionsOf(drugNetworks(), "activityReport");
    const reply = (await post(drugNetworks(), LEAD, { intent: "reportActivity", activityKey: "activity-3", heldOn: daysAgo(3), heldUntil: daysAgo(4), participants: "20", "byCountry.XK": "5", outcome: "Held." })) as Reply;
    expect(reply.result.error).toMatchObject({
      heldUntil: ["The last day cannot be before the first."],
      participants: ["The numbers per country add up to 5, not 20: correct one or the other."],
    });
    expect(reply.result.initialValue).toMatchObject({ participants: "20", byCountry: { XK: "5" } });
    expect(versionsOf(drugNetworks(), "activityReport")).toEqual(before);
  });

  it("freezes the completion report at each submission, so a revision request never overwrites what was sent", async () => {
    const id = driveTo("ongoing");
    const content = () => db().select().from(proposals).where(eq(proposals.id, id)).get()!;
    const version = () => String(content().version);
    await post(id, LEAD, { intent: "submitReport", version: version(), outcome: "Two operations.", lessonsLearnt: "Start earlier." });
    expect(applyProposalCommand({ proposalId: id, actor: actorFor(ADMIN), command: { type: "REQUEST_REVISION", reason: "Please count the arrests." } }).ok).toBe(true);
    await post(id, LEAD, { intent: "submitReport", version: version(), outcome: "Two operations, 14 arrests.", lessonsLearnt: "Start earlier." });
    expect(versionsOf(id, "completionReport").map((v) => [v.number, v.content])).toEqual([
      [1, { outcome: "Two operations.", lessonsLearnt: "Start earlier." }],
      [2, { outcome: "Two operations, 14 arrests.", lessonsLearnt: "Start earlier." }],
    ]);
    const page = (await load(versions, `/proposals/${id}/versions`, { cookie: await signInAs(ADMIN), params: params(id) })) as VersionsPage;
    const report = page.kinds.find((k) => k.kind === "completionReport")!;
    expect(report.versions.map((v) => v.what)).toEqual(["Completion report submitted", "Completion report resubmitted after a revision request"]);
    expect(report.comparison!.fields.filter((f) => f.changed).map((f) => f.label)).toEqual(["What was achieved"]);
  });
});

describe("the timeline", () => {
  it("lists every proposal's activities for the TAF team, soonest first, held ones by the days they were held", async () => {
    const page = (await timelineAt()) as TimelinePage;
    expect(page.pages.total).toBeGreaterThanOrEqual(10);
    const days = page.activities.map((a) => a.report?.heldOn ?? a.startsOn);
    expect(days).toEqual([...days].sort());
    const meeting = page.activities.find((a) => a.title === "Operational meeting to compare the three investigations")!;
    expect(meeting.report).toMatchObject({ participants: 18 });
    // In the order the EU lists the six.
    expect(meeting.byCountry.map((c) => [c.code, c.held])).toEqual([["AL", 6], ["XK", 7], ["MK", 5]]);
    expect(meeting.byCountry.find((c) => c.code === "XK")).toMatchObject({ name: "Kosovo", needsFootnote: true });
  });

  it("filters by country, round and month", async () => {
    const rs = (await timelineAt("?country=RS")) as TimelinePage;
    expect(rs.activities.length).toBeGreaterThan(0);
    expect(rs.activities.every((a) => a.byCountry.some((c) => c.code === "RS"))).toBe(true);

    const otherRound = (await timelineAt(`?round=${roundIdByCode("2026-R2")}`)) as TimelinePage;
    expect(otherRound.activities).toEqual([]);
    const firstRound = (await timelineAt(`?round=${roundIdByCode("2026-R1")}`)) as TimelinePage;
    expect(firstRound.pages.total).toBe(((await timelineAt()) as TimelinePage).pages.total);

    const workshop = (await post(drugNetworks(), LEAD, NEW_ACTIVITY)) as Reply;
    expect(workshop.notice).toMatch(/added/);
    const may = (await timelineAt("?month=2027-05")) as TimelinePage;
    expect(may.activities.map((a) => a.title)).toEqual(["Workshop on financial leads in the three cases"]);
    expect(((await timelineAt("?month=2027-05&country=RS")) as TimelinePage).activities).toEqual([]);
  });

  it("names a filter it cannot read and leaves it out, keeping what was typed", async () => {
    const page = (await timelineAt("?month=May&country=FR&round=x")) as TimelinePage;
    expect(page.problems).toEqual(["Choose a country from the list.", "Choose a round from the list.", "Give the month as YYYY-MM, for example 2027-03."]);
    expect(page.typed).toEqual({ country: "FR", round: "x", month: "May" });
    expect(page.filtered).toBe(false);
    expect(page.pages.total).toBe(((await timelineAt()) as TimelinePage).pages.total);
  });

  it("is the TAF team's: everyone else is refused", async () => {
    for (const email of [LEAD, "reviewer.eu@taf.example", "advisor.mk@taf.example"]) expect(statusOf(await timelineAt("", email)), email).toBe(403);
  });

  it("costs the same statements with 120 more activities, and pages by 50", async () => {
    const statements = async (search = "") => {
      const spy = spyOnStatements();
      await timelineAt(search);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return n;
    };
    await timelineAt(); // the session and its statements, prepared once
    const few = await statements();
    const lead = userId(LEAD);
    db().transaction((tx) => {
      for (let i = 0; i < 120; i++) {
        const day = String((i % 28) + 1).padStart(2, "0");
        planActivity(tx, {
          userId: lead,
          proposalId: drugNetworks(),
          now: new Date(),
          form: { intent: "planActivity", type: "training", title: `Training ${i + 1}`, startsOn: `2027-06-${day}`, place: "Pristina", participants: { XK: 5, AL: 5 } },
        });
      }
    });
    expect(await statements()).toBe(few);
    const first = (await timelineAt()) as TimelinePage;
    expect(first.activities).toHaveLength(50);
    expect(first.pages).toMatchObject({ page: 1, first: 1, last: 50 });
    const third = (await timelineAt("?page=3")) as TimelinePage;
    expect(third.pages).toMatchObject({ page: 3, first: 101 });
    expect(await statements("?page=3&country=XK")).toBe(few);

    // The proposal's own timeline, on its implementation page, pages too.
    const own = await view(drugNetworks(), LEAD, "?activityPage=2");
    expect(own.activityPages).toMatchObject({ param: "activityPage", page: 2, first: 51 });
    expect(own.activities.every((a) => a.proposalId === drugNetworks())).toBe(true);
  });
});
