import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as concept from "../../app/routes/proposals.$proposalId.concept";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import { CONFLICT_MESSAGE } from "../../app/proposals/workflow.server";
import { outbox, proposalEvents, proposals, proposalVersions } from "../../db/schema";
import { load, signInAs, statusOf, submit } from "../support/http";
import { demoProposalId, driveTo, institutionId, RS_PROSECUTION } from "../workflow-server/builders";
import { useDatabase } from "../support/database";

// The concept note of a promising proposal. The demo's "following the money" (led by Serbia's
// Prosecutor's Office for Organised Crime, with SIPA as partner) is back in drafting after the
// TAF team asked for a revision; "drug networks" is in implementation with its concept note
// approved; "cocaine routes" never reached conceptual work.
const followTheMoney = () => demoProposalId("followTheMoney");
const drugNetworks = () => demoProposalId("drugNetworks");

type Page = Awaited<ReturnType<typeof concept.loader>>;
type Reply = {
  result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null };
  notice: string | null;
  refusal: string | null;
};

const LEAD = "applicant.rs@taf.example";
const SIPA = "State Investigation and Protection Agency (SIPA)";
const PARTNER = "applicant.ba@taf.example";

useDatabase("demo");

const view = async (id: number, email: string) => load(concept, `/proposals/${id}/concept`, { cookie: await signInAs(email), params: { proposalId: String(id) } });
const post = async (id: number, email: string, form: Record<string, string>) =>
  submit(concept, `/proposals/${id}/concept`, form, { cookie: await signInAs(email), params: { proposalId: String(id) } });
const row = (id: number) => db().select().from(proposals).where(eq(proposals.id, id)).get()!;
const conceptVersions = (id: number) =>
  db()
    .select()
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, id), eq(proposalVersions.kind, "conceptNote")))
    .orderBy(proposalVersions.number)
    .all();
const lastEvent = (id: number) => db().select().from(proposalEvents).where(eq(proposalEvents.proposalId, id)).orderBy(desc(proposalEvents.id)).get()!;
const ANSWER_REQUIRED = "Write your answer to the revision request: what you changed and why.";
const storedNote = (id: number) => row(id).content.conceptNote as { activities: Record<string, unknown>[]; budgetLines: Record<string, unknown>[]; risks: string; mitigation: string };

/** A complete note (two activities, three budget lines, risks) in the form's field names. */
function completeNote() {
  return {
    ...activity(0),
    ...activity(1, { kind: "networkingMeeting", title: "Operational meeting on the first case", date: "2027-04-20", place: "Sarajevo", participants: "12" }),
    "budgetLines[0].item": "Travel and accommodation",
    "budgetLines[0].amountEur": "21000",
    "budgetLines[1].item": "Interpretation",
    "budgetLines[1].amountEur": "6000",
    "budgetLines[2].item": "Experts on asset recovery",
    "budgetLines[2].amountEur": "11000",
    risks: "Operational information could leak in mixed meetings.",
    mitigation: "Only what the prosecutors clear beforehand is discussed; case files stay with the national teams.",
  };
}

/** A complete activity in the form's field names. */
function activity(index: number, values: Partial<Record<string, string>> = {}) {
  const fields = {
    kind: "capacityBuilding",
    title: "Joint workshop on financial investigations",
    date: "2027-03-10",
    place: "Belgrade",
    // Ticked among the proposal's institutions: the lead and its confirmed partner.
    "institutionIds[0]": String(institutionId(RS_PROSECUTION)),
    "institutionIds[1]": String(institutionId(SIPA)),
    participants: "25",
    ...values,
  };
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [`activities[${index}].${name}`, value ?? ""]));
}

describe("who sees the concept note", () => {
  it("shows the lead a form with the saved note, the revision request and the proposal's countries", async () => {
    const page = (await view(followTheMoney(), LEAD)) as Page;
    expect(page.canEdit).toBe(true);
    expect(page.stateLabel).toBe("Concept note: waiting for the lead institution");
    expect(page.revisions.openRequest?.reason).toMatch(/split the budget into lines/);
    expect(page.countries.map((c) => c.code)).toEqual(["BA", "RS"]);
    expect(page.countries.find((c) => c.code === "BA")?.institutions).toEqual(["State Investigation and Protection Agency (SIPA)"]);
    // The demo's activities were stored without keys: they get keys from their place in the list.
    expect(page.formValues?.activities.map((a) => ("key" in a ? a.key : null))).toEqual(["activity-1", "activity-2"]);
    expect(page.submissions).toHaveLength(1);
  });

  it("shows partners and the TAF team the note without a form", async () => {
    const partner = (await view(followTheMoney(), PARTNER)) as Page;
    expect(partner.canEdit).toBe(false);
    expect(partner.formValues).toBeNull();
    expect(partner.note.activities[0]?.title).toBe("Joint workshop on financial investigations");
    expect(partner.total).toBe(38000);
    expect(((await view(followTheMoney(), "admin@taf.example")) as Page).canEdit).toBe(false);
  });

  it("marks Kosovo* for its footnote among the countries of the drug networks proposal", async () => {
    const page = (await view(drugNetworks(), "applicant.xk@taf.example")) as Page;
    expect(page.countries.find((c) => c.code === "XK")).toMatchObject({ name: "Kosovo", needsFootnote: true });
    expect(page.canEdit).toBe(false);
    expect(page.inImplementation).toBe(true);
  });

  it("does not exist for a proposal that never reached conceptual work, nor for those who may not see the proposal", async () => {
    expect(statusOf(await view(demoProposalId("cocaineRoutes"), "admin@taf.example"))).toBe(404);
    expect(statusOf(await view(followTheMoney(), "applicant.xk@taf.example"))).toBe(404);
  });
});

describe("who may write it", () => {
  it("refuses partners and the TAF team (403) and changes nothing", async () => {
    const before = row(followTheMoney());
    for (const email of [PARTNER, "admin@taf.example"]) {
      const result = await post(followTheMoney(), email, { intent: "save", version: String(before.version), ...activity(0) });
      expect(statusOf(result)).toBe(403);
      expect(await (result as Response).text()).toBe("Only applicants of the lead institution may submit the concept.");
    }
    expect(row(followTheMoney())).toEqual(before);
  });

  it("refuses the lead of a proposal whose concept note is approved", async () => {
    const result = await post(drugNetworks(), "applicant.xk@taf.example", { intent: "save", version: String(row(drugNetworks()).version) });
    expect(statusOf(result)).toBe(403);
  });
});

describe("checking what is typed", () => {
  it("puts bad numbers and dates beside their fields, keeps what was typed and saves nothing", async () => {
    const before = row(followTheMoney());
    const reply = (await post(followTheMoney(), LEAD, {
      intent: "save",
      version: String(before.version),
      ...activity(0, { participants: "0", date: "2027-02-30" }),
      ...activity(1, { participants: "many", date: "next spring" }),
      "budgetLines[0].item": "Travel",
      "budgetLines[0].amountEur": "12.5",
      "budgetLines[1].item": "Interpretation",
      "budgetLines[1].amountEur": "lots",
      risks: "x".repeat(4001),
    })) as Reply;
    expect(reply.result.status).toBe("error");
    expect(reply.result.error).toMatchObject({
      "activities[0].participants": ["The number of participants must be at least 1."],
      "activities[0].date": ["This date does not exist in the calendar."],
      "activities[1].participants": ["Give the number of participants as a number."],
      "activities[1].date": ["Give the date as YYYY-MM-DD, for example 2026-09-15."],
      "budgetLines[0].amountEur": ["Give the amount in euros as a whole number."],
      "budgetLines[1].amountEur": ["Give the amount in euros as a number."],
      risks: ["Use at most 4000 characters."],
    });
    const typed = reply.result.initialValue as { activities: Record<string, unknown>[]; budgetLines: Record<string, unknown>[] };
    expect(typed.activities[0]).toMatchObject({ participants: "0", date: "2027-02-30", title: "Joint workshop on financial investigations" });
    expect(typed.budgetLines[1]).toEqual({ item: "Interpretation", amountEur: "lots" });
    expect(row(followTheMoney())).toEqual(before);
  });

  it("refuses more than 30 activities", async () => {
    const many = Object.assign({}, ...Array.from({ length: 31 }, (_, i) => activity(i)));
    const reply = (await post(followTheMoney(), LEAD, { intent: "save", version: String(row(followTheMoney()).version), ...many })) as Reply;
    expect(reply.result.error?.activities).toEqual(["A concept note has at most 30 activities."]);
  });

  it("adds and removes rows without JavaScript, keeping every typed value and saving nothing", async () => {
    const before = row(followTheMoney());
    const typed = { intent: "save", version: String(before.version), ...activity(0, { title: "First, typed" }), ...activity(1, { title: "Second, typed", participants: "7" }) };

    const added = (await post(followTheMoney(), LEAD, { ...typed, __intent__: JSON.stringify({ type: "insert", payload: { name: "activities" } }) })) as Reply;
    const afterAdd = added.result.initialValue as { activities: (Record<string, unknown> | null)[] };
    expect(afterAdd.activities).toHaveLength(3);
    expect(afterAdd.activities[0]).toMatchObject({ title: "First, typed" });
    expect(afterAdd.activities[1]).toMatchObject({ title: "Second, typed", participants: "7" });
    expect(added.result.error ?? {}).toEqual({});

    const removed = (await post(followTheMoney(), LEAD, { ...typed, __intent__: JSON.stringify({ type: "remove", payload: { name: "activities", index: 0 } }) })) as Reply;
    const afterRemove = removed.result.initialValue as { activities: Record<string, unknown>[] };
    expect(afterRemove.activities).toHaveLength(1);
    expect(afterRemove.activities[0]).toMatchObject({ title: "Second, typed", participants: "7", place: "Belgrade" });
    expect(row(followTheMoney())).toEqual(before);
  });

  it("on submitting, asks for the rest of every row that was started", async () => {
    const before = row(followTheMoney());
    const reply = (await post(followTheMoney(), LEAD, {
      intent: "submit",
      version: String(before.version),
      ...activity(0, { date: "", place: "" }),
      "budgetLines[0].item": "Travel",
    })) as Reply;
    expect(reply.result.error).toMatchObject({
      "activities[0].date": ["Give the date of the activity."],
      "activities[0].place": ["Give the place of the activity."],
      "budgetLines[0].amountEur": ["Give the amount in euros."],
    });
    expect(reply.notice).toMatch(/^Saved on .*, but not submitted/);
    // Nothing typed is lost: the unfinished rows are saved, and the note is still being drafted.
    const after = row(followTheMoney());
    expect(after.version).toBe(before.version + 1);
    expect(after.state).toBe(before.state);
    expect(JSON.stringify(after.content)).toContain('"item":"Travel"');
  });

  it("on submitting after a revision request, asks for the answer beside its field, keeping what was typed", async () => {
    const before = row(followTheMoney());
    const missing = (await post(followTheMoney(), LEAD, { intent: "submit", version: String(before.version), ...completeNote(), answer: "   " })) as Reply;
    expect(missing.result.error).toEqual({ answer: [ANSWER_REQUIRED] });
    expect(missing.result.initialValue).toMatchObject({ risks: "Operational information could leak in mixed meetings.", answer: "   " });
    // The note is saved, not submitted.
    const saved = row(followTheMoney());
    expect(saved.version).toBe(before.version + 1);
    expect(saved.state).toBe(before.state);

    const long = "We changed it. ".repeat(300);
    const tooLong = (await post(followTheMoney(), LEAD, { intent: "save", version: String(saved.version), ...completeNote(), answer: long })) as Reply;
    expect(tooLong.result.error).toEqual({ answer: ["Use at most 4000 characters."] });
    expect(tooLong.result.initialValue).toMatchObject({ answer: long });
    expect(row(followTheMoney())).toEqual(saved);
  });

  it("tells the lead to reload when the proposal changed since the page was opened", async () => {
    const before = row(followTheMoney());
    const reply = (await post(followTheMoney(), LEAD, { intent: "save", version: String(before.version - 1), ...activity(0) })) as Reply;
    expect(reply.result.error?.[""]).toEqual([CONFLICT_MESSAGE]);
    expect(row(followTheMoney())).toEqual(before);
  });
});

const REVISION_ANSWER = "The budget has three lines now.\nOnly cleared information is discussed in the meetings on the cases.";

/** The lead submits a complete note with an answer to the revision request, keeping the first activity's key. */
async function submitRevisedNote() {
  const page = (await view(followTheMoney(), LEAD)) as Page;
  const firstKey = page.formValues!.activities[0] as { key: string };
  const form = { intent: "submit", version: String(page.version), "activities[0].key": firstKey.key, ...completeNote(), answer: `  ${REVISION_ANSWER} ` };
  return { reply: (await post(followTheMoney(), LEAD, form)) as Reply, firstKey };
}

describe("saving and submitting", () => {
  it("saves an unfinished note, then the statechart refuses to submit it and says what is missing", async () => {
    // Saving asks for no answer, and keeps one that was typed with the draft.
    const blank = (await post(followTheMoney(), LEAD, { intent: "save", version: String(row(followTheMoney()).version), ...activity(0) })) as Reply;
    expect(blank.notice).toMatch(/^Saved on /);
    const saved = (await post(followTheMoney(), LEAD, { intent: "save", version: String(row(followTheMoney()).version), ...activity(0), "activities[1].title": "", answer: "Draft: the budget gets lines." })) as Reply;
    expect(saved.notice).toMatch(/^Saved on /);
    expect(((await view(followTheMoney(), LEAD)) as Page).formValues).toMatchObject({ answer: "Draft: the budget gets lines." });
    expect(saved.result.status).toBe("success"); // the page builds the form anew from the stored note
    const note = storedNote(followTheMoney());
    expect(note.activities).toHaveLength(1); // the empty second row is dropped
    expect(note.budgetLines).toEqual([]);
    expect(note.risks).toBe("");

    const refused = (await post(followTheMoney(), LEAD, { intent: "submit", version: String(row(followTheMoney()).version), ...activity(0), answer: "The budget gets lines." })) as Reply;
    expect(refused.refusal).toBe("These required parts are not answered: Budget lines and Risks.");
    expect(row(followTheMoney()).state).toBe("conceptualWork.drafting");
    expect(conceptVersions(followTheMoney())).toHaveLength(1);
    // The refused submission kept its answer with the draft: nothing typed is lost.
    expect(((await view(followTheMoney(), LEAD)) as Page).formValues).toMatchObject({ answer: "The budget gets lines." });
  });

  it("submits a complete note: under review, frozen as concept-note version 2, keys kept or given", async () => {
    const version = row(followTheMoney()).version;
    const { reply, firstKey } = await submitRevisedNote();
    expect(reply.notice).toMatch(/^The concept note is submitted with your answer\./);
    expect(reply.refusal).toBeNull();

    const after = row(followTheMoney());
    expect(after.state).toBe("conceptualWork.underReview");
    expect(after.version).toBe(version + 2); // the save, then the submission
    const versions = conceptVersions(followTheMoney());
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    const frozen = versions[1]!.content as ReturnType<typeof storedNote>;
    expect(frozen).toEqual(storedNote(followTheMoney()));
    expect(frozen.activities.map((a) => a.key)).toEqual([firstKey.key, expect.stringMatching(/^[a-z2-9]{8}$/)]);
    expect(frozen.activities[0]).toMatchObject({ kind: "capacityBuilding", participants: 25, institutions: { RS: "Prosecutor's Office for Organised Crime of Serbia", BA: SIPA } });
    expect(frozen.budgetLines.map((l) => l.amountEur)).toEqual([21000, 6000, 11000]);

    const shown = (await view(followTheMoney(), PARTNER)) as Page;
    expect(shown.total).toBe(38000);
    expect(shown.revisions.openRequest).toBeNull();
    expect(shown.revisions.requests).toHaveLength(1);

    // Under review, the lead may no longer change it.
    expect(((await view(followTheMoney(), LEAD)) as Page).canEdit).toBe(false);
    expect(statusOf(await post(followTheMoney(), LEAD, { intent: "save", version: String(after.version) }))).toBe(403);
  });

  it("keeps the answer in the history, shows it under the request and on the proposal page, and mails it to the TAF team", async () => {
    await submitRevisedNote();
    const answer = REVISION_ANSWER;
    const event = lastEvent(followTheMoney());
    expect(event).toMatchObject({ type: "SUBMIT_CONCEPT", payload: { answering: true, answer } });
    // The draft went with the submission: the next request starts with an empty answer.
    expect(row(followTheMoney()).content).not.toHaveProperty("conceptNoteAnswer");

    const forLead = (await view(followTheMoney(), LEAD)) as Page;
    expect(forLead.revisions.requests).toEqual([expect.objectContaining({ reason: expect.stringMatching(/split the budget/), answer: { at: expect.any(String), text: answer } })]);
    expect(forLead.ofLead).toBe(true);
    expect(((await view(followTheMoney(), PARTNER)) as Page).ofLead).toBe(false);

    const history = (await load(proposalPage, `/proposals/${followTheMoney()}`, { cookie: await signInAs(PARTNER), params: { proposalId: String(followTheMoney()) } })) as Awaited<ReturnType<typeof proposalPage.loader>>;
    expect(history.history.at(-1)).toMatchObject({ what: "submitted the concept note", texts: [{ label: "Answer to the revision request", text: answer, internal: false }] });

    const mail = db().select().from(outbox).where(eq(outbox.template, "proposal-to-decide")).all().filter((m) => m.subject.startsWith("Revised concept note"));
    expect(mail.map((m) => m.recipient)).toEqual(["admin@taf.example"]);
    expect(mail[0]!.text).toContain("“The budget has three lines now.\n\nOnly cleared information is discussed in the meetings on the cases.”");
  });
});

describe("a concept note without a revision request", () => {
  it("asks for no answer and stores none, even one sent anyway", async () => {
    const id = driveTo("drafting");
    const lead = "applicant.xk@taf.example";
    const page = (await view(id, lead)) as Page;
    expect(page.revisions.openRequest).toBeNull();
    expect(page.formValues).not.toHaveProperty("answer");
    // This proposal's own institutions are ticked: those of "following the money" are not its.
    const note = Object.fromEntries(Object.entries(completeNote()).filter(([name]) => !name.includes(".institutionIds[")));
    const ticks = { "activities[0].institutionIds[0]": String(page.institutionChoices[0]!.id), "activities[1].institutionIds[0]": String(page.institutionChoices[0]!.id) };
    const reply = (await post(id, lead, { intent: "submit", version: String(page.version), ...note, ...ticks, answer: "Nobody asked." })) as Reply;
    expect(reply.notice).toMatch(/^The concept note is submitted\. /);
    expect(lastEvent(id)).toMatchObject({ type: "SUBMIT_CONCEPT", payload: { answering: false, answer: "" } });
    expect(row(id).content).not.toHaveProperty("conceptNoteAnswer");
  });
});
