import { DEFAULT_REVIEW_CRITERIA } from "../../workflows/in-english";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as criteriaRoute from "../../app/routes/admin.rounds.$roundId_.criteria";
import { auditLog, rounds } from "../../db/schema";

import { useDatabase } from "../support/database";
import { load, signInAs, submit } from "../support/http";
import { roundIdByCode } from "../support/tables";

// A round's review criteria, as the TAF team edits them: kept by id, checked on the server with
// what was typed kept on refusal, guarded by the round's version, and locked from the first
// submitted review of the round on.

useDatabase("demo");

type Criterion = { id: string; name: string; guidance: string; weight: number | string; scaleLabels: readonly string[] };

const storedRound = (code: string) => db().select().from(rounds).where(eq(rounds.code, code)).get()!;
const storedCriteria = (code: string) => (storedRound(code).settings as { reviewCriteria?: Criterion[] }).reviewCriteria;

function criteriaForm(criteria: readonly Criterion[], version: number, extra: Record<string, string> = {}) {
  const form: Record<string, string> = { intent: "save", version: String(version), ...extra };
  criteria.forEach((criterion, index) => {
    form[`criteria[${index}].id`] = criterion.id;
    form[`criteria[${index}].name`] = criterion.name;
    form[`criteria[${index}].guidance`] = criterion.guidance;
    form[`criteria[${index}].weight`] = String(criterion.weight);
    criterion.scaleLabels.forEach((label, point) => (form[`criteria[${index}].scaleLabels[${point}]`] = label));
  });
  return form;
}

async function post(code: string, form: Record<string, string>) {
  const roundId = String(roundIdByCode(code));
  return submit(criteriaRoute, `/admin/rounds/${roundId}/criteria`, form, { cookie: await signInAs("admin@taf.example"), params: { roundId } });
}

async function page(code: string) {
  const roundId = String(roundIdByCode(code));
  return (await load(criteriaRoute, `/admin/rounds/${roundId}/criteria`, { cookie: await signInAs("admin@taf.example"), params: { roundId } })) as Awaited<ReturnType<typeof criteriaRoute.loader>>;
}

type Answer = { result: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> | null } };

const labels = ["Not at all", "Barely", "In part", "Mostly", "Fully"];

describe("a round's review criteria", () => {
  it("start from the defaults and can be edited while no review of the round is submitted", async () => {
    const rolling = await page("ROLLING");
    expect(rolling.criteria.map((c) => c.id)).toEqual(DEFAULT_REVIEW_CRITERIA.map((c) => c.id));
    expect(rolling.lockReason).toBeNull();
  });

  it("are stored as edited: a kept criterion keeps its id, a removed one goes, a new one gets an id of its own", async () => {
    const before = storedRound("ROLLING");
    const [relevance, regional, , sustainability, value] = DEFAULT_REVIEW_CRITERIA;
    const edited = [
      { ...relevance!, name: "Relevance to the EU's SOC/CT priorities", weight: 2 },
      regional!,
      sustainability!,
      value!,
      { id: "", name: "Gender and human rights", guidance: "Are victims' and suspects' rights respected?", weight: 0.5, scaleLabels: labels },
    ];
    const result = await post("ROLLING", criteriaForm(edited, before.version));
    expect((result as Response).status).toBe(302);
    expect((result as Response).headers.get("Location")).toBe(`/admin/rounds/${before.id}/criteria?notice=saved`);

    const stored = storedCriteria("ROLLING")!;
    expect(stored.map((c) => [c.name, c.weight])).toEqual([
      ["Relevance to the EU's SOC/CT priorities", 2],
      [regional!.name, 1],
      [sustainability!.name, 1],
      [value!.name, 1],
      ["Gender and human rights", 0.5],
    ]);
    expect(stored.slice(0, 4).map((c) => c.id)).toEqual(["relevance", "regionalAddedValue", "sustainability", "valueForMoney"]);
    const added = stored[4]!.id;
    expect(added).not.toBe("");
    expect(DEFAULT_REVIEW_CRITERIA.map((c) => c.id)).not.toContain(added);
    expect(stored[4]!.scaleLabels).toEqual(labels);
    expect(storedRound("ROLLING").version).toBe(before.version + 1);

    const audit = db().select().from(auditLog).where(eq(auditLog.action, "round.reviewCriteriaChanged")).all();
    expect(audit.map((row) => [row.subjectType, row.subjectId])).toEqual([["round", String(before.id)]]);
  });

  it("never take an id the round does not have: a forged id is replaced by a new one", async () => {
    const round = storedRound("ROLLING");
    await post("ROLLING", criteriaForm([{ ...DEFAULT_REVIEW_CRITERIA[0]!, id: "somethingElse" }], round.version));
    const [only] = storedCriteria("ROLLING")!;
    expect(only!.name).toBe(DEFAULT_REVIEW_CRITERIA[0]!.name);
    expect(only!.id).not.toBe("somethingElse");
  });

  it("are refused with every problem in words, what was typed kept, and nothing stored", async () => {
    const round = storedRound("ROLLING");
    const typed = [
      { ...DEFAULT_REVIEW_CRITERIA[0]!, name: "Relevance" },
      { ...DEFAULT_REVIEW_CRITERIA[1]!, name: "relevance", scaleLabels: ["One", "", "Three", "", "Five"] },
      { ...DEFAULT_REVIEW_CRITERIA[2]!, weight: "0" },
    ];
    const answer = (await post("ROLLING", criteriaForm(typed, round.version))) as Answer;
    expect(answer.result.error?.["criteria[2].weight"]).toEqual(["Enter a weight above zero."]);
    expect((answer.result.initialValue?.criteria as { name: string }[]).map((c) => c.name)).toEqual(["Relevance", "relevance", DEFAULT_REVIEW_CRITERIA[2]!.name]);

    const fixedWeight = [...typed.slice(0, 2), DEFAULT_REVIEW_CRITERIA[2]!];
    const checked = (await post("ROLLING", criteriaForm(fixedWeight, round.version))) as Answer;
    expect(checked.result.error?.[""]).toEqual([
      "Criterion 2 (relevance) has the same name as an earlier criterion.",
      "Criterion 2 (relevance) needs words for points 2 and 4 of the scale.",
    ]);
    expect(storedRound("ROLLING")).toEqual(round);
  });

  it("refuse a stale form: someone else saved meanwhile", async () => {
    const round = storedRound("ROLLING");
    await post("ROLLING", criteriaForm(DEFAULT_REVIEW_CRITERIA.slice(0, 2), round.version));
    const saved = storedRound("ROLLING");
    const answer = (await post("ROLLING", criteriaForm(DEFAULT_REVIEW_CRITERIA.slice(0, 3), round.version))) as Answer;
    expect(answer.result.error?.[""]).toEqual(["This round changed meanwhile. Reload the page to see what changed, then make your changes again."]);
    expect(storedRound("ROLLING")).toEqual(saved);
  });

  it("add and remove a criterion without JavaScript: the form comes back changed, nothing stored", async () => {
    const round = storedRound("ROLLING");
    const form = criteriaForm(DEFAULT_REVIEW_CRITERIA, round.version);
    delete form.intent;
    const added = (await post("ROLLING", { ...form, __intent__: JSON.stringify({ type: "insert", payload: { name: "criteria" } }) })) as Answer;
    expect((added.result.initialValue?.criteria as unknown[]).length).toBe(6);
    const removed = (await post("ROLLING", { ...form, __intent__: JSON.stringify({ type: "remove", payload: { name: "criteria", index: 0 } }) })) as Answer;
    expect((removed.result.initialValue?.criteria as { id: string }[]).map((c) => c.id)).toEqual(DEFAULT_REVIEW_CRITERIA.slice(1).map((c) => c.id));
    expect(storedRound("ROLLING")).toEqual(round);
  });

  it("are locked once a review of the round is submitted: the page says why, and the server refuses", async () => {
    const locked = await page("2026-R2");
    expect(locked.lockReason).toMatch(/^The criteria are locked: 5 reviews of this round are submitted, the first on .+, and their scores refer to these criteria\./);

    const round = storedRound("2026-R2");
    const answer = (await post("2026-R2", criteriaForm(DEFAULT_REVIEW_CRITERIA.slice(0, 1), round.version))) as Answer;
    expect(answer.result.error?.[""]).toEqual([locked.lockReason]);
    expect(storedRound("2026-R2")).toEqual(round);
  });
});
