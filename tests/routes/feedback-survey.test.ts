import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as decisionsRoute from "../../app/routes/admin.rounds.$roundId_.decisions";
import * as lessonsRoute from "../../app/routes/admin.rounds.$roundId_.lessons";
import * as feedbackRoute from "../../app/routes/rounds.$roundId.feedback";
import * as homeRoute from "../../app/routes/_index";
import { feedbackAnswers, feedbackInvitations, outbox } from "../../db/schema";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { addPerson, ALBANIAN_POLICE, driveTo, institutionId, KOSOVO_POLICE, makeRound, MK_PROSECUTION } from "../workflow-server/builders";

// The round's feedback survey, from the release of its decisions to its closing: who is asked and
// told by e-mail, who may answer, one answer per institution (the last save wins), bad input kept,
// and nothing changed once the survey is closed.

useDatabase("demo");

const ADMIN = "admin@taf.example";
const LEAD = "applicant.xk@taf.example";
const PARTNER = "applicant.al@taf.example";
const DECLINED = "applicant.mk@taf.example";

const GOOD = { "rating.guidance": "4", "rating.form": "3", "rating.timing": "2", "rating.support": "5", comment: "A decision date in the guide would help us plan." };

/** A round whose one proposal (Kosovo* Police, Albanian State Police confirmed, North Macedonia's prosecution declined) had its decision released. */
async function releasedRound() {
  const round = makeRound();
  const id = driveTo("deciding", { round, partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }, { institution: MK_PROSECUTION, status: "declined" }] });
  const cookie = await signInAs(ADMIN);
  const params = { roundId: String(round.id) };
  await submit(decisionsRoute, `/admin/rounds/${round.id}/decisions`, { intent: "record", proposalId: String(id), outcome: "promising", reason: "Strong fit.", sharedFeedback: "" }, { cookie, params });
  const released = await submit(decisionsRoute, `/admin/rounds/${round.id}/decisions`, { intent: "release", confirm: "on" }, { cookie, params });
  expect(released).toMatchObject({ released: [expect.any(String)] });
  return round;
}

type Page = Exclude<Awaited<ReturnType<typeof feedbackRoute.loader>>, Response>;
type Reply = Exclude<Awaited<ReturnType<typeof feedbackRoute.action>>, Response>;

async function open(roundId: number, email: string, query = "") {
  return load(feedbackRoute, `/rounds/${roundId}/feedback${query}`, { cookie: await signInAs(email), params: { roundId: String(roundId) } });
}
async function answer(roundId: number, email: string, form: Record<string, string>) {
  return submit(feedbackRoute, `/rounds/${roundId}/feedback`, form, { cookie: await signInAs(email), params: { roundId: String(roundId) } });
}
const surveyMails = () => db().select().from(outbox).where(eq(outbox.template, "feedback-survey")).all();
const answersOf = (roundId: number) => db().select().from(feedbackAnswers).where(eq(feedbackAnswers.roundId, roundId)).all();

describe("the feedback survey on release", () => {
  it("asks the lead and the confirmed partners, and mails each of their applicants once, saying what they can do and until when", async () => {
    const round = await releasedRound();
    const asked = db().select({ institutionId: feedbackInvitations.institutionId }).from(feedbackInvitations).where(eq(feedbackInvitations.roundId, round.id)).all();
    expect(asked.map((a) => a.institutionId).sort()).toEqual([institutionId(KOSOVO_POLICE), institutionId(ALBANIAN_POLICE)].sort());

    const mails = surveyMails();
    expect(mails.map((m) => m.recipient).sort()).toEqual([PARTNER, LEAD]);
    const toLead = mails.find((m) => m.recipient === LEAD)!;
    expect(toLead.subject).toBe(`Your feedback on ${round.title}: a short survey`);
    expect(toLead.text).toContain("One answer counts for Kosovo* Police: you or a colleague can give it, and anyone of you can change it until");
    expect(toLead.text).toContain(`/rounds/${round.id}/feedback?institution=${institutionId(KOSOVO_POLICE)}`);
    expect(toLead.text).toContain(KOSOVO_FOOTNOTE);
    expect(mails.find((m) => m.recipient === PARTNER)!.text).toContain("One answer counts for Albanian State Police");
  });
});

describe("answering the survey", () => {
  it("is open to the applicants of the asked institutions only", async () => {
    const round = await releasedRound();
    const lead = (await open(round.id, LEAD)) as Page;
    expect(lead).toMatchObject({ institution: { name: KOSOVO_POLICE }, open: true, answer: null });
    expect(statusOf(await open(round.id, PARTNER))).toBe(200);
    for (const email of [DECLINED, ADMIN, "reviewer.eu@taf.example", "advisor.mk@taf.example"]) expect(statusOf(await open(round.id, email))).toBe(403);
    // Naming an institution of someone else's is refused, to look and to answer.
    expect(statusOf(await open(round.id, LEAD, `?institution=${institutionId(ALBANIAN_POLICE)}`))).toBe(403);
    expect(statusOf(await answer(round.id, LEAD, { ...GOOD, institutionId: String(institutionId(ALBANIAN_POLICE)) }))).toBe(403);
    expect(answersOf(round.id)).toEqual([]);
  });

  it("keeps one answer per institution: a colleague's later save replaces it and names them", async () => {
    const round = await releasedRound();
    addPerson({ email: "colleague.xk@example.org", name: "Besa Gashi", role: "applicant", institution: KOSOVO_POLICE });
    const institution = String(institutionId(KOSOVO_POLICE));

    expect(statusOf(await answer(round.id, LEAD, { ...GOOD, institutionId: institution }))).toBe(302);
    expect(statusOf(await answer(round.id, "colleague.xk@example.org", { ...GOOD, "rating.timing": "4", comment: "Changed after our meeting.", institutionId: institution }))).toBe(302);

    expect(answersOf(round.id)).toHaveLength(1);
    const page = (await open(round.id, LEAD)) as Page;
    expect(page.answer).toMatchObject({ answeredBy: "Besa Gashi", comment: "Changed after our meeting.", ratings: { guidance: 4, form: 3, timing: 4, support: 5 } });
  });

  it("refuses a missing point or an over-long comment with the reason, keeps what was typed, and saves nothing", async () => {
    const round = await releasedRound();
    const { "rating.form": _form, ...withoutForm } = GOOD;
    const missing = (await answer(round.id, LEAD, { ...withoutForm, institutionId: String(institutionId(KOSOVO_POLICE)) })) as Reply;
    expect(missing.result.error?.["rating.form"]).toEqual(["Choose a point from 1 to 5 for “the form”."]);
    expect(missing.result.initialValue).toMatchObject({ comment: GOOD.comment, rating: { guidance: "4" } });

    const long = (await answer(round.id, LEAD, { ...GOOD, comment: "x".repeat(4001), institutionId: String(institutionId(KOSOVO_POLICE)) })) as Reply;
    expect(long.result.error?.comment?.[0]).toMatch(/Use at most 4,000 characters/);
    expect(answersOf(round.id)).toEqual([]);
  });

  it("is read only once the TAF team closes it: a save is refused in words and the answer stays as it was", async () => {
    const round = await releasedRound();
    const institution = String(institutionId(KOSOVO_POLICE));
    await answer(round.id, LEAD, { ...GOOD, institutionId: institution });
    const before = answersOf(round.id);

    const lessons = { cookie: await signInAs(ADMIN), params: { roundId: String(round.id) } };
    expect(statusOf(await submit(lessonsRoute, `/admin/rounds/${round.id}/lessons`, { intent: "close" }, lessons))).toBe(302);
    expect(await submit(lessonsRoute, `/admin/rounds/${round.id}/lessons`, { intent: "close" }, lessons)).toEqual({ message: "The survey is already closed." });

    const page = (await open(round.id, LEAD)) as Page;
    expect(page.open).toBe(false);
    expect(page.closing).toMatch(/^The survey was closed on /);
    const refused = (await answer(round.id, LEAD, { ...GOOD, comment: "Too late.", institutionId: institution })) as Reply;
    expect(refused.result.error?.[""]).toEqual(["The survey is closed: answers can no longer be given or changed."]);
    expect(answersOf(round.id)).toEqual(before);
  });

  it("shows on the applicant's home while open, marked as their turn until their institution answers", async () => {
    const round = await releasedRound();
    const home = async () => ((await load(homeRoute, "/", { cookie: await signInAs(LEAD) })) as { applicant: { feedback: { roundId: number; yourTurn: boolean }[] } }).applicant.feedback.filter((f) => f.roundId === round.id);
    expect(await home()).toEqual([expect.objectContaining({ yourTurn: true })]);
    await answer(round.id, LEAD, { ...GOOD, institutionId: String(institutionId(KOSOVO_POLICE)) });
    expect(await home()).toEqual([expect.objectContaining({ yourTurn: false })]);
    await submit(lessonsRoute, `/admin/rounds/${round.id}/lessons`, { intent: "close" }, { cookie: await signInAs(ADMIN), params: { roundId: String(round.id) } });
    expect(await home()).toEqual([]);
    expect(db().select({ n: count() }).from(feedbackAnswers).where(eq(feedbackAnswers.roundId, round.id)).get()!.n).toBe(1);
  });
});
