import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import * as decisionsRoute from "../../app/routes/admin.rounds.$roundId_.decisions";
import * as proposalRoute from "../../app/routes/proposals.$proposalId._index";
import * as rankingRoute from "../../app/routes/admin.rounds.$roundId_.ranking";
import { auditLog, outbox, proposalDecisions, proposals, users } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs, submit } from "../support/http";
import { driveTo, leadApplicant, makeRound, roundIdByCode } from "../workflow-server/builders";

// A round's selection decisions: recorded and held (each checked by the statechart first),
// changed or withdrawn while held, then released together, when each applicant gets one e-mail
// with the comments shared with them and nothing of the TAF team's reason.

useDatabase("demo");

const ADMIN = "admin@taf.example";
const REASON = "Internal: the Serbian EU Delegation objected to the budget.";
const SHARED = "Link the activities more closely to EMPACT.";

type Page = Exclude<Awaited<ReturnType<typeof decisionsRoute.loader>>, Response>;
type Reply = Exclude<Awaited<ReturnType<typeof decisionsRoute.action>>, Response>;

async function page(roundId: number) {
  const result = await load(decisionsRoute, `/admin/rounds/${roundId}/decisions`, { cookie: await signInAs(ADMIN), params: { roundId: String(roundId) } });
  if (result instanceof Response) throw new Error(`The decisions page answered ${result.status}`);
  return result as Page;
}

async function post(roundId: number, form: Record<string, string | string[]>) {
  const result = await submit(decisionsRoute, `/admin/rounds/${roundId}/decisions`, form, { cookie: await signInAs(ADMIN), params: { roundId: String(roundId) } });
  if (result instanceof Response) throw new Error(`The decisions page answered ${result.status}`);
  return result as Reply;
}

const stateOf = (id: number) => db().select({ state: proposals.state }).from(proposals).where(eq(proposals.id, id)).get()!.state;
const heldOn = (id: number) => db().select().from(proposalDecisions).where(eq(proposalDecisions.proposalId, id)).get();
const outcomeMails = (id: number) =>
  db()
    .select()
    .from(outbox)
    .where(eq(outbox.template, "selection-outcome"))
    .all()
    .filter((mail) => mail.text.includes(`/proposals/${id}`));

describe("a round's decisions", () => {
  it("records one outcome for several ticked proposals, held: the proposals stay at “Deciding” and no applicant is told", async () => {
    const round = makeRound();
    const [first, second] = [driveTo("deciding", { round }), driveTo("deciding", { round, title: "Cyber incident response across the region" })];
    const before = stateOf(first);

    const reply = await post(round.id, { intent: "record", proposalId: [String(first), String(second)], outcome: "notSelected", reason: REASON, sharedFeedback: SHARED });

    expect(reply.refused).toEqual([]);
    expect(reply.recorded).toHaveLength(2);
    expect([stateOf(first), stateOf(second)]).toEqual([before, before]);
    expect([...outcomeMails(first), ...outcomeMails(second)]).toEqual([]);
    const { held } = await page(round.id);
    expect(held.map((decision) => decision.proposalId).sort()).toEqual([first, second].sort());
    // The preview is the e-mail the applicants will read: the shared comments, never the reason.
    for (const decision of held) {
      expect(decision.preview.text).toContain(SHARED);
      expect(decision.preview.text).not.toContain("Serbian EU Delegation");
    }
  });

  it("refuses a proposal not at “Deciding” with the statechart's reason, and holds nothing for it", async () => {
    const round = makeRound();
    const reviewing = driveTo("reviewing", { round });
    const deciding = driveTo("deciding", { round, title: "Cyber incident response across the region" });

    const reply = await post(round.id, { intent: "record", proposalId: [String(reviewing), String(deciding)], outcome: "promising", reason: "Strong fit.", sharedFeedback: "" });

    expect(reply.refused).toEqual([expect.objectContaining({ proposalId: reviewing, message: expect.stringMatching(/decide on selection/) })]);
    expect(reply.recorded).toHaveLength(1);
    expect(heldOn(reviewing)).toBeUndefined();
    expect(heldOn(deciding)).toMatchObject({ outcome: "promising", releasedAt: null });
  });

  it("refuses a decision without a reason, as the statechart does", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    const reply = await post(round.id, { intent: "record", proposalId: String(id), outcome: "promising", reason: "", sharedFeedback: "" });
    expect(reply.refused.map((refusal) => refusal.message)).toEqual([expect.stringMatching(/reason/i)]);
    expect(heldOn(id)).toBeUndefined();
  });

  it("changes a held decision in place, marks the priority only on a promising one, and withdraws it", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "promising", priority: "on", reason: "Strong fit.", sharedFeedback: "" });
    expect(heldOn(id)).toMatchObject({ outcome: "promising", priority: true, version: 1 });

    await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: SHARED });
    expect(heldOn(id)).toMatchObject({ outcome: "notSelected", priority: false, reason: REASON, sharedFeedback: SHARED, version: 2 });

    const withdrawn = await post(round.id, { intent: "record", withdraw: String(id) });
    expect(withdrawn.error).toBeNull();
    expect(heldOn(id)).toBeUndefined();
    expect((await page(round.id)).held).toEqual([]);
  });

  it("refuses to change a held decision from a form that saw another version of it, and changes nothing", async () => {
    const round = makeRound();
    const [id, other] = [driveTo("deciding", { round }), driveTo("deciding", { round, title: "Cyber incident response across the region" })];
    // What the decisions page posts beside each proposal: the version of the held decision it showed.
    const seenOn = async () => (await page(round.id)).proposals.map((p) => `${p.proposalId}:${p.held?.version ?? 0}`);
    const empty = await seenOn();
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "promising", reason: "Strong fit.", sharedFeedback: "", heldVersion: empty });
    const first = await seenOn();
    const changed = await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: SHARED, heldVersion: first });
    expect(changed.refused).toEqual([]);
    expect(heldOn(id)).toMatchObject({ outcome: "notSelected", version: 2 });

    // A stale form that showed the first decision: refused for it; the other ticked proposal, unchanged since, is recorded.
    const stale = { intent: "record", outcome: "promising", reason: "Strong fit after all.", sharedFeedback: "" };
    const conflict = "This decision changed meanwhile. Reload the page to see what changed, then try again.";
    const fromFirst = await post(round.id, { ...stale, proposalId: [String(id), String(other)], heldVersion: first });
    expect(fromFirst.refused).toEqual([expect.objectContaining({ proposalId: id, message: conflict })]);
    expect(fromFirst.recorded).toHaveLength(1);
    expect(heldOn(other)).toMatchObject({ outcome: "promising", version: 1 });
    // A stale form that showed no decision at all: refused for both, now that each has one.
    const fromNone = await post(round.id, { ...stale, proposalId: [String(id), String(other)], heldVersion: empty });
    expect(fromNone.refused.map((refusal) => [refusal.proposalId, refusal.message])).toEqual([
      [id, conflict],
      [other, conflict],
    ]);
    expect(fromNone.recorded).toEqual([]);
    expect(heldOn(id)).toMatchObject({ outcome: "notSelected", reason: REASON, sharedFeedback: SHARED, version: 2 });
    expect(heldOn(other)).toMatchObject({ outcome: "promising", version: 1 });
  });

  it("releases: DECIDE is applied, each applicant gets exactly one outcome e-mail with the shared comments only, and a second release sends nothing", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: SHARED });

    const refusedWithoutTick = await post(round.id, { intent: "release" });
    expect(refusedWithoutTick.error).toMatch(/Tick the box/);
    expect(outcomeMails(id)).toEqual([]);

    const reply = await post(round.id, { intent: "release", confirm: "on" });
    expect(reply.released).toHaveLength(1);
    expect(reply.refused).toEqual([]);
    expect(stateOf(id)).toBe("notSelected");
    expect(heldOn(id)!.releasedAt).not.toBeNull();

    const mails = outcomeMails(id);
    // The lead's applicant and the confirmed partner's: one each.
    expect(mails.map((mail) => mail.recipient).sort()).toEqual(["applicant.al@taf.example", "applicant.xk@taf.example"]);
    for (const mail of mails) {
      expect(mail.text).toContain(SHARED);
      expect(mail.text).not.toContain("Serbian EU Delegation");
      expect(mail.html).not.toContain("Serbian EU Delegation");
    }

    const again = await post(round.id, { intent: "release", confirm: "on" });
    expect(again.released).toEqual([]);
    expect(outcomeMails(id)).toHaveLength(2);
  });

  it("leaves a decision held, and names it, when the proposal moved before the release", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "promising", reason: "Strong fit.", sharedFeedback: SHARED });
    const withdrawn = applyProposalCommand({ proposalId: id, actor: leadApplicant(), command: { type: "WITHDRAW", reason: "The partner left." } });
    expect(withdrawn.ok).toBe(true);

    const reply = await post(round.id, { intent: "release", confirm: "on" });

    expect(reply.released).toEqual([]);
    expect(reply.refused).toEqual([expect.objectContaining({ proposalId: id })]);
    expect(heldOn(id)).toMatchObject({ releasedAt: null });
    expect(outcomeMails(id)).toEqual([]);
  });

  it("the proposal page's decision form records a held decision too: nothing reaches the applicants before the release", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    const before = db().select({ state: proposals.state, version: proposals.version }).from(proposals).where(eq(proposals.id, id)).get()!;

    const reply = await submit(
      proposalRoute,
      `/proposals/${id}`,
      { event: "DECIDE", version: String(before.version), heldVersion: "0", outcome: "promising", reason: "Strong fit.", sharedFeedback: SHARED },
      { cookie: await signInAs(ADMIN), params: { proposalId: String(id) } },
    );

    expect(reply).toMatchObject({ formError: null, done: expect.stringMatching(/held/) });
    expect(stateOf(id)).toBe(before.state);
    expect(heldOn(id)).toMatchObject({ outcome: "promising", sharedFeedback: SHARED, releasedAt: null });
    expect(outcomeMails(id)).toEqual([]);
  });

  it("offers the ranking's checkboxes only beside the proposals at “Deciding”", async () => {
    const round = makeRound();
    const [reviewing, deciding] = [driveTo("reviewing", { round }), driveTo("deciding", { round, title: "Cyber incident response across the region" })];
    const ranking = await load(rankingRoute, `/admin/rounds/${round.id}/ranking`, { cookie: await signInAs(ADMIN), params: { roundId: String(round.id) } });
    const rows = (ranking as Exclude<Awaited<ReturnType<typeof rankingRoute.loader>>, Response>).rows;
    expect(Object.fromEntries(rows.map((row) => [row.proposalId, row.decidable]))).toEqual({ [reviewing]: false, [deciding]: true });
  });

  it("is the administrators' alone", async () => {
    const round = makeRound();
    const result = await load(decisionsRoute, `/admin/rounds/${round.id}/decisions`, { cookie: await signInAs("applicant.xk@taf.example"), params: { roundId: String(round.id) } });
    expect(result).toBeInstanceOf(Response);
    expect((result as Response).status).toBe(403);
  });
});

type ProposalPage = Exclude<Awaited<ReturnType<typeof proposalRoute.loader>>, Response>;
type Ranking = Exclude<Awaited<ReturnType<typeof rankingRoute.loader>>, Response>;
const CONFLICT = "This decision changed meanwhile. Reload the page to see what changed, then try again.";

async function proposalPage(id: number, email = ADMIN) {
  return (await load(proposalRoute, `/proposals/${id}`, { cookie: await signInAs(email), params: { proposalId: String(id) } })) as ProposalPage;
}

/** Sends the proposal page's decision form as the page showed it: with its proposal and held decision's versions. */
async function decideOnPage(id: number, shown: ProposalPage, fields: Record<string, string>) {
  const form = { event: "DECIDE", version: String(shown.version), heldVersion: String(shown.heldDecision?.version ?? 0), ...fields };
  return submit(proposalRoute, `/proposals/${id}`, form, { cookie: await signInAs(ADMIN), params: { proposalId: String(id) } });
}

/** What the ranking's decision form posts beside its ticks: the version of each decidable row's held decision. */
async function rankingShows(roundId: number) {
  const ranking = (await load(rankingRoute, `/admin/rounds/${roundId}/ranking`, { cookie: await signInAs(ADMIN), params: { roundId: String(roundId) } })) as Ranking;
  return { rows: ranking.rows, heldVersion: ranking.rows.filter((row) => row.decidable).map((row) => `${row.proposalId}:${row.held?.version ?? 0}`) };
}

const decisionAudit = (id: number) =>
  db()
    .select()
    .from(auditLog)
    .all()
    .filter((row) => row.action.startsWith("decision.") && row.subjectId === String(id))
    .map((row) => [row.action, row.actorUserId, row.subjectType, row.detail]);

describe("a decision form that is out of date", () => {
  it("from the ranking: refused for the proposal whose decision changed since the table showed it, and that decision stays", async () => {
    const round = makeRound();
    const [id, other] = [driveTo("deciding", { round }), driveTo("deciding", { round, title: "Cyber incident response across the region" })];
    const empty = await rankingShows(round.id);
    const first = await post(round.id, { intent: "record", proposalId: [String(id), String(other)], outcome: "promising", reason: "Strong fit.", sharedFeedback: "", heldVersion: empty.heldVersion });
    expect(first.recorded).toHaveLength(2);
    const shown = await rankingShows(round.id);
    expect(shown.rows.find((row) => row.proposalId === id)!.held).toEqual({ outcome: "promising", priority: false, version: 1 });

    // Another administrator changes one of them from a fresh table.
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: SHARED, heldVersion: shown.heldVersion });

    const stale = await post(round.id, { intent: "record", proposalId: [String(id), String(other)], outcome: "promising", priority: "on", reason: "Stands out.", sharedFeedback: "", heldVersion: shown.heldVersion });
    expect(stale.refused).toEqual([expect.objectContaining({ proposalId: id, message: CONFLICT })]);
    expect(heldOn(id)).toMatchObject({ outcome: "notSelected", priority: false, reason: REASON, version: 2 });
    expect(heldOn(other)).toMatchObject({ outcome: "promising", priority: true, version: 2 });
    // The refused form comes back as it was sent, ticks and text.
    expect(stale).toMatchObject({ ticked: [id, other], values: { outcome: "promising", priority: true, reason: "Stands out." } });
  });

  it("from the proposal page: refused when a decision was held, or the proposal changed, since the page showed it", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    const shown = await proposalPage(id);
    expect(shown.heldDecision).toBeNull();
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: SHARED });

    const stale = await decideOnPage(id, shown, { outcome: "promising", reason: "Strong fit.", sharedFeedback: "" });
    expect(stale).toMatchObject({ formError: CONFLICT, done: null, values: { reason: "Strong fit." } });
    expect(heldOn(id)).toMatchObject({ outcome: "notSelected", reason: REASON, version: 1 });

    const fresh = await proposalPage(id);
    expect(fresh.heldDecision).toEqual({ outcome: "notSelected", priority: false, version: 1, decidedBy: expect.any(String) });
    // A page shown before the proposal's last change carries the version before it.
    const olderProposal = await decideOnPage(id, { ...fresh, version: fresh.version - 1 }, { outcome: "promising", reason: "Strong fit.", sharedFeedback: "" });
    expect(olderProposal).toMatchObject({ formError: CONFLICT });
    expect(heldOn(id)).toMatchObject({ outcome: "notSelected", version: 1 });

    expect(await decideOnPage(id, fresh, { outcome: "promising", reason: "Strong fit.", sharedFeedback: "" })).toMatchObject({ formError: null, done: expect.stringMatching(/held/) });
    expect(heldOn(id)).toMatchObject({ outcome: "promising", version: 2 });
  });

  it("withdrawing: refused when the held decision changed or went since the page showed it; the current one is withdrawn", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    const seen = async () => (await page(round.id)).proposals.map((p) => `${p.proposalId}:${p.held?.version ?? 0}`);
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "promising", reason: "Strong fit.", sharedFeedback: "" });
    const shown = await seen();
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: SHARED, heldVersion: shown });

    const stale = await post(round.id, { intent: "record", withdraw: String(id), heldVersion: shown });
    expect(stale.error).toBe(CONFLICT);
    expect(heldOn(id)).toMatchObject({ outcome: "notSelected", version: 2 });

    const current = await seen();
    expect((await post(round.id, { intent: "record", withdraw: String(id), heldVersion: current })).error).toBeNull();
    expect(heldOn(id)).toBeUndefined();
    // A second tab that still shows it: the decision it would withdraw is gone already.
    expect((await post(round.id, { intent: "record", withdraw: String(id), heldVersion: current })).error).toBe(CONFLICT);
  });
});

describe("the priority mark", () => {
  it("is refused with “not selected”, with a clear message, from the decisions page, the ranking and the proposal page; nothing is held", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    const message = /Only a promising proposal can be marked as priority/;

    const fromTable = await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", priority: "on", reason: REASON, sharedFeedback: "", heldVersion: (await rankingShows(round.id)).heldVersion });
    expect(fromTable.refused).toEqual([expect.objectContaining({ proposalId: id, message: expect.stringMatching(message) })]);
    expect(fromTable.values).toMatchObject({ outcome: "notSelected", priority: true, reason: REASON });

    const fromPage = await decideOnPage(id, await proposalPage(id), { outcome: "notSelected", priority: "on", reason: REASON, sharedFeedback: "" });
    expect(fromPage).toMatchObject({ formError: expect.stringMatching(message), values: { priority: "on", reason: REASON } });
    expect(heldOn(id)).toBeUndefined();
    expect(decisionAudit(id)).toEqual([]);
  });

  it("is offered by the proposal page's decision form and held with a promising decision", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    const shown = await proposalPage(id);
    expect(shown.actions.find((action) => action.type === "DECIDE")!.fields.map((field) => field.name)).toContain("priority");

    await decideOnPage(id, shown, { outcome: "promising", priority: "on", reason: "Stands out.", sharedFeedback: "" });
    expect(heldOn(id)).toMatchObject({ outcome: "promising", priority: true });
    expect((await proposalPage(id)).heldDecision).toMatchObject({ outcome: "promising", priority: true });
    // The lead applicant's page has no decision form, and so shows no held decision.
    expect((await proposalPage(id, "applicant.xk@taf.example")).heldDecision).toBeNull();
  });
});

describe("the audit trail of decisions", () => {
  it("has a row for each decision recorded, changed, withdrawn and released: who, which proposal, the outcome and the priority", async () => {
    const round = makeRound();
    const id = driveTo("deciding", { round });
    const adminId = db().select({ id: users.id }).from(users).where(eq(users.email, ADMIN)).get()!.id;
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "promising", priority: "on", reason: "Stands out.", sharedFeedback: "" });
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: SHARED });
    await post(round.id, { intent: "record", withdraw: String(id) });
    await decideOnPage(id, await proposalPage(id), { outcome: "promising", reason: "Strong fit.", sharedFeedback: SHARED });
    // A refused change leaves no row.
    await post(round.id, { intent: "record", proposalId: String(id), outcome: "notSelected", reason: REASON, sharedFeedback: "", heldVersion: [`${id}:0`] });
    await post(round.id, { intent: "release", confirm: "on" });

    expect(decisionAudit(id)).toEqual([
      ["decision.recorded", adminId, "proposal", { outcome: "promising", priority: true }],
      ["decision.changed", adminId, "proposal", { outcome: "notSelected", priority: false }],
      ["decision.withdrawn", adminId, "proposal", { outcome: "notSelected", priority: false }],
      ["decision.recorded", adminId, "proposal", { outcome: "promising", priority: false }],
      ["decision.released", adminId, "proposal", { outcome: "promising", priority: false }],
    ]);
  });
});

describe("the decisions page, for writing the shared comments", () => {
  it("shows each proposal's submitted reviewers' comments for the applicants, unsigned, and none of their internal comments", async () => {
    const { proposals: rows } = await page(roundIdByCode("2026-R2"));
    const deciding = rows.find((row) => row.name.startsWith("TAF-2026-R2-006"))!;
    expect(deciding.reviewersComments).toHaveLength(2);
    expect(deciding.reviewersComments.join(" ")).toContain("Please say how a tracing request is protected when it names suspects.");
    expect(JSON.stringify(rows)).not.toContain("The EU Delegation's firearms roadmap");
    expect(JSON.stringify(rows)).not.toMatch(/Marco Bianchi|Katrin Vogel/);
  });
});
