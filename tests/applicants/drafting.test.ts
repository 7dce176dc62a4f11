import { and, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox, proposalEvents, proposalPartners, proposals, proposalVersions, rounds } from "../../db/schema";
import { db } from "../../app/db.server";
import * as send from "../../app/routes/proposals.$proposalId.submit";
import * as edit from "../../app/routes/proposals.$proposalId.edit";
import * as start from "../../app/routes/proposals.new";
import { createProposal } from "../../app/proposals/workflow.server";
import { draftSchema } from "../../app/proposals/content-schema";
import { getZodConstraint } from "@conform-to/zod/v4";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId, institutionId, proposalRow, roundIdByCode as roundId, userId } from "../workflow-server/builders";

// Drafting a proposal and submitting it, through the pages' loaders and actions: who may, what
// a draft may hold, the lost-update check, the blockers before submission, and the submission
// and the answer to a clarification request themselves.

const cookies: Record<string, string> = {};

useDatabase("demo");

beforeEach(async () => {
  for (const who of ["xk", "al", "rs", "me"]) cookies[who] = await signInAs(`applicant.${who}@taf.example`);
  cookies.reviewer = await signInAs("reviewer.eu@taf.example");
  cookies.admin = await signInAs("admin@taf.example");
});

// Demo proposals: "cybercrime" a Kosovo* Police draft with the Serbian OC prosecutor only
// invited; "victims" with a clarification requested of Montenegro's Ministry of Justice.
const cybercrime = () => demoProposalId("cybercrime");
const victims = () => demoProposalId("victims");
const countOf = (table: typeof proposals | typeof outbox | typeof proposalEvents | typeof proposalVersions) => db().select({ n: count() }).from(table).get()!.n;

type Reply = { result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
type SaveReply = Reply & { savedAt: string | null; revision: number; conflict: boolean; problem: string | null; problems: Record<string, string[]> | null };
type EditPage = Awaited<ReturnType<typeof edit.loader>>;
type Preview = Awaited<ReturnType<typeof send.loader>>;

function location(result: unknown) {
  expect(result).toBeInstanceOf(Response);
  return (result as Response).headers.get("Location");
}

const editPath = (id: number) => [`/proposals/${id}/edit`, { proposalId: String(id) }] as const;
const submitPath = (id: number) => [`/proposals/${id}/submit`, { proposalId: String(id) }] as const;

async function editPage(id: number, who = "xk") {
  const [path, params] = editPath(id);
  return (await load(edit, path, { cookie: cookies[who], params })) as EditPage;
}

async function save(id: number, form: Record<string, string | string[]>, who = "xk") {
  const [path, params] = editPath(id);
  return (await submit(edit, path, { intent: "save", ...form }, { cookie: cookies[who], params })) as SaveReply;
}

async function preview(id: number, who = "xk") {
  const [path, params] = submitPath(id);
  return (await load(send, path, { cookie: cookies[who], params })) as Preview;
}

async function startDraft(title: string, round = "2026-R2") {
  const result = await submit(start, "/proposals/new", { roundId: String(roundId(round)), institutionId: String(institutionId("Kosovo* Police")), title }, { cookie: cookies.xk });
  const match = /^\/proposals\/(\d+)\/edit\?notice=started$/.exec(location(result) ?? "");
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i + 1}`).join(" ");

const complete = {
  title: "Joint controls of firearms trafficking routes",
  summary: "Kosovo* Police and the Albanian State Police plan joint controls on the routes used to move firearms.",
  problem: "Firearms cross the border between Albania and Kosovo* in small consignments that each police sees only in part.",
  objectives: "A shared picture of the routes and a plan for joint controls.",
  activities: "An operational meeting, a joint exercise and a study visit to an EU border police.",
  expectedResults: "Joint controls in place and a contact point on each side.",
  themes: ["firearmsTrafficking", "informationExchange"],
  supportKinds: ["networkingMeeting", "jointExercise"],
  intendedStart: "2027-03-01",
  durationMonths: "9",
  budgetEur: "48000",
  contactPerson: "Arben Krasniqi, Head of the Directorate against Narcotics, Kosovo* Police (applicant.xk@taf.example)",
};

describe("starting a proposal", () => {
  it("offers the open rounds, each with its deadline, and the applicant's institution as the lead", async () => {
    const page = (await load(start, "/proposals/new", { cookie: cookies.xk })) as Awaited<ReturnType<typeof start.loader>>;
    expect(page.rounds.map((r) => r.code).sort()).toEqual(["2026-R2", "ROLLING"]);
    const deadline = page.rounds.find((r) => r.code === "2026-R2")!;
    expect(deadline).toMatchObject({ mode: "deadline", state: "open", closesAt: expect.any(String) });
    expect(page.rounds.find((r) => r.code === "ROLLING")).toMatchObject({ mode: "rolling", closesAt: null });
    expect(page.institutions).toEqual([{ id: institutionId("Kosovo* Police"), name: "Kosovo* Police", country: { name: "Kosovo", needsFootnote: true } }]);
  });

  it("creates the draft led by the applicant's institution and opens it for editing", async () => {
    const id = await startDraft("Joint patrols on the northern border");
    const row = proposalRow(id);
    expect(row).toMatchObject({ leadInstitutionId: institutionId("Kosovo* Police"), createdByUserId: userId("applicant.xk@taf.example"), title: "Joint patrols on the northern border", state: "draft", reference: null });
    const history = db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, id)).all();
    expect(history.map((e) => e.type)).toEqual(["CREATE"]);
    expect((await editPage(id)).values).toEqual({ title: "Joint patrols on the northern border" });
  });

  it("refuses a closed round, another institution, and a blank title, beside the field, creating nothing", async () => {
    const before = countOf(proposals);
    const closed = (await submit(start, "/proposals/new", { roundId: String(roundId("2026-R1")), institutionId: String(institutionId("Kosovo* Police")), title: "Late idea" }, { cookie: cookies.xk })) as Reply;
    expect(closed.result.error?.roundId?.[0]).toMatch(/“First call for proposals 2026” is closed: it accepts no more proposals/);
    expect(closed.result.initialValue?.title).toBe("Late idea");
    const other = (await submit(start, "/proposals/new", { roundId: String(roundId("ROLLING")), institutionId: String(institutionId("Albanian State Police")), title: "Not ours" }, { cookie: cookies.xk })) as Reply;
    expect(other.result.error?.institutionId?.[0]).toMatch(/only for an institution you work for/);
    const blank = (await submit(start, "/proposals/new", { roundId: String(roundId("ROLLING")), institutionId: String(institutionId("Kosovo* Police")), title: "  " }, { cookie: cookies.xk })) as Reply;
    expect(blank.result.error?.title?.[0]).toMatch(/working title/);
    expect(countOf(proposals)).toBe(before);
  });

  it("is for applicants only", async () => {
    expect(statusOf(await load(start, "/proposals/new", { cookie: cookies.reviewer }))).toBe(403);
    expect(statusOf(await submit(start, "/proposals/new", { roundId: String(roundId("ROLLING")), institutionId: String(institutionId("Kosovo* Police")), title: "x" }, { cookie: cookies.admin }))).toBe(403);
    expect(location(await load(start, "/proposals/new"))).toMatch(/^\/login/);
  });
});

describe("editing a draft", () => {
  it("saves an incomplete draft: title, content and updatedAt only, no state change", async () => {
    const id = await startDraft("A draft to fill in");
    const page = await editPage(id);
    expect(page.limits).toEqual({ maxBudgetEur: 150000, maxDurationMonths: 24, maxPartners: 10, words: { summary: 150, problem: 400, objectives: 250, activities: 400, expectedResults: 250 } });
    const before = proposalRow(id);
    const eventsBefore = countOf(proposalEvents);
    const reply = await save(id, { revision: String(page.revision), title: "A draft, half written", summary: "Only a summary so far.", themes: ["cybercrime"], budgetEur: "", intendedStart: "" });
    expect(reply.savedAt).not.toBeNull();
    expect(reply.revision).toBeGreaterThan(page.revision);
    const after = proposalRow(id);
    expect(after.title).toBe("A draft, half written");
    expect(after.content).toEqual({ summary: "Only a summary so far.", themes: ["cybercrime"] });
    expect(after.updatedAt.getTime()).toBe(reply.revision);
    expect({ state: after.state, version: after.version, snapshot: after.snapshot }).toEqual({ state: before.state, version: before.version, snapshot: before.snapshot });
    expect(countOf(proposalEvents)).toBe(eventsBefore);
    // The next save builds on the revision the last one returned.
    expect((await save(id, { revision: String(reply.revision), summary: "A better summary." })).savedAt).not.toBeNull();
  });

  it("saves over-limit answers as typed and says beside each what to correct before submitting, with and without JavaScript", async () => {
    const id = await startDraft("Limits");
    const page = await editPage(id);
    // A post as the form sends it without JavaScript (the Save button) and as autosave sends it.
    for (const intent of ["save", "autosave"]) {
      const revision = String((await editPage(id)).revision);
      const reply = await save(id, { intent, revision, summary: words(151), objectives: "Typed after the summary.", budgetEur: "150001", durationMonths: "30", contactPerson: "Arben" });
      expect(reply.savedAt).not.toBeNull();
      expect(reply.result.error ?? {}).toEqual({});
      expect(reply.problems).toEqual({
        summary: ["Use at most 150 words. This text has 151: shorten it by 1."],
        durationMonths: ["This round allows at most 24 months."],
        budgetEur: ["This round allows at most EUR 150,000."],
      });
    }
    expect(proposalRow(id).content).toMatchObject({ summary: words(151), objectives: "Typed after the summary.", budgetEur: 150001, durationMonths: 30 });
    // The page opened again shows the answers as saved, and the same notes beside them.
    const again = await editPage(id);
    expect(again.values).toMatchObject({ summary: words(151), objectives: "Typed after the summary." });
    expect(Object.keys(again.problems)).toEqual(["summary", "durationMonths", "budgetEur"]);
    expect(page.problems).toEqual({});
    // Exactly at the limit is fine.
    const fixed = await save(id, { revision: String(again.revision), summary: words(150), budgetEur: "150000" });
    expect(fixed.problems).toEqual({});
  });

  it("refuses only what cannot be stored, beside its field, keeping what was typed and writing nothing", async () => {
    const id = await startDraft("Malformed");
    const page = await editPage(id);
    const before = proposalRow(id);
    const reply = await save(id, {
      revision: String(page.revision),
      summary: words(151),
      intendedStart: "2026-02-30",
      themes: ["drugTrafficking", "notATheme"],
      contactPerson: "Arben",
    });
    expect(reply.savedAt).toBeNull();
    const error = reply.result.error!;
    expect(error.summary).toBeUndefined();
    expect(error.intendedStart?.[0]).toMatch(/does not exist/);
    expect(Object.entries(error).some(([name, messages]) => name.startsWith("themes") && messages?.[0] === "Choose themes from the list.")).toBe(true);
    expect(reply.problem).toMatch(/^Not saved: /);
    expect(reply.result.initialValue?.summary).toBe(words(151));
    expect(reply.result.initialValue?.contactPerson).toBe("Arben");
    expect(proposalRow(id)).toEqual(before);

    const commas = await save(id, { revision: String(page.revision), budgetEur: "45,000" });
    expect(commas.result.error?.budgetEur?.[0]).toMatch(/as a number, for example 45000/);
  });

  it("caps every text in characters: a 200,000-character word is refused with its length, and the form's inputs carry the cap", async () => {
    const id = await startDraft("Characters");
    const page = await editPage(id);
    const before = proposalRow(id);
    const reply = await save(id, { revision: String(page.revision), summary: "x".repeat(200_000), title: "T".repeat(301), objectives: "Kept." });
    expect(reply.savedAt).toBeNull();
    expect(reply.result.error?.summary?.[0]).toBe("Use at most 1,800 characters. This text has 200,000.");
    expect(reply.result.error?.title?.[0]).toBe("Use at most 300 characters. This text has 301.");
    expect(reply.result.initialValue?.objectives).toBe("Kept.");
    expect(proposalRow(id)).toEqual(before);
    // A line break counts once, as the browser's maxLength counts it, although a form sends two characters.
    const lines = Array.from({ length: 360 }, () => "word").join("\r\n");
    expect(lines.length).toBeGreaterThan(1800);
    const saved = await save(id, { revision: String(page.revision), summary: lines });
    expect(saved.result.error?.summary).toBeUndefined();
    expect(saved.savedAt).not.toBeNull();
    expect(getZodConstraint(draftSchema(page.limits))).toMatchObject({ title: { maxLength: 300 }, summary: { maxLength: 1800 }, problem: { maxLength: 4800 }, contactPerson: { maxLength: 300 } });
  });

  it("takes its limits from the round's settings", async () => {
    const id = await startDraft("A smaller round");
    const r2 = db().select().from(rounds).where(eq(rounds.code, "2026-R2")).get()!;
    db().update(rounds).set({ settings: { ...r2.settings, limits: { maxBudgetEur: 50000, words: { summary: 20 } } } }).where(eq(rounds.id, r2.id)).run();
    try {
      const page = await editPage(id);
      expect(page.limits).toMatchObject({ maxBudgetEur: 50000, words: { summary: 20, problem: 400 } });
      const reply = await save(id, { revision: String(page.revision), summary: words(21), budgetEur: "60000" });
      expect(reply.savedAt).not.toBeNull();
      expect(reply.problems?.summary?.[0]).toMatch(/at most 20 words/);
      expect(reply.problems?.budgetEur?.[0]).toBe("This round allows at most EUR 50,000.");
    } finally {
      db().update(rounds).set({ settings: r2.settings }).where(eq(rounds.id, r2.id)).run();
    }
  });

  it("saves the demo drafts as they are", async () => {
    for (const [id, who] of [[cybercrime(), "xk"], [demoProposalId("stolenVehicles"), "al"]] as const) {
      const page = await editPage(id, who);
      const form = Object.fromEntries(Object.entries(page.values).map(([key, value]) => [key, Array.isArray(value) ? value : String(value)]));
      const reply = await save(id, { revision: String(page.revision), ...form }, who);
      expect(reply.problem).toBeNull();
      expect(proposalRow(id).content).toEqual(Object.fromEntries(Object.entries(page.values).filter(([key]) => key !== "title")));
    }
  });

  it("refuses a save over a newer one as a conflict, keeping what was typed", async () => {
    const id = await startDraft("Two editors");
    const page = await editPage(id);
    expect((await save(id, { revision: String(page.revision), summary: "Written in the first tab." })).savedAt).not.toBeNull();
    const stale = await save(id, { revision: String(page.revision), summary: "Written in the second tab." });
    expect(stale).toMatchObject({ savedAt: null, conflict: true, revision: page.revision });
    expect(stale.result.error?.[""]?.[0]).toMatch(/someone else changed this proposal after you opened it/);
    expect(stale.result.initialValue?.summary).toBe("Written in the second tab.");
    expect(proposalRow(id).content).toEqual({ summary: "Written in the first tab." });
    // A form without its revision cannot overwrite anything either.
    expect((await save(id, { summary: "No revision" })).conflict).toBe(true);
  });

  it("is for the lead's applicants only: 404 to others, 403 to an invited partner, and nothing changes", async () => {
    const before = proposalRow(cybercrime());
    const [path, params] = editPath(cybercrime());
    const [previewPath] = submitPath(cybercrime());
    // Albanian State Police takes no part in demo proposal 8.
    expect(statusOf(await load(edit, path, { cookie: cookies.al, params }))).toBe(404);
    expect(statusOf(await submit(edit, path, { intent: "save", revision: String(before.updatedAt.getTime()), summary: "Hijacked" }, { cookie: cookies.al, params }))).toBe(404);
    expect(statusOf(await load(send, previewPath, { cookie: cookies.al, params }))).toBe(404);
    expect(statusOf(await submit(send, previewPath, { intent: "submit", version: String(before.version), revision: String(before.updatedAt.getTime()) }, { cookie: cookies.al, params }))).toBe(404);
    // The Serbian prosecutor's office is invited: it sees the proposal but does not edit it.
    expect(statusOf(await load(edit, path, { cookie: cookies.rs, params }))).toBe(403);
    expect(statusOf(await submit(edit, path, { intent: "save", revision: String(before.updatedAt.getTime()), summary: "Hijacked" }, { cookie: cookies.rs, params }))).toBe(403);
    expect(statusOf(await submit(send, previewPath, { intent: "submit", version: String(before.version), revision: String(before.updatedAt.getTime()) }, { cookie: cookies.rs, params }))).toBe(403);
    expect(proposalRow(cybercrime())).toEqual(before);
    // Once in implementation, not even the lead edits.
    expect(statusOf(await load(edit, `/proposals/${demoProposalId("drugNetworks")}/edit`, { cookie: cookies.xk, params: { proposalId: String(demoProposalId("drugNetworks")) } }))).toBe(403);
  });
});

describe("preview and submit", () => {
  it("lists a proposal that is not joint, with the invited partner and where to fix it, and refuses to submit it", async () => {
    const page = await preview(cybercrime());
    expect(page).toMatchObject({ step: "submit", canSubmit: false, isJoint: false });
    expect(page.blockers).toEqual([
      {
        text: "Not joint yet: institutions from at least two Western Balkan countries must confirm that they take part. So far only Kosovo*. Invited but not confirmed yet: Prosecutor's Office for Organised Crime of Serbia (Serbia).",
        fix: { href: `/proposals/${cybercrime()}/partners`, label: "See the partners" },
      },
    ]);
    const mailBefore = countOf(outbox);
    const [path, params] = submitPath(cybercrime());
    const refused = (await submit(send, path, { intent: "submit", version: String(page.version), revision: String(page.revision) }, { cookie: cookies.xk, params })) as Reply;
    expect(refused.result.error?.[""]?.[0]).toMatch(/at least two Western Balkan countries must have confirmed/);
    expect(proposalRow(cybercrime())).toMatchObject({ state: "draft", reference: null });
    expect(countOf(outbox)).toBe(mailBefore);
  });

  it("lists every missing part with a link to its field", async () => {
    const id = await startDraft("Only a title");
    const page = await preview(id);
    expect(page.canSubmit).toBe(false);
    const missing = page.blockers.filter((b) => b.text.endsWith("is not answered yet."));
    expect(missing.map((b) => b.fix?.href)).toEqual(
      ["summary", "problem", "objectives", "activities", "expectedResults", "themes", "supportKinds", "intendedStart", "durationMonths", "budgetEur", "contactPerson"].map((key) => `/proposals/${id}/edit#part-${key}`),
    );
    expect(missing[0]).toEqual({ text: "“Summary” is not answered yet.", fix: { href: `/proposals/${id}/edit#part-summary`, label: "Answer “Summary”" } });
    expect(page.blockers[0]!.text).toMatch(/^Not joint yet/);
  });

  it("lists a closed round, pointing to the open ones", async () => {
    const id = db().transaction((tx) => {
      const draft = createProposal(tx, {
        roundId: roundId("2026-R1"),
        leadInstitutionId: institutionId("Kosovo* Police"),
        createdBy: { userId: userId("applicant.xk@taf.example"), role: "applicant", institutionId: institutionId("Kosovo* Police") },
        title: complete.title,
        content: { ...complete, durationMonths: 9, budgetEur: 48000 },
      });
      tx.insert(proposalPartners).values({ proposalId: draft.id, institutionId: institutionId("Albanian State Police"), status: "confirmed", invitedAt: new Date(), respondedAt: new Date() }).run();
      return draft.id;
    });
    const page = await preview(id);
    expect(page.canSubmit).toBe(false);
    expect(page.blockers).toEqual([{ text: "“First call for proposals 2026” is closed: it accepts no more proposals.", fix: { href: "/proposals/new", label: "Start a proposal in an open round" } }]);
  });

  it("submits a complete joint draft: reference, version 1 frozen, confirmation mail to the lead and the partner", async () => {
    const id = await startDraft("Firearms routes");
    const saved = await save(id, { revision: String((await editPage(id)).revision), ...complete });
    expect(saved.problem).toBeNull();
    db().insert(proposalPartners).values({ proposalId: id, institutionId: institutionId("Albanian State Police"), status: "confirmed", statement: "We run the controls on our side.", invitedAt: new Date(), respondedAt: new Date() }).run();

    const page = await preview(id);
    expect(page).toMatchObject({ step: "submit", canSubmit: true, blockers: [], warnings: [], isJoint: true });
    expect(page.jointCountries).toEqual([{ name: "Albania", needsFootnote: false }, { name: "Kosovo", needsFootnote: true }]);
    expect(page.content).toMatchObject({ budgetEur: 48000, durationMonths: 9, themes: complete.themes });

    // Saved again after the preview was loaded: what was read is not what would be sent.
    const [path, params] = submitPath(id);
    await save(id, { revision: String(saved.revision), ...complete, summary: `${complete.summary} Changed in another tab.` });
    const stale = (await submit(send, path, { intent: "submit", version: String(page.version), revision: String(page.revision) }, { cookie: cookies.xk, params })) as Reply;
    expect(stale.result.error?.[""]?.[0]).toMatch(/changed after you opened this page/);
    expect(proposalRow(id).state).toBe("draft");

    const fresh = await preview(id);
    const result = await submit(send, path, { intent: "submit", version: String(fresh.version), revision: String(fresh.revision) }, { cookie: cookies.xk, params });
    expect(location(result)).toBe(`/proposals/${id}?notice=submitted`);
    const row = proposalRow(id);
    expect(row.reference).toMatch(/^TAF-2026-R2-\d{3}$/);
    expect(row.state).toBe("eligibility.awaitingDecision");
    const versions = db().select().from(proposalVersions).where(eq(proposalVersions.proposalId, id)).all();
    expect(versions.map((v) => [v.kind, v.number])).toEqual([["proposal", 1]]);
    expect(versions[0]!.content).toMatchObject({ summary: `${complete.summary} Changed in another tab.` });
    const mail = db().select().from(outbox).where(eq(outbox.template, "proposal-submitted")).all().filter((m) => m.idempotencyKey.includes(":proposal-submitted:"));
    const recipients = mail.filter((m) => m.text.includes(row.reference!)).map((m) => m.recipient).sort();
    expect(recipients).toEqual(["applicant.al@taf.example", "applicant.xk@taf.example"]);
    // Submitted, it is no longer a draft to edit or submit.
    expect(statusOf(await load(edit, `/proposals/${id}/edit`, { cookie: cookies.xk, params: { proposalId: String(id) } }))).toBe(403);
    expect(statusOf(await load(send, path, { cookie: cookies.xk, params }))).toBe(403);
  });

  it("refuses to submit a draft over the round's limits, saying which part and linking to it", async () => {
    const id = await startDraft("Too long");
    const saved = await save(id, { revision: String((await editPage(id)).revision), ...complete, summary: words(160) });
    expect(saved.savedAt).not.toBeNull();
    db().insert(proposalPartners).values({ proposalId: id, institutionId: institutionId("Albanian State Police"), status: "confirmed", statement: "We run the controls on our side.", invitedAt: new Date(), respondedAt: new Date() }).run();

    const page = await preview(id);
    expect(page.canSubmit).toBe(false);
    expect(page.blockers).toEqual([
      { text: "“Summary”: Use at most 150 words. This text has 160: shorten it by 10.", fix: { href: `/proposals/${id}/edit#part-summary`, label: "Correct “Summary”" } },
    ]);
    const [path, params] = submitPath(id);
    const refused = (await submit(send, path, { intent: "submit", version: String(page.version), revision: String(page.revision) }, { cookie: cookies.xk, params })) as Reply;
    expect(JSON.stringify(refused.result.error)).toMatch(/These parts break the round's limits: Summary/);
    expect(proposalRow(id).state).toBe("draft");
  });

  it("blocks submission until every invited partner has answered, even when the proposal is joint", async () => {
    const id = await startDraft("Three countries");
    await save(id, { revision: String((await editPage(id)).revision), ...complete });
    db().insert(proposalPartners).values([
      { proposalId: id, institutionId: institutionId("Albanian State Police"), status: "confirmed", invitedAt: new Date(), respondedAt: new Date() },
      { proposalId: id, institutionId: institutionId("Ministry of Interior of North Macedonia"), status: "invited", invitedAt: new Date() },
    ]).run();
    const page = await preview(id);
    expect(page.canSubmit).toBe(false);
    expect(page.blockers).toEqual([
      {
        text: "Ministry of Interior of North Macedonia (North Macedonia) has not answered the invitation yet. Every invited partner confirms or declines before submission; the TAF team's eligibility check asks for it too.",
        fix: { href: `/proposals/${id}/partners`, label: "See the partners, or remove one who will not answer" },
      },
    ]);
    db().update(proposalPartners).set({ status: "declined", respondedAt: new Date() }).where(and(eq(proposalPartners.proposalId, id), eq(proposalPartners.institutionId, institutionId("Ministry of Interior of North Macedonia")))).run();
    const answered = await preview(id);
    expect(answered.canSubmit).toBe(true);
    expect(answered.blockers).toEqual([]);
  });
});

describe("answering a clarification request", () => {
  it("lets the lead edit, then answer in writing and resubmit as version 2", async () => {
    const editing = await editPage(victims(), "me");
    expect(editing.clarification?.question).toMatch(/Which police units and victim support services/);
    expect(editing.clarification?.dueAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const saved = await save(victims(), { revision: String(editing.revision), ...Object.fromEntries(Object.entries(editing.values).map(([k, v]) => [k, Array.isArray(v) ? v : String(v)])), activities: "A joint workshop on indicators with the border police of both countries and the victim support services (as participants), a practice exchange on recorded hearings and a training for first-line officials." }, "me");
    expect(saved.problem).toBeNull();

    const page = await preview(victims(), "me");
    expect(page).toMatchObject({ step: "respond", canSubmit: false, blockers: [] });
    const [path, params] = submitPath(victims());
    const blank = (await submit(send, path, { intent: "respond", version: String(page.version), revision: String(page.revision), message: "  " }, { cookie: cookies.me, params })) as Reply;
    expect(blank.result.error?.message?.[0]).toBe("Write your answer to the TAF team's question.");
    expect(proposalRow(victims()).state).toBe("eligibility.clarificationRequested");

    const answer = "The border police units of both countries and two victim support services take part as participants, not partners. Recorded hearings are allowed under the criminal procedure codes of both countries.";
    const result = await submit(send, path, { intent: "respond", version: String(page.version), revision: String(page.revision), message: answer }, { cookie: cookies.me, params });
    expect(location(result)).toBe(`/proposals/${victims()}?notice=resubmitted`);
    expect(proposalRow(victims()).state).toBe("eligibility.awaitingDecision");
    const versions = db().select().from(proposalVersions).where(and(eq(proposalVersions.proposalId, victims()), eq(proposalVersions.kind, "proposal"))).orderBy(proposalVersions.number).all();
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[1]!.content).toMatchObject({ activities: expect.stringMatching(/victim support services \(as participants\)/) });
    const respond = db().select().from(proposalEvents).where(and(eq(proposalEvents.proposalId, victims()), eq(proposalEvents.type, "RESPOND"))).get();
    expect(respond?.payload).toMatchObject({ message: answer });
  });
});
