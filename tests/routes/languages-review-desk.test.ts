import { inEnglish } from "../../workflows/in-english";
import { eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as decisions from "../../app/routes/admin.rounds.$roundId_.decisions";
import * as desk from "../../app/routes/admin.rounds.$roundId_.review";
import * as ranking from "../../app/routes/admin.rounds.$roundId_.ranking";
import * as rankingCsv from "../../app/routes/admin.rounds.$roundId_.ranking[.csv]";
import { proposals, users } from "../../db/schema";
import { stageLabelFor } from "../../workflows/proposal-stages";
import { translatorFor } from "../../workflows/messages";
import { toBrusselsTime } from "../../workflows/time";
import { useDatabase } from "../support/database";
import { roundIdByCode } from "../support/tables";
import { load, signInAs, submit } from "../support/http";
import { addPerson, DAY, driveTo, KOSOVO_POLICE, makeRound } from "../workflow-server/builders";

// Issue 12 for the TAF team's review desk, ranking and decisions: the pages, their notices,
// refusals and form errors, the conflicts the desk detects and the ranking's CSV, in the
// administrator's language.

useDatabase("demo");

type Desk = Awaited<ReturnType<typeof desk.loader>>;
type Decisions = Awaited<ReturnType<typeof decisions.loader>>;
type DecisionsReply = Exclude<Awaited<ReturnType<typeof decisions.action>>, Response>;
type Ranking = Awaited<ReturnType<typeof ranking.loader>>;
type Outcome = { ok: true; notice: string } | { ok: false; message: string };

/** An administrator's session switched to a language with `?lng=`, as the switcher's link does. */
async function sessionIn(language: string, email = "admin@taf.example") {
  const session = await signInAs(email);
  const response = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${response.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

const inDays = (days: number) => toBrusselsTime(new Date(Date.now() + days * DAY));

describe("the review desk in Albanian", () => {
  let cookie = "";
  let round = { id: 0 };
  const path = () => `/admin/rounds/${round.id}/review`;
  const view = async () => (await load(desk, path(), { cookie, params: { roundId: String(round.id) } })) as Desk;
  const act = async (form: Record<string, string>) => (await submit(desk, path(), form, { cookie, params: { roundId: String(round.id) } })) as Outcome;

  beforeEach(async () => {
    cookie = await sessionIn("sq");
    round = makeRound();
    db().update(users).set({ active: false }).where(inArray(users.email, ["reviewer.eu@taf.example", "reviewer.expert@taf.example"])).run();
    addPerson({ email: "ana@review.example", name: "Ana Reviewer", role: "reviewer" });
    addPerson({ email: "kp@review.example", name: "Kim Police", role: "reviewer", institution: KOSOVO_POLICE });
  });

  it("titles the page and words a detected conflict in Albanian", async () => {
    driveTo("awaitingReviewers", { round, title: "Desk in Albanian" });
    const page = await view();
    expect(page.title).toContain("Tryeza e vlerësimit");
    const kim = page.proposals.rows[0]!.candidates.find((candidate) => candidate.name === "Kim Police")!;
    expect(kim.conflict).toBe(`I lidhur me ${KOSOVO_POLICE}, që merr pjesë.`);
  });

  it("assigns, refuses and reports a form's errors in Albanian, dates included", async () => {
    const proposalId = driveTo("awaitingReviewers", { round, title: "Desk in Albanian" });
    const ana = (await view()).proposals.rows[0]!.candidates.find((candidate) => candidate.name === "Ana Reviewer")!;
    expect(await act({ intent: "assign", proposalId: String(proposalId), reviewerUserId: String(ana.id), dueAt: inDays(10) })).toEqual({
      ok: true,
      notice: "Vlerësuesi u caktua dhe u njoftua me e-mail.",
    });
    expect(await act({ intent: "assign", proposalId: String(proposalId), reviewerUserId: String(ana.id), dueAt: inDays(10) })).toEqual({
      ok: false,
      message: "Ana Reviewer është caktuar tashmë për këtë propozim.",
    });
    const [assignment] = (await view()).proposals.rows[0]!.assignments;
    expect(await act({ intent: "withdraw", assignmentId: String(assignment!.id), version: String(assignment!.version), reason: "" })).toEqual({
      ok: false,
      message: "Jepni një arsye për tërheqjen e caktimit.",
    });
    const moved = await act({ intent: "due", assignmentId: String(assignment!.id), version: String(assignment!.version), dueAt: inDays(20) });
    expect(moved.ok && moved.notice).toMatch(/^Afati i vlerësimit tani është .*(ora e Brukselit|CET|CEST)/);
  });
});

describe("the ranking in Macedonian", () => {
  const roundId = () => roundIdByCode("2026-R2");
  const params = () => ({ roundId: String(roundId()) });

  it("titles the page and names each proposal's stage and countries in Macedonian", async () => {
    const page = (await load(ranking, `/admin/rounds/${roundId()}/ranking`, { cookie: await sessionIn("mk"), params: params() })) as Ranking;
    expect(page.title).toContain("Рангирање");
    const mk = translatorFor("mk");
    const row = page.rows.find((candidate) => candidate.decidable)!;
    const { state } = db().select({ state: proposals.state }).from(proposals).where(eq(proposals.id, row.proposalId)).get()!;
    expect(row.stage).toBe(stageLabelFor(state, "tafTeam", mk));
    expect(row.stage).not.toBe(stageLabelFor(state, "tafTeam", inEnglish));
    expect(page.rows.flatMap((candidate) => candidate.countries.map((country) => country.name))).toContain("Северна Македонија");
  });

  it("writes the CSV's headings and the Kosovo* footnote in Macedonian", async () => {
    const response = (await load(rankingCsv, `/admin/rounds/${roundId()}/ranking.csv`, { cookie: await sessionIn("mk"), params: params() })) as Response;
    const lines = (await response.text()).split("\r\n");
    expect(lines[0]).toMatch(/^Ранг,Референтен број,Наслов,Фаза,Водечка институција,Земји,/);
    expect(lines.filter((line) => line !== "").at(-1)).toContain(translatorFor("mk")("layout.kosovoFootnote"));
  });
});

describe("the decisions page in BCMS (Latin)", () => {
  it("titles the page, refuses and reports a form's errors in BCMS, and holds what it records", async () => {
    const cookie = await sessionIn("sr-Latn");
    const round = makeRound();
    const proposalId = driveTo("deciding", { round, title: "Odluke u BCMS" });
    const path = `/admin/rounds/${round.id}/decisions`;
    const params = { roundId: String(round.id) };
    const post = async (form: Record<string, string | string[]>) => (await submit(decisions, path, form, { cookie, params })) as DecisionsReply;

    const page = (await load(decisions, path, { cookie, params })) as Decisions;
    expect(page.title).toContain("Odluke");
    expect(page.proposals.map((proposal) => proposal.stage)).not.toContain(stageLabelFor(db().select({ state: proposals.state }).from(proposals).where(eq(proposals.id, proposalId)).get()!.state, "tafTeam", inEnglish));

    expect((await post({ intent: "record", outcome: "promising" })).error).toBe("Označite najmanje jedan prijedlog.");
    expect((await post({ intent: "release" })).error).toBe("Označite polje da potvrdite da se podnosioci obavještavaju sada.");
    const priority = await post({ intent: "record", proposalId: [String(proposalId)], outcome: "notSelected", priority: "on", reason: "Budžet je previsok.", heldVersion: [`${proposalId}:0`] });
    expect(priority.refused.map((refusal) => refusal.message)).toEqual(["Samo perspektivan prijedlog može biti označen kao prioritet. Uklonite oznaku „Prioritet” ili izaberite perspektivan."]);

    const recorded = await post({ intent: "record", proposalId: [String(proposalId)], outcome: "promising", reason: "Snažno partnerstvo.", heldVersion: [`${proposalId}:0`] });
    expect(recorded.refused).toEqual([]);
    const stale = await post({ intent: "record", proposalId: [String(proposalId)], outcome: "notSelected", reason: "Budžet je previsok.", heldVersion: [`${proposalId}:0`] });
    expect(stale.refused.map((refusal) => refusal.message)).toEqual(["Ova odluka je u međuvremenu promijenjena. Ponovo učitajte stranicu da vidite šta se promijenilo, pa pokušajte ponovo."]);
    expect(((await load(decisions, path, { cookie, params })) as Decisions).held).toHaveLength(1);
  });
});
