import { SYSTEM_ACTOR } from "../../workflows/actors";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import * as home from "../../app/routes/_index";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
import * as roundList from "../../app/routes/admin.rounds._index";
import * as newRound from "../../app/routes/admin.rounds.new";
import { applyRoundCommand, createRound } from "../../app/rounds/workflow.server";
import { auditLog, proposals, roundEvents, rounds } from "../../db/schema";
import { call2030 } from "../support/forms";
import type { Route } from "../support/http";
import { load, ORIGIN, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { admin as administrator, roundIdByCode } from "../workflow-server/builders";

// The TAF team's round pages: the list, adding a round, and moving a round as its statechart
// allows. Every answer to what a person typed is a message on the page, never a 500.

let admin: string;
let applicant: string;
let reviewer: string;

useDatabase("demo");

beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
  applicant = await signInAs("applicant.xk@taf.example");
  reviewer = await signInAs("reviewer.eu@taf.example");
});

type Reply = { event?: string; result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
type RoundList = Awaited<ReturnType<typeof roundList.loader>>;
type RoundPage = Awaited<ReturnType<typeof roundPage.loader>>;

const roundByCode = (code: string) => db().select().from(rounds).where(eq(rounds.code, code)).get();
const roundRow = (id: number) => db().select().from(rounds).where(eq(rounds.id, id)).get()!;
const tableCounts = () => [rounds, roundEvents, auditLog].map((table) => db().select({ n: count() }).from(table).get()!.n);

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

const view = async (id: number) => (await load(roundPage, `/admin/rounds/${id}`, { cookie: admin, params: { roundId: String(id) } })) as RoundPage;
const act = (id: number, form: Record<string, string>, cookie = admin) => submit(roundPage, `/admin/rounds/${id}`, form, { cookie, params: { roundId: String(id) } });

/** A round of the test's own, put in the state it needs by real events. */
function roundIn(state: "planned" | "open" | "closed", mode: "deadline" | "rolling" = "deadline") {
  const code = `T-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const now = new Date();
  const created = db().transaction((tx) =>
    createRound(tx, { code, title: `Test round ${code}`, mode, opensAt: new Date(now.getTime() + 86_400_000), closesAt: mode === "deadline" ? new Date(now.getTime() + 30 * 86_400_000) : null }),
  );
  if (state !== "planned") applyRoundCommand({ roundId: created.id, actor: administrator(), command: { type: "OPEN" } });
  if (state === "closed") applyRoundCommand({ roundId: created.id, actor: administrator(), command: { type: "CLOSE" } });
  return roundRow(created.id);
}

describe("who may use the round pages", () => {
  const firstCall = () => String(roundIdByCode("2026-R1"));
  const pages: [string, Route, () => [string, Record<string, string>?]][] = [
    ["list", roundList, () => ["/admin/rounds"]],
    ["add", newRound, () => ["/admin/rounds/new"]],
    ["round", roundPage, () => [`/admin/rounds/${firstCall()}`, { roundId: firstCall() }]],
  ];
  for (const [name, route, where] of pages) {
    it(`${name}: applicants and reviewers get 403, a signed-out visitor is sent to sign in, and nothing changes`, async () => {
      const [path, params] = where();
      for (const cookie of [applicant, reviewer]) expect(statusOf(await load(route, path, { cookie, params }))).toBe(403);
      expect(location(await load(route, path, { params }))).toMatch(/^\/login/);
      if (route.action) {
        const before = tableCounts();
        for (const cookie of [applicant, reviewer]) {
          expect(statusOf(await submit(route, path, { ...call2030, code: "INTRUDER", event: "ARCHIVE", version: "1", confirm: "on" }, { cookie, params }))).toBe(403);
        }
        expect(tableCounts()).toEqual(before);
      }
    });
  }
});

describe("the list of rounds", () => {
  it("shows every round with its mode, state, Brussels times and proposals", async () => {
    const { rounds: listed } = (await load(roundList, "/admin/rounds", { cookie: admin })) as RoundList;
    const byCode = new Map(listed.map((round) => [round.code, round]));
    expect(byCode.get("2026-R1")).toMatchObject({ mode: "deadline", state: "closed", stateLabel: "Closed" });
    expect(byCode.get("2026-R1")!.opens).toMatch(/\(Brussels time\)$/);
    const r1 = roundByCode("2026-R1")!;
    const submitted = db().select({ n: count() }).from(proposals).where(and(eq(proposals.roundId, r1.id), isNotNull(proposals.reference))).get()!.n;
    expect(submitted).toBeGreaterThan(1);
    expect(byCode.get("2026-R1")!.proposals).toBe(`${submitted} submitted`);
    // Kosovo* Police's draft is in the second call.
    expect(byCode.get("2026-R2")!.proposals).toMatch(/^\d+ submitted, \d+ drafts?$/);
    expect(byCode.get("2026-R2")).toMatchObject({ state: "open", stateLabel: "Open" });
    expect(byCode.get("ROLLING")).toMatchObject({ mode: "rolling", closes: null });
  });

  it("runs the same one query however many rounds there are", async () => {
    const spy = spyOnStatements();
    await load(roundList, "/admin/rounds", { cookie: admin });
    const few = spy.mock.calls.length;
    for (let i = 0; i < 5; i++) roundIn("planned");
    spy.mockClear();
    await load(roundList, "/admin/rounds", { cookie: admin });
    expect(spy.mock.calls.length).toBe(few);
    spy.mockRestore();
    expect(few).toBeLessThanOrEqual(3);
  });

  it("is linked from the administrators' home, with each round", async () => {
    const desk = (await load(home, "/", { cookie: admin })) as Awaited<ReturnType<typeof home.loader>>;
    const r2 = roundByCode("2026-R2")!;
    expect(desk.administrator?.rounds).toContainEqual(expect.objectContaining({ id: r2.id, title: r2.title, stateLabel: "Open" }));
  });
});

describe("adding a round", () => {
  it("stores a planned round with its Brussels times in UTC and its settings, and records who added it", async () => {
    const result = await submit(newRound, "/admin/rounds/new", call2030, { cookie: admin });
    const created = roundByCode("2030-R1")!;
    expect(location(result)).toBe(`/admin/rounds/${created.id}?notice=created`);
    expect(created).toMatchObject({
      title: "First call for proposals 2030",
      mode: "deadline",
      state: "planned",
      version: 1,
      // Winter time in January (UTC+1), summer time in June (UTC+2).
      opensAt: new Date("2030-01-15T08:00:00.000Z"),
      closesAt: new Date("2030-06-28T15:00:00.000Z"),
      settings: {
        minimumReviews: 3,
        reviewDays: 21,
        criteria: ["joint", "eligibleInstitutions", "complete"],
        themes: ["drugTrafficking", "cybercrime", "jointInvestigationTeams"],
        supportKinds: ["jointExercise", "capacityBuilding"],
        limits: { maxBudgetEur: 200000, maxDurationMonths: 18, maxPartners: 6, words: { summary: 200, problem: 400, objectives: 250, activities: 500, expectedResults: 250 } },
      },
    });
    expect(db().select().from(auditLog).where(eq(auditLog.subjectId, String(created.id))).all()).toEqual([
      expect.objectContaining({ action: "roundCreated", subjectType: "round", detail: expect.objectContaining({ code: "2030-R1" }) }),
    ]);
    const page = await view(created.id);
    expect(page.round).toMatchObject({ code: "2030-R1", stateLabel: "Planned", opens: "15 January 2030, 09:00 (Brussels time)", closes: "28 June 2030, 17:00 (Brussels time)" });
    expect(page.settings.criteria).toHaveLength(3);
    expect(page.actions).toEqual(["OPEN", "CANCEL"]);
  });

  it("refuses a code already in use, whatever its case, and keeps what was typed", async () => {
    const before = tableCounts();
    const result = (await submit(newRound, "/admin/rounds/new", { ...call2030, code: " 2026-r1 " }, { cookie: admin })) as Reply;
    expect(result.result.error?.code).toEqual(["The code 2026-R1 is already used by “First call for proposals 2026”. Choose another code."]);
    expect(result.result.initialValue).toMatchObject({ title: call2030.title, opensAt: call2030.opensAt, limits: { maxBudgetEur: "200000" } });
    expect(tableCounts()).toEqual(before);
  });

  it("names every missing or wrong field at once", async () => {
    const before = tableCounts();
    const empty = (await submit(newRound, "/admin/rounds/new", {}, { cookie: admin })) as Reply;
    expect(Object.keys(empty.result.error ?? {}).sort()).toEqual(
      [
        "code",
        "criteria",
        "limits.maxBudgetEur",
        "limits.maxDurationMonths",
        "limits.maxPartners",
        "limits.words.activities",
        "limits.words.expectedResults",
        "limits.words.objectives",
        "limits.words.problem",
        "limits.words.summary",
        "minimumReviews",
        "mode",
        "opensAt",
        "reviewDays",
        "supportKinds",
        "themes",
        "title",
      ].sort(),
    );
    const wrong = (await submit(
      newRound,
      "/admin/rounds/new",
      { ...call2030, code: "2030 R1", "limits.maxBudgetEur": "500", minimumReviews: "2.5", opensAt: "2030-02-30T09:00", criteria: [] },
      { cookie: admin },
    )) as Reply;
    expect(wrong.result.error).toMatchObject({
      code: ["Use letters, digits and single hyphens, such as 2027-R1."],
      "limits.maxBudgetEur": ["Enter a whole number from 1,000 to 10,000,000."],
      minimumReviews: ["Enter a whole number from 1 to 10."],
      opensAt: [expect.stringMatching(/not a date and time/)],
      criteria: ["Choose at least one criterion."],
    });
    expect(tableCounts()).toEqual(before);
  });

  it("refuses a deadline round that closes before it opens, or has no closing time, even beside other errors", async () => {
    const before = tableCounts();
    const backwards = (await submit(newRound, "/admin/rounds/new", { ...call2030, title: "", opensAt: "2030-06-01T09:00", closesAt: "2030-05-31T17:00" }, { cookie: admin })) as Reply;
    expect(backwards.result.error).toMatchObject({ title: expect.any(Array), closesAt: ["The round must close after it opens."] });
    const same = (await submit(newRound, "/admin/rounds/new", { ...call2030, closesAt: call2030.opensAt }, { cookie: admin })) as Reply;
    expect(same.result.error?.closesAt).toEqual(["The round must close after it opens."]);
    const open = (await submit(newRound, "/admin/rounds/new", { ...call2030, closesAt: "" }, { cookie: admin })) as Reply;
    expect(open.result.error?.closesAt).toEqual(["A deadline round needs a closing date and time."]);
    const past = (await submit(newRound, "/admin/rounds/new", { ...call2030, opensAt: "2020-01-01T09:00", closesAt: "2020-02-01T09:00" }, { cookie: admin })) as Reply;
    expect(past.result.error?.closesAt).toEqual(["This closing time has passed. Choose one in the future."]);
    expect(tableCounts()).toEqual(before);
  });

  it("refuses a time the clocks skip in Brussels, and takes the first of a repeated one", async () => {
    const skipped = (await submit(newRound, "/admin/rounds/new", { ...call2030, code: "2030-DST", closesAt: "2030-03-31T02:30" }, { cookie: admin })) as Reply;
    expect(skipped.result.error?.closesAt?.[0]).toMatch(/does not exist in Brussels/);
    await submit(newRound, "/admin/rounds/new", { ...call2030, code: "2030-DST", closesAt: "2030-10-27T02:30" }, { cookie: admin });
    expect(roundByCode("2030-DST")?.closesAt).toEqual(new Date("2030-10-27T00:30:00.000Z"));
  });

  it("stores a rolling round without a closing time, whatever was typed there", async () => {
    await submit(newRound, "/admin/rounds/new", { ...call2030, code: "ROLLING-2030", mode: "rolling", closesAt: "2030-01-01T09:00" }, { cookie: admin });
    expect(roundByCode("ROLLING-2030")).toMatchObject({ mode: "rolling", closesAt: null, state: "planned" });
  });
});

describe("moving a round from its page", () => {
  it("offers what the round statechart allows an administrator in each state", async () => {
    expect((await view(roundIn("planned").id)).actions).toEqual(["OPEN", "CANCEL"]);
    expect((await view(roundIn("open").id)).actions).toEqual(["CLOSE"]);
    expect((await view(roundIn("closed").id)).actions.sort()).toEqual(["ARCHIVE", "REOPEN"]);
  });

  it("opens a planned round now, which becomes its opening time", async () => {
    const round = roundIn("planned");
    expect(location(await act(round.id, { event: "OPEN", version: String(round.version) }))).toBe(`/admin/rounds/${round.id}?notice=opened`);
    const opened = roundRow(round.id);
    expect(opened).toMatchObject({ state: "open", version: round.version + 1 });
    expect(opened.opensAt.getTime()).toBeLessThan(round.opensAt.getTime());
  });

  it("closes a rolling round by hand, once the box is ticked, and records who did it", async () => {
    const rolling = roundByCode("ROLLING")!;
    expect(rolling).toMatchObject({ mode: "rolling", state: "open", closesAt: null });
    const unconfirmed = (await act(rolling.id, { event: "CLOSE", version: String(rolling.version) })) as Reply;
    expect(unconfirmed).toMatchObject({ event: "CLOSE", result: { error: { confirm: [expect.stringMatching(/Tick the box/)] } } });
    expect(roundRow(rolling.id).state).toBe("open");

    expect(location(await act(rolling.id, { event: "CLOSE", version: String(rolling.version), confirm: "on" }))).toBe(`/admin/rounds/${rolling.id}?notice=closed`);
    expect(roundRow(rolling.id)).toMatchObject({ state: "closed", version: rolling.version + 1, closesAt: null });
    const page = await view(rolling.id);
    expect(page.history.at(-1)).toMatchObject({ who: "Anna Keller (TAF team)", what: "closed the round" });
    expect(page.history[0]).toMatchObject({ who: "The portal", what: "opened the round at its opening time" });
    expect(page.proposals.rows.length).toBeGreaterThan(0);
  });

  it("reopens a rolling round only with a reason, keeping what was typed when refused", async () => {
    const round = roundIn("closed", "rolling");
    const refused = (await act(round.id, { event: "REOPEN", version: String(round.version), reason: "   " })) as Reply;
    expect(refused).toMatchObject({ event: "REOPEN", result: { error: { "": ["A reason is required."] } } });
    expect(roundRow(round.id).state).toBe("closed");

    const reason = "Two ministries asked for more time after the summer break.";
    expect(location(await act(round.id, { event: "REOPEN", version: String(round.version), reason }))).toBe(`/admin/rounds/${round.id}?notice=reopened`);
    expect(roundRow(round.id)).toMatchObject({ state: "open", closesAt: null });
    expect((await view(round.id)).history.at(-1)).toMatchObject({ what: "reopened the round", reason });
  });

  it("reopens a deadline round with a new closing time in Brussels time, in the future", async () => {
    const round = roundIn("closed");
    const form = { event: "REOPEN", version: String(round.version), reason: "The portal was down on the last day." };
    const noTime = (await act(round.id, form)) as Reply;
    expect(noTime.result.error?.[""]).toEqual(["A deadline round needs a new closing time."]);
    const past = (await act(round.id, { ...form, closesAt: "2020-01-01T12:00" })) as Reply;
    expect(past.result.error?.[""]).toEqual(["The new closing time must be in the future."]);
    expect(past.result.initialValue).toMatchObject({ closesAt: "2020-01-01T12:00", reason: form.reason });
    const skipped = (await act(round.id, { ...form, closesAt: "2030-03-31T02:15" })) as Reply;
    expect(skipped.result.error?.closesAt?.[0]).toMatch(/does not exist in Brussels/);
    expect(roundRow(round.id)).toMatchObject({ state: "closed", version: round.version });

    await act(round.id, { ...form, closesAt: "2030-07-01T17:00" });
    expect(roundRow(round.id)).toMatchObject({ state: "open", closesAt: new Date("2030-07-01T15:00:00.000Z") });
    expect((await view(round.id)).history.at(-1)).toMatchObject({ what: "reopened the round until 1 July 2030, 17:00 (Brussels time)", reason: form.reason });
  });

  it("archives a closed round for good, once the box is ticked", async () => {
    const round = roundIn("closed");
    const unconfirmed = (await act(round.id, { event: "ARCHIVE", version: String(round.version) })) as Reply;
    expect(unconfirmed.result.error?.confirm).toBeTruthy();
    expect(location(await act(round.id, { event: "ARCHIVE", version: String(round.version), confirm: "on" }))).toBe(`/admin/rounds/${round.id}?notice=archived`);
    const page = await view(round.id);
    expect(page.round).toMatchObject({ state: "archived", stateLabel: "Archived" });
    expect(page.actions).toEqual([]);
  });

  it("tells a page that is out of date to reload, and changes nothing", async () => {
    const round = roundIn("open");
    applyRoundCommand({ roundId: round.id, actor: SYSTEM_ACTOR, command: { type: "CLOSE" }, now: round.closesAt! });
    const before = tableCounts();
    const stale = (await act(round.id, { event: "CLOSE", version: String(round.version), confirm: "on" })) as Reply;
    expect(stale).toMatchObject({ event: "CLOSE", result: { error: { "": ["Someone else changed this round meanwhile. Reload the page and try again."] } } });
    expect(tableCounts()).toEqual(before);
  });

  it("answers a step the round does not allow now, or a damaged form, with a message", async () => {
    const round = roundIn("open");
    const reopenOpen = (await act(round.id, { event: "REOPEN", version: String(round.version), reason: "Why not." })) as Reply;
    expect(reopenOpen.result.error?.[""]).toEqual(["No one can reopen the round while it is open."]);
    const noVersion = (await act(round.id, { event: "CLOSE", version: "latest", confirm: "on" })) as Reply;
    expect(noVersion.result.error?.version).toEqual(["This form is out of date. Reload the page and try again."]);
    expect(statusOf(await act(round.id, { event: "DELETE", version: String(round.version) }))).toBe(400);
    const json = new Request(`${ORIGIN}/admin/rounds/${round.id}`, { method: "POST", headers: { Cookie: admin, "Content-Type": "application/json" }, body: "{}" });
    expect(statusOf(await roundPage.action({ request: json, params: { roundId: String(round.id) }, context: {} }).catch((response: unknown) => response))).toBe(415);
    expect(roundRow(round.id)).toMatchObject({ state: "open", version: round.version });
  });
});
