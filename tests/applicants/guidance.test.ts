import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { rounds } from "../../db/schema";
import { db } from "../../app/db.server";
import { RoundGuide } from "../../app/components/proposal/round-guide";
import * as edit from "../../app/routes/proposals.$proposalId.edit";
import * as start from "../../app/routes/proposals.new";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId, proposalRow, setContent } from "../workflow-server/builders";

// Guidance where it is needed (issue 10): the round's guide, criteria and limits where the lead
// starts and writes a proposal; only the round's themes and kinds of support; no past start.

useDatabase("demo");

let cookie = "";
beforeEach(async () => {
  cookie = await signInAs("applicant.xk@taf.example");
});

type EditPage = Awaited<ReturnType<typeof edit.loader>>;
type StartPage = Awaited<ReturnType<typeof start.loader>>;
type SaveReply = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; problem: string | null; problems: Record<string, string[]> | null };

const cybercrime = () => demoProposalId("cybercrime");
const editArgs = (id: number) => [`/proposals/${id}/edit`, { cookie, params: { proposalId: String(id) } }] as const;

async function editPage(id: number) {
  return (await load(edit, ...editArgs(id))) as EditPage;
}

async function save(id: number, form: Record<string, string | string[]>) {
  // The whole form, as the browser sends it: what the page holds, with the lead's changes.
  const page = await editPage(id);
  const held = Object.fromEntries(Object.entries(page.values).map(([key, value]) => [key, Array.isArray(value) ? value : String(value)]));
  const [path, options] = editArgs(id);
  return (await submit(edit, path, { intent: "save", revision: String(page.revision), ...held, ...form }, options)) as SaveReply;
}

/** Gives round 2026-R2 settings of its own, as the TAF team would on its edit page. */
function setRoundSettings(patch: Record<string, unknown>) {
  const r2 = db().select().from(rounds).where(eq(rounds.code, "2026-R2")).get()!;
  db().update(rounds).set({ settings: { ...r2.settings, ...patch } }).where(eq(rounds.id, r2.id)).run();
}

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe("the round's guide", () => {
  it("is on the new-proposal page for each open round: its guide, criteria in its words, limits and offer", async () => {
    setRoundSettings({
      guidance: "Proposals should build on an ongoing case.",
      criterionWording: { linkedToSocOrCt: { name: "Operational and linked to organised crime", guidance: "Say which case or threat." } },
      themes: ["cybercrime", "drugTrafficking"],
      limits: { maxBudgetEur: 60000 },
    });
    const page = (await load(start, "/proposals/new", { cookie })) as StartPage;
    const r2 = page.rounds.find((round) => round.code === "2026-R2")!;
    expect(r2.guide.guidance).toBe("Proposals should build on an ongoing case.");
    expect(r2.guide.criteria.map((c) => c.name)).toContain("Operational and linked to organised crime");
    expect(r2.guide.criteria).toHaveLength(5);
    expect(r2.guide.limits.maxBudgetEur).toBe(60000);
    expect(r2.guide.themes).toEqual(["Drug trafficking", "Cybercrime"]);
    expect(r2.guide.fundsEverything).toBe(false);
    // The rolling round keeps the defaults: every theme and kind of support, said in a sentence.
    expect(page.rounds.find((round) => round.code === "ROLLING")!.guide.fundsEverything).toBe(true);
  });

  it("is beside the edit form, and reads as the applicants see it", async () => {
    setRoundSettings({ guidance: "Proposals should build on an ongoing case.", supportKinds: ["jointExercise"], limits: { words: { summary: 90 } } });
    const page = await editPage(cybercrime());
    const html = renderToStaticMarkup(createElement(RoundGuide, { guide: page.guide, level: 2 })).replaceAll("&#x27;", "'").replaceAll("&amp;", "&");
    expect(html).toContain("Proposals should build on an ongoing case.");
    for (const criterion of page.guide.criteria) expect(html).toContain(criterion.name);
    expect(html).toContain("Summary: 90");
    expect(html).toContain("at most EUR 150,000");
    expect(html).toMatch(/Kinds of support:<\/strong> Joint exercise\./);
  });
});

describe("themes and kinds of support", () => {
  it("are offered as the round sets them", async () => {
    setRoundSettings({ themes: ["cybercrime"], supportKinds: ["expertAdvice", "jointExercise"] });
    const { choices } = await editPage(cybercrime());
    const themes = choices.themes.flatMap((group) => group.options);
    const kinds = choices.supportKinds.flatMap((group) => group.options);
    expect(choices.themes[0]!.title).toBe("Serious and organised crime");
    expect(themes).toContainEqual({ id: "cybercrime", label: "Cybercrime" });
    expect(kinds).toEqual(expect.arrayContaining([{ id: "jointExercise", label: "Joint exercise" }, { id: "expertAdvice", label: "Expert advice" }]));
    // The others are the ones the demo's draft already holds, marked as not funded.
    const notFunded = [...themes, ...kinds].filter((option) => !["cybercrime", "jointExercise", "expertAdvice"].includes(option.id));
    expect(notFunded.length).toBeGreaterThan(0);
    for (const option of notFunded) expect(option.label).toMatch(/\(not funded by this round: untick it\)$/);
  });

  it("saves one the round does not fund, as everything typed is saved, and says beside the field that it must go before submitting", async () => {
    setRoundSettings({ themes: ["cybercrime"], supportKinds: ["expertAdvice"] });
    const reply = await save(cybercrime(), { summary: "Typed with the choices.", themes: ["cybercrime", "firearmsTrafficking"], supportKinds: ["jointExercise"] });
    expect(reply.problems?.themes?.[0]).toBe("This round does not fund “Firearms trafficking”: untick it and choose among the themes it offers.");
    expect(reply.problems?.supportKinds?.[0]).toBe("This round does not fund “Joint exercise”: untick it and choose among the kinds of support it offers.");
    expect(proposalRow(cybercrime()).content).toMatchObject({ summary: "Typed with the choices.", themes: ["cybercrime", "firearmsTrafficking"], supportKinds: ["jointExercise"] });
    // Read back, the page says so again until they are unticked, and still offers them to untick.
    const page = await editPage(cybercrime());
    expect(page.problems.themes?.[0]).toContain("This round does not fund “Firearms trafficking”");
    expect(page.choices.themes.flatMap((group) => group.options)).toContainEqual({ id: "firearmsTrafficking", label: "Firearms trafficking (not funded by this round: untick it)" });
  });

  it("saves the ones it funds", async () => {
    setRoundSettings({ themes: ["cybercrime"], supportKinds: ["expertAdvice"] });
    const reply = await save(cybercrime(), { themes: ["cybercrime"], supportKinds: ["expertAdvice"] });
    expect(reply.problem).toBeNull();
    expect(proposalRow(cybercrime()).content).toMatchObject({ themes: ["cybercrime"], supportKinds: ["expertAdvice"] });
  });
});

describe("the intended start", () => {
  it("saves a day that has passed, and says beside the field that it must be corrected before submitting", async () => {
    const reply = await save(cybercrime(), { intendedStart: isoDay(-3) });
    expect(reply.problems?.intendedStart?.[0]).toBe("This date has passed. Give a day from today on when the first activity could take place.");
    expect(proposalRow(cybercrime()).content.intendedStart).toBe(isoDay(-3));
  });

  it("takes today and later", async () => {
    expect((await save(cybercrime(), { intendedStart: isoDay(0) })).problems?.intendedStart).toBeUndefined();
    expect((await save(cybercrime(), { intendedStart: isoDay(40) })).problems?.intendedStart).toBeUndefined();
    expect(proposalRow(cybercrime()).content.intendedStart).toBe(isoDay(40));
  });

  it("keeps a saved start whose day has passed since, so the draft still saves", async () => {
    setContent(cybercrime(), { intendedStart: isoDay(-10) });
    const reply = await save(cybercrime(), { intendedStart: isoDay(-10), summary: "Still saving." });
    expect(reply.problem).toBeNull();
    expect(proposalRow(cybercrime()).content).toMatchObject({ intendedStart: isoDay(-10), summary: "Still saving." });
  });
});

