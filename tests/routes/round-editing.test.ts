import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
import * as editPage from "../../app/routes/admin.rounds.$roundId_.edit";
import { applyRoundCommand } from "../../app/rounds/workflow.server";
import { auditLog, roundEvents, rounds } from "../../db/schema";
import { pictureAt } from "../support/statechart";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { admin as administrator, ALBANIAN_POLICE, assignReviewers, completeContent, driveTo, makeRound, markReviewSubmitted, MK_PROSECUTION } from "../workflow-server/builders";

// Editing a round after it was added, and cancelling a planned one. What may change narrows
// once proposals were submitted; every refusal says why and changes nothing.

useDatabase("demo");

let admin: string;
beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
});

type EditPage = Awaited<ReturnType<typeof editPage.loader>>;
type RoundPage = Awaited<ReturnType<typeof roundPage.loader>>;
type Reply = { result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };

// Far enough ahead of the real clock that the form's "in the future" check always passes.
const CLOSES = new Date("2030-06-28T15:00:00.000Z");

const roundRow = (id: number) => db().select().from(rounds).where(eq(rounds.id, id)).get()!;
const tableCounts = () => [rounds, roundEvents, auditLog].map((table) => db().select({ n: count() }).from(table).get()!.n);
const edits = (id: number) => db().select().from(auditLog).where(eq(auditLog.subjectId, String(id))).all().filter((row) => row.action === "roundEdited");

const editView = async (id: number) => (await load(editPage, `/admin/rounds/${id}/edit`, { cookie: admin, params: { roundId: String(id) } })) as EditPage;
const view = async (id: number) => (await load(roundPage, `/admin/rounds/${id}`, { cookie: admin, params: { roundId: String(id) } })) as RoundPage;
const save = (id: number, form: Record<string, string | string[]>) => submit(editPage, `/admin/rounds/${id}/edit`, form, { cookie: admin, params: { roundId: String(id) } });
const act = (id: number, form: Record<string, string>) => submit(roundPage, `/admin/rounds/${id}`, form, { cookie: admin, params: { roundId: String(id) } });

/** The edit form as the page fills it in: each shown field with its stored value. */
async function formOf(id: number): Promise<Record<string, string | string[]>> {
  const page = await editView(id);
  const { defaults, notes } = page;
  const { words, ...limits } = defaults.limits;
  return {
    version: String(page.round.version),
    ...(notes.fixed.code ? {} : { code: defaults.code }),
    title: defaults.title,
    description: defaults.description,
    guidance: defaults.guidance,
    mode: defaults.mode,
    ...(notes.fixed.opensAt ? {} : { opensAt: defaults.opensAt }),
    ...(notes.fixed.closesAt || !defaults.closesAt ? {} : { closesAt: defaults.closesAt }),
    minimumReviews: String(defaults.minimumReviews),
    reviewDays: String(defaults.reviewDays),
    ...Object.fromEntries(Object.entries(limits).map(([key, value]) => [`limits.${key}`, String(value)])),
    ...Object.fromEntries(Object.entries(words).map(([key, value]) => [`limits.words.${key}`, String(value)])),
    themes: defaults.themes,
    supportKinds: defaults.supportKinds,
  };
}

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

describe("editing a round no one has applied to", () => {
  it("changes everything it shows, in Brussels time, and records each change", async () => {
    const round = makeRound({ open: false, opensAt: new Date("2030-01-15T08:00:00.000Z"), closesAt: CLOSES });
    const page = await editView(round.id);
    expect(page.notes.fixed).toEqual({ code: null, opensAt: null, closesAt: null, review: null });
    expect(page.defaults).toMatchObject({ opensAt: "2030-01-15T09:00", closesAt: "2030-06-28T17:00" });
    const form = {
      ...(await formOf(round.id)),
      code: "2030-r9",
      title: "Second call for proposals 2030",
      guidance: "Proposals from customs and border police are particularly welcome.",
      opensAt: "2030-02-01T09:00",
      closesAt: "2030-07-01T17:00",
      "limits.maxPartners": "3",
      "limits.words.summary": "120",
      themes: ["cybercrime"],
      supportKinds: ["expertAdvice"],
    };
    expect(location(await save(round.id, form))).toBe(`/admin/rounds/${round.id}?notice=edited`);
    expect(roundRow(round.id)).toMatchObject({
      code: "2030-R9",
      title: "Second call for proposals 2030",
      opensAt: new Date("2030-02-01T08:00:00.000Z"),
      closesAt: new Date("2030-07-01T15:00:00.000Z"),
      version: round.version + 1,
      settings: expect.objectContaining({
        guidance: form.guidance,
        themes: ["cybercrime"],
        supportKinds: ["expertAdvice"],
        limits: expect.objectContaining({ maxPartners: 3, words: expect.objectContaining({ summary: 120 }) }),
      }),
    });
    const [audited] = edits(round.id);
    expect(Object.keys((audited!.detail as { changes: object }).changes).sort()).toEqual(
      ["closesAt", "code", "guidance", "limits.maxPartners", "limits.words.summary", "opensAt", "supportKinds", "themes", "title"].sort(),
    );
    const shown = await view(round.id);
    expect(shown.settings).toMatchObject({ guidance: form.guidance, themes: ["Cybercrime"], maxPartners: 3 });
    // The round's own history tells the edit, field by field, beside its statechart events.
    expect(shown.history.at(-1)).toMatchObject({ who: "Anna Keller (TAF team)", what: "edited the round", toState: null, reason: null });
    expect(shown.history.at(-1)!.changes).toEqual(
      expect.arrayContaining([
        `Code: “${round.code}” → “2030-R9”`,
        `Title: “${round.title}” → “Second call for proposals 2030”`,
        "Opens: 15 January 2030, 09:00 (Brussels time) → 1 February 2030, 09:00 (Brussels time)",
        "Most partner institutions: 10 → 3",
        expect.stringMatching(/^Most words: Summary: [\d,]+ → 120$/),
        expect.stringMatching(/^Themes: .+ → Cybercrime$/),
      ]),
    );
  });

  it("saves nothing and records nothing when nothing changed", async () => {
    const round = makeRound({ open: false, code: "2030-SAME", closesAt: CLOSES });
    const before = tableCounts();
    expect(location(await save(round.id, await formOf(round.id)))).toBe(`/admin/rounds/${round.id}?notice=unchanged`);
    expect(tableCounts()).toEqual(before);
    expect(roundRow(round.id).version).toBe(round.version);
  });

  it("refuses a code another round uses, a page out of date, and broken values, keeping what was typed", async () => {
    const round = makeRound({ open: false, closesAt: CLOSES });
    const form = await formOf(round.id);
    const before = tableCounts();
    const taken = (await save(round.id, { ...form, code: "2026-r1", title: "Kept as typed" })) as Reply;
    expect(taken.result.error?.code).toEqual(["The code 2026-R1 is already used by “First call for proposals 2026”. Choose another code."]);
    expect(taken.result.initialValue).toMatchObject({ title: "Kept as typed" });
    const stale = (await save(round.id, { ...form, version: String(round.version - 1) })) as Reply;
    expect(stale.result.error?.[""]).toEqual(["Someone else changed this round meanwhile. Reload the page and try again."]);
    const broken = (await save(round.id, { ...form, themes: [], "limits.maxPartners": "0", closesAt: "2020-01-01T09:00" })) as Reply;
    expect(broken.result.error).toMatchObject({
      themes: ["Offer at least one theme."],
      "limits.maxPartners": ["Enter a whole number from 1 to 30."],
    });
    expect(broken.result.error?.closesAt).toContain("This closing time has passed. Choose one in the future.");
    expect(tableCounts()).toEqual(before);
    expect(roundRow(round.id)).toEqual(round);
  });

  it("keeps a rolling round rolling, whatever the form says", async () => {
    const round = makeRound({ open: false, mode: "rolling", closesAt: null });
    const page = await editView(round.id);
    expect(page.notes.current.mode).toBe("rolling");
    await save(round.id, { ...(await formOf(round.id)), mode: "deadline", closesAt: "2030-07-01T17:00", title: "Rolling intake 2030" });
    expect(roundRow(round.id)).toMatchObject({ mode: "rolling", closesAt: null, title: "Rolling intake 2030" });
  });
});

describe("editing a round once proposals were submitted", () => {
  function roundWithSubmission() {
    const round = makeRound({ closesAt: CLOSES });
    const id = driveTo("awaitingDecision", {
      round,
      content: { ...completeContent(), summary: Array.from({ length: 60 }, (_, i) => `word${i}`).join(" "), budgetEur: 120_000, durationMonths: 14, themes: ["drugTrafficking"], supportKinds: ["jointExercise"] },
      partners: [
        { institution: ALBANIAN_POLICE, status: "confirmed" },
        { institution: MK_PROSECUTION, status: "confirmed" },
      ],
    });
    return { round: roundRow(round.id), reference: db().query.proposals.findFirst({ where: (p, { eq: is }) => is(p.id, id) }).sync()!.reference! };
  }

  it("says beside each field what is fixed or bounded, and why", async () => {
    const { round, reference } = roundWithSubmission();
    const { notes } = await editView(round.id);
    expect(notes.fixed.code).toBe(`Fixed: it begins the references already given, such as ${reference}.`);
    expect(notes.fixed.opensAt).toMatch(/^Fixed: the round has opened/);
    expect(notes.fixed.closesAt).toBeNull();
    expect(notes.bounds).toMatchObject({
      closesAt: expect.stringMatching(/may close later, never earlier/),
      "limits.maxBudgetEur": `${reference} asks for €120,000, so the largest budget cannot be lower.`,
      "limits.maxDurationMonths": `${reference} runs for 14 months, so the longest duration cannot be shorter.`,
      "limits.maxPartners": `${reference} has 2 partners, so the limit cannot be lower.`,
      "limits.words.summary": expect.stringMatching(/'s “Summary” has 60 words, so the limit cannot be lower\.$/),
      themes: "Submitted proposals chose Drug trafficking: these stay offered.",
      supportKinds: "Submitted proposals chose Joint exercise: these stay offered.",
    });
  });

  it("refuses each change that would break what was submitted, all at once, and changes nothing", async () => {
    const { round } = roundWithSubmission();
    const form = await formOf(round.id);
    const before = tableCounts();
    const refused = (await save(round.id, {
      ...form,
      code: "OTHER-CODE",
      opensAt: "2030-01-01T09:00",
      closesAt: "2030-05-01T17:00",
      "limits.maxBudgetEur": "100000",
      "limits.maxDurationMonths": "12",
      "limits.maxPartners": "1",
      "limits.words.summary": "50",
      themes: ["cybercrime"],
      supportKinds: ["expertAdvice"],
    })) as Reply;
    expect(refused.result.error).toMatchObject({
      code: [expect.stringMatching(/^The code cannot change\. Fixed: it begins the references/)],
      opensAt: [expect.stringMatching(/^The opening time cannot change\./)],
      closesAt: [expect.stringMatching(/^The closing time cannot be earlier\./)],
      "limits.maxBudgetEur": [expect.stringMatching(/^Enter at least 120,000\./)],
      "limits.maxDurationMonths": [expect.stringMatching(/^Enter at least 14\./)],
      "limits.maxPartners": [expect.stringMatching(/^Enter at least 2\./)],
      "limits.words.summary": [expect.stringMatching(/^Enter at least 60\. TAF-.+'s “Summary” has 60 words, so the limit cannot be lower\.$/)],
      themes: [expect.stringMatching(/^“Drug trafficking” cannot be withdrawn: TAF-.+ chose it, so it stays offered\.$/)],
      supportKinds: [expect.stringMatching(/^“Joint exercise” cannot be withdrawn/)],
    });
    expect(tableCounts()).toEqual(before);
    expect(roundRow(round.id)).toEqual(round);
  });

  it("lets the deadline move later and the limits loosen", async () => {
    const { round } = roundWithSubmission();
    const form = await formOf(round.id);
    expect(location(await save(round.id, { ...form, closesAt: "2030-07-15T17:00", "limits.maxBudgetEur": "120000", "limits.maxPartners": "2" }))).toBe(
      `/admin/rounds/${round.id}?notice=edited`,
    );
    expect(roundRow(round.id)).toMatchObject({ closesAt: new Date("2030-07-15T15:00:00.000Z"), settings: expect.objectContaining({ limits: expect.objectContaining({ maxBudgetEur: 120_000, maxPartners: 2 }) }) });
  });

  it("fixes the review settings once a review is submitted, says why, and refuses a change", async () => {
    const { round } = roundWithSubmission();
    const proposalId = db().query.proposals.findFirst({ where: (p, { eq: is }) => is(p.roundId, round.id) }).sync()!.id;
    const [assignment] = assignReviewers(proposalId, ["reviewer.eu@taf.example"]);
    expect((await editView(round.id)).notes.fixed.review).toBeNull();

    markReviewSubmitted(assignment!);
    const { notes } = await editView(round.id);
    expect(notes.fixed.review).toMatch(/^Fixed: 1 review of this round is submitted, the first on .+\. Reviewers were given their time to score/);
    expect(notes.current).toMatchObject({ minimumReviews: 2, reviewDays: 14 });
    const form = await formOf(round.id);
    const before = tableCounts();
    const refused = (await save(round.id, { ...form, minimumReviews: "3", reviewDays: "21" })) as Reply;
    expect(refused.result.error).toMatchObject({
      minimumReviews: [expect.stringMatching(/^The reviews needed cannot change\. Fixed: 1 review of this round is submitted/)],
      reviewDays: [expect.stringMatching(/^The days to score cannot change\./)],
    });
    expect(tableCounts()).toEqual(before);
    expect(roundRow(round.id)).toEqual(round);
    // What else may change still does.
    expect(location(await save(round.id, { ...form, title: "First call, reviewed" }))).toBe(`/admin/rounds/${round.id}?notice=edited`);
  });

  it("fixes the closing time of a closed round: reopening is its own step", async () => {
    const { round } = roundWithSubmission();
    applyRoundCommand({ roundId: round.id, actor: administrator(), command: { type: "CLOSE" } });
    const { notes } = await editView(round.id);
    expect(notes.fixed.closesAt).toMatch(/^Fixed: the round is closed\. To take proposals again, reopen it/);
    const closed = roundRow(round.id);
    const refused = (await save(round.id, { ...(await formOf(round.id)), closesAt: "2030-08-01T17:00" })) as Reply;
    expect(refused.result.error?.closesAt).toEqual([expect.stringMatching(/^The closing time cannot change\. Fixed: the round is closed/)]);
    expect(roundRow(round.id)).toEqual(closed);
  });
});

describe("cancelling a planned round", () => {
  it("needs a reason and the box ticked, ends the round for good and shows why in its history", async () => {
    const round = makeRound({ open: false, closesAt: CLOSES });
    expect((await view(round.id)).actions).toEqual(["OPEN", "CANCEL"]);
    const before = tableCounts();
    const unticked = (await act(round.id, { event: "CANCEL", version: String(round.version), reason: "Funding moved to 2031." })) as Reply;
    expect(unticked.result.error?.confirm).toEqual(["Tick the box to confirm that the round is cancelled for good."]);
    const noReason = (await act(round.id, { event: "CANCEL", version: String(round.version), reason: "  ", confirm: "on" })) as Reply;
    expect(noReason.result.error?.[""]).toEqual(["A reason is required."]);
    expect(tableCounts()).toEqual(before);

    const reason = "The steering committee moved the funding to 2031.";
    expect(location(await act(round.id, { event: "CANCEL", version: String(round.version), reason, confirm: "on" }))).toBe(`/admin/rounds/${round.id}?notice=cancelled`);
    const page = await view(round.id);
    expect(page.round).toMatchObject({ state: "cancelled", stateLabel: "Cancelled" });
    expect(page.actions).toEqual([]);
    expect(page.editable).toBe(false);
    expect(page.history.at(-1)).toMatchObject({ who: "Anna Keller (TAF team)", what: "cancelled the round", reason });
    expect(page.statechart.alt).toMatch(/Current state: Cancelled/);
    expect(await pictureAt(page.statechart.src, admin)).toMatch(/Current state: Cancelled/);
  });

  it("is refused once the round is open, and a cancelled round cannot be edited", async () => {
    const open = makeRound({ closesAt: CLOSES });
    const refused = (await act(open.id, { event: "CANCEL", version: String(open.version), reason: "Too late.", confirm: "on" })) as Reply;
    expect(refused.result.error?.[""]).toEqual(["No one can cancel the round while it is open."]);
    expect(roundRow(open.id).state).toBe("open");

    const planned = makeRound({ open: false, closesAt: CLOSES });
    applyRoundCommand({ roundId: planned.id, actor: administrator(), command: { type: "CANCEL", reason: "Merged into the next call." } });
    expect((await editView(planned.id)).closed).toBe("The round is cancelled: it can no longer be changed.");
    const form = { version: String(roundRow(planned.id).version), title: "Brought back", mode: "deadline", minimumReviews: "2", reviewDays: "14" };
    const before = tableCounts();
    const edited = (await save(planned.id, { ...VALID_FIELDS, ...form })) as Reply;
    expect(edited.result.error?.[""]).toEqual(["The round is cancelled: it can no longer be changed."]);
    expect(tableCounts()).toEqual(before);
  });
});

describe("the edit page", () => {
  it("is there only for a round that exists", async () => {
    expect(statusOf(await load(editPage, "/admin/rounds/999999/edit", { cookie: admin, params: { roundId: "999999" } }))).toBe(404);
    expect(statusOf(await save(999999, { version: "1" }))).toBe(404);
  });

  it("draws the round's statechart on its page, marking where it is and where it has been", async () => {
    const round = makeRound({ closesAt: CLOSES });
    const { statechart } = await view(round.id);
    const open = await pictureAt(statechart.src, admin);
    expect(open).toMatch(/^<svg/);
    expect(open).toMatch(/Current state: Open\./);
    expect(statechart.alt).toMatch(/Current state: Open\./);
    const taken = (svg: string) => (svg.match(/class="transition taken"/g) ?? []).length;
    // Planned, then open: one arrow taken; closing takes a second.
    expect(taken(open)).toBe(1);
    applyRoundCommand({ roundId: round.id, actor: administrator(), command: { type: "CLOSE" } });
    const closed = (await view(round.id)).statechart;
    expect(closed.alt).toMatch(/Current state: Closed\./);
    const closedSvg = await pictureAt(closed.src, admin);
    expect(closedSvg).toMatch(/Current state: Closed\./);
    expect(taken(closedSvg)).toBe(2);
  });
});

/** Every other field of the form, valid: only the round's state stands in the way. */
const VALID_FIELDS = {
  "limits.maxBudgetEur": "150000",
  "limits.maxDurationMonths": "24",
  "limits.maxPartners": "10",
  "limits.words.summary": "150",
  "limits.words.problem": "400",
  "limits.words.objectives": "250",
  "limits.words.activities": "400",
  "limits.words.expectedResults": "250",
  themes: ["cybercrime"],
  supportKinds: ["expertAdvice"],
};
