import { inEnglish } from "../../workflows/in-english";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as proposalRoute from "../../app/routes/proposals.$proposalId._index";
import * as roundRoute from "../../app/routes/admin.rounds.$roundId";
import * as eligibilityRoute from "../../app/routes/admin.rounds.$roundId_.eligibility";
import * as submitRoute from "../../app/routes/proposals.$proposalId.submit";
import { applyRoundCommand } from "../../app/rounds/workflow.server";
import { auditLog, rounds } from "../../db/schema";
import { SYSTEM_ACTOR } from "../../workflows/actors";
import { defaultWording, ELIGIBILITY_CRITERIA } from "../../workflows/eligibility";
import { useDatabase } from "../support/database";
import { eligibilityForm } from "../support/eligibility-form";
import { load, signInAs, statusOf, submit } from "../support/http";
import { at, DAY, HOUR, leadApplicant, makeProposal, makeRound } from "../workflow-server/builders";
import { applyProposalCommand } from "../../app/proposals/workflow.server";

// The page on which the TAF team sets a round's eligibility rules: what it stores, what it
// refuses (each refusal with its reason, nothing stored, the typed text kept), and what the
// applicants then read.

useDatabase("demo");

type Page = Awaited<ReturnType<typeof eligibilityRoute.loader>>;
type Answer = { result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null } };

const roundRow = (id: number) => db().select().from(rounds).where(eq(rounds.id, id)).get()!;

async function page(roundId: number) {
  return (await load(eligibilityRoute, `/admin/rounds/${roundId}/eligibility`, { cookie: await signInAs("admin@taf.example"), params: { roundId: String(roundId) } })) as Page;
}

async function post(roundId: number, form: Record<string, string>) {
  return submit(eligibilityRoute, `/admin/rounds/${roundId}/eligibility`, form, { cookie: await signInAs("admin@taf.example"), params: { roundId: String(roundId) } });
}

/** Posts a change that must be refused: the messages, and the check that the round is as it was. */
async function refusedChange(roundId: number, form: Record<string, string>) {
  const before = roundRow(roundId);
  const answer = (await post(roundId, form)) as Answer;
  expect(answer.result.status).toBe("error");
  expect(roundRow(roundId)).toEqual(before);
  return answer;
}

function submitted(roundId: number) {
  const { id } = makeProposal({ round: { id: roundId } });
  const outcome = applyProposalCommand({ proposalId: id, actor: leadApplicant(), command: { type: "SUBMIT" } });
  expect(outcome.ok).toBe(true);
  return id;
}

describe("a round's eligibility page", () => {
  it("shows the Guide's five criteria, two countries and no grace period for a round that set nothing, with nothing locked", async () => {
    const round = makeRound();
    const shown = await page(round.id);
    expect(shown.criteria.map((c) => [c.id, c.applies, c.name])).toEqual(ELIGIBILITY_CRITERIA.map((c) => [c.id, true, defaultWording(c.id, 2, inEnglish).name]));
    expect(shown).toMatchObject({ minimumCountries: 2, graceHours: 0, graceEnds: null, locks: { rules: null, grace: null } });
  });

  it("stores criteria switched off and reworded, the number of countries and the grace period, and records who changed them", async () => {
    const round = makeRound();
    const form = eligibilityForm(await page(round.id), {
      "criteria[1].applies": null,
      "criteria[2].name": "Operational, against organised crime or terrorism",
      "criteria[2].guidance": "Say which operation it serves.",
      minimumCountries: "3",
      graceHours: "12",
    });
    const answer = await post(round.id, form);
    expect(statusOf(answer)).toBe(302);
    expect((answer as Response).headers.get("Location")).toBe(`/admin/rounds/${round.id}/eligibility?notice=saved`);

    const settings = roundRow(round.id).settings as Record<string, unknown>;
    expect(settings).toMatchObject({
      criteria: ["joint", "linkedToSocOrCt", "insideWindow", "complete"],
      // Left in the Guide's words (shown for two countries), the joint criterion stores nothing and follows the number.
      criterionWording: { linkedToSocOrCt: { name: "Operational, against organised crime or terrorism", guidance: "Say which operation it serves." } },
      minimumCountries: 3,
      graceHours: 12,
    });
    expect(Object.keys(settings.criterionWording as object)).toEqual(["linkedToSocOrCt"]);
    const shown = await page(round.id);
    expect(shown.criteria[0]).toMatchObject({ name: defaultWording("joint", 3, inEnglish).name, applies: true });
    expect(shown.graceEnds).not.toBeNull();
    const audited = db().select().from(auditLog).where(and(eq(auditLog.action, "round.eligibilityChanged"), eq(auditLog.subjectId, String(round.id)))).all();
    expect(audited).toHaveLength(1);
  });

  it("shows the applicants the round's criteria in its words before they submit", async () => {
    const round = makeRound({ settings: { criteria: ["joint", "complete"], criterionWording: { complete: { name: "Nothing left blank", guidance: "Answer every part of the form." } } } });
    const { id } = makeProposal({ round });
    const preview = (await load(submitRoute, `/proposals/${id}/submit`, { cookie: await signInAs("applicant.xk@taf.example"), params: { proposalId: String(id) } })) as Awaited<
      ReturnType<typeof submitRoute.loader>
    >;
    expect(preview.criteria).toEqual([
      { id: "joint", ...defaultWording("joint", 2, inEnglish) },
      { id: "complete", name: "Nothing left blank", guidance: "Answer every part of the form." },
    ]);
  });

  it("tells the lead in the grace period that a submission is marked late, and the proposal page says it was", async () => {
    const round = makeRound({ closesAt: at(-2 * HOUR), settings: { graceHours: 24 } });
    const onTime = makeProposal({ round, title: "Submitted in time, before the round closed" });
    expect(applyProposalCommand({ proposalId: onTime.id, actor: leadApplicant(), command: { type: "SUBMIT" }, now: at(-3 * HOUR) }).ok).toBe(true);
    applyRoundCommand({ roundId: round.id, actor: SYSTEM_ACTOR, command: { type: "CLOSE" }, now: at(-2 * HOUR) });
    const { id } = makeProposal({ round });
    const cookie = await signInAs("applicant.xk@taf.example");
    const params = { proposalId: String(id) };
    const preview = (await load(submitRoute, `/proposals/${id}/submit`, { cookie, params })) as Awaited<ReturnType<typeof submitRoute.loader>>;
    expect(preview.canSubmit).toBe(true);
    expect(preview.warnings.map((w) => w.text).join(" ")).toContain("a proposal submitted now is marked late, and the TAF team decides whether to accept it.");
    const sent = await submit(submitRoute, `/proposals/${id}/submit`, { intent: "submit", version: String(preview.version), revision: String(preview.revision) }, { cookie, params });
    expect(statusOf(sent)).toBe(302);
    const shown = (await load(proposalRoute, `/proposals/${id}`, { cookie, params })) as { submitted: { late: boolean } | null };
    expect(shown.submitted?.late).toBe(true);
    const roundPage = (await load(roundRoute, `/admin/rounds/${round.id}`, { cookie: await signInAs("admin@taf.example"), params: { roundId: String(round.id) } })) as {
      proposals: { rows: { id: number; late: boolean }[] };
    };
    expect(roundPage.proposals.rows.map((row) => [row.id, row.late]).sort()).toEqual([[id, true], [onTime.id, false]].sort());
  });
});

describe("a round's eligibility page refuses", () => {
  it("a stale form, saying the round changed meanwhile", async () => {
    const round = makeRound();
    const form = eligibilityForm(await page(round.id), { minimumCountries: "3" });
    expect(statusOf(await post(round.id, form))).toBe(302);
    const answer = await refusedChange(round.id, eligibilityForm(await page(round.id), { version: String(roundRow(round.id).version - 1), graceHours: "4" }));
    expect(answer.result.error?.[""]).toEqual(["This round changed meanwhile. Reload the page to see what changed, then make your changes again."]);
  });

  it("switching a criterion on or off, or changing the number of countries, once a proposal was submitted; rewording stays possible", async () => {
    const round = makeRound();
    submitted(round.id);
    const shown = await page(round.id);
    expect(shown.locks.rules).toMatch(/^1 proposal of this round was submitted, the first on .+, under the criteria that apply now\. Switching a criterion on or off/);
    const changes: Record<string, string | null>[] = [{ "criteria[4].applies": null }, { minimumCountries: "3" }];
    for (const change of changes) {
      const answer = await refusedChange(round.id, eligibilityForm(shown, change));
      expect(answer.result.error?.[""]).toEqual([shown.locks.rules]);
    }
    expect(statusOf(await post(round.id, eligibilityForm(shown, { "criteria[0].guidance": "Partners confirm in the portal." })))).toBe(302);
  });

  it("a grace period changed after the deadline, and any grace period for a rolling round", async () => {
    const round = makeRound({ closesAt: at(-HOUR) });
    const shown = await page(round.id);
    expect(shown.locks.grace).toContain("To take more submissions, reopen the round with a new deadline.");
    expect((await refusedChange(round.id, eligibilityForm(shown, { graceHours: "6" }))).result.error?.[""]).toEqual([shown.locks.grace]);

    const rolling = makeRound({ mode: "rolling", closesAt: null });
    const rollingPage = await page(rolling.id);
    expect(rollingPage.locks.grace).toBe("A rolling round has no deadline, so it has no grace period.");
    expect((await refusedChange(rolling.id, eligibilityForm(rollingPage, { graceHours: "6" }))).result.error?.[""]).toEqual([rollingPage.locks.grace]);
  });

  it("a round with no criterion applying, a name too short and numbers out of bounds, keeping what was typed", async () => {
    const round = makeRound({ closesAt: at(30 * DAY) });
    const shown = await page(round.id);
    const none = Object.fromEntries(shown.criteria.map((_, index) => [`criteria[${index}].applies`, null]));
    const answer = await refusedChange(round.id, eligibilityForm(shown, { ...none, "criteria[3].name": "W", minimumCountries: "1", graceHours: "100" }));
    expect(answer.result.error).toMatchObject({
      criteria: ["Keep at least one criterion applying: otherwise every proposal would pass unchecked."],
      "criteria[3].name": ["Use 3 to 150 characters."],
      minimumCountries: ["Enter a whole number of countries from 2 to 6."],
      graceHours: ["Enter a whole number of hours from 0 (no grace period) to 72."],
    });
    expect(answer.result.initialValue).toMatchObject({ minimumCountries: "1", graceHours: "100" });
    expect((answer.result.initialValue?.criteria as { name: string }[])[3]!.name).toBe("W");
  });

  it("a round that does not exist, with a 404", async () => {
    const form = eligibilityForm(await page(makeRound().id));
    expect(statusOf(await post(999_999, form))).toBe(404);
  });
});
