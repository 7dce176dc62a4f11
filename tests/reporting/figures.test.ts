import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import type { SessionUser } from "../../app/auth/session.server";
import { getSessionUser } from "../../app/auth/session.server";
import type { OverviewFilter } from "../../app/proposals/overview-schema";
import { OVERVIEW_STAGES } from "../../app/proposals/overview-schema";
import { overviewCount } from "../../app/proposals/overview.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import type { DashboardFilter } from "../../app/reporting/figures.server";
import { dashboardFigures, pairKey } from "../../app/reporting/figures.server";
import { COUNTRY_CODES } from "../../workflows/countries";
import { periodSummary } from "../../workflows/reporting-words";
import { inEnglish } from "../../workflows/in-english";
import { isWithin } from "../../workflows/proposal-stages";
import { INSTITUTION_TYPES, SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { useDatabase } from "../support/database";
import { ORIGIN, signInAs } from "../support/http";
import {
  actorFor,
  admin,
  ALBANIAN_POLICE,
  assignReviewers,
  at,
  DAY,
  driveTo,
  KOSOVO_POLICE,
  leadApplicant,
  makeProposal,
  makeRound,
  markReviewSubmitted,
  MK_PROSECUTION,
  roundIdByCode,
  RS_PROSECUTION,
} from "../workflow-server/builders";

// The programme's figures, checked by hand on a small round built by name, against the table of
// every proposal on the demo data, and for what a country advisor counts.

useDatabase("demo");

async function userOf(email: string): Promise<SessionUser> {
  return (await getSessionUser(new Request(ORIGIN, { headers: { Cookie: await signInAs(email) } })))!;
}

const everything: DashboardFilter = { rounds: [], submittedFrom: null, submittedBefore: null };

function go(proposalId: number, command: Parameters<typeof applyProposalCommand>[0]["command"], now: Date, actor = admin()) {
  const outcome = applyProposalCommand({ proposalId, actor, command, now });
  if (!outcome.ok) throw new Error(`${command.type}: ${outcome.message}`);
}

/** A proposal led by another institution than the Kosovo* Police, submitted by its own applicant and taken as far as the decision. */
function ledBy(round: { id: number }, lead: string, applicant: string, partners: string[], point: "awaitingDecision" | "deciding") {
  const { id } = makeProposal({ round, lead, createdBy: applicant, title: `Led by ${lead}`, partners: partners.map((institution) => ({ institution, status: "confirmed" })) });
  go(id, { type: "SUBMIT" }, at(0), actorFor(applicant));
  if (point === "awaitingDecision") return id;
  go(id, { type: "CONFIRM_ELIGIBLE", reason: "" }, at(0));
  const assignments = assignReviewers(id, ["reviewer.eu@taf.example", "reviewer.expert@taf.example"]);
  go(id, { type: "START_REVIEW" }, at(0));
  assignments.forEach((assignment) => markReviewSubmitted(assignment));
  go(id, { type: "CLOSE_REVIEW" }, at(0));
  return id;
}

/**
 * A round of five submitted proposals and a draft, all submitted at T0:
 * - A: Kosovo* Police with the Albanian State Police, promising (decided on day 0), concept approved;
 * - B: North Macedonia's prosecution with Kosovo* Police and Serbia's prosecution, not selected on day 10;
 * - C: Serbia's prosecution with the Albanian State Police, awaiting the eligibility decision;
 * - D: Kosovo* Police with the Albanian State Police, eligible, then withdrawn;
 * - E: Kosovo* Police with the Albanian State Police, not selected on day 4;
 * - a draft, which no figure counts.
 */
function smallRound() {
  const round = makeRound();
  driveTo("awaitingStart", { round, title: "A" });
  const b = ledBy(round, MK_PROSECUTION, "applicant.mk@taf.example", [KOSOVO_POLICE, RS_PROSECUTION], "deciding");
  go(b, { type: "DECIDE", outcome: "notSelected", reason: "Outside the priorities.", sharedFeedback: "" }, at(10 * DAY));
  ledBy(round, RS_PROSECUTION, "applicant.rs@taf.example", [ALBANIAN_POLICE], "awaitingDecision");
  const d = driveTo("awaitingReviewers", { round, title: "D" });
  go(d, { type: "WITHDRAW", reason: "Our team changed." }, at(DAY), leadApplicant());
  const e = driveTo("deciding", { round, title: "E" });
  go(e, { type: "DECIDE", outcome: "notSelected", reason: "Overlaps A.", sharedFeedback: "" }, at(4 * DAY));
  makeProposal({ round, title: "Still a draft" });
  return round;
}

describe("the programme's figures", () => {
  it("count a round's pipeline, countries, cooperation, topics and times as worked out by hand", async () => {
    const round = smallRound();
    const figures = dashboardFigures(await userOf("admin@taf.example"), { ...everything, rounds: [round.id] });

    expect(figures.rounds).toHaveLength(1);
    const [only] = figures.rounds;
    // D was eligible before it was withdrawn: it passed that step.
    expect(only!.funnel).toEqual({ submitted: 5, eligible: 4, promising: 1, conceptApproved: 1, implemented: 0 });
    expect(only).toMatchObject({ countries: 4, decided: 3, stoodOut: 0, sharePromising: 1 / 5 });
    // Decided after 0, 4 and 10 days: the middle one.
    expect(only!.medianDaysToDecision).toBe(4);
    expect(periodSummary(only!, inEnglish)).toBe("5 proposals from 4 countries; 1 promising");
    expect(figures.overall.funnel).toEqual(only!.funnel);

    const country = (code: string) => figures.countries.find((c) => c.code === code);
    expect(country("XK")).toMatchObject({ label: "Kosovo*", lead: 3, partner: 1, takingPart: 4 });
    expect(country("AL")).toMatchObject({ lead: 0, partner: 4, takingPart: 4 });
    expect(country("MK")).toMatchObject({ lead: 1, partner: 0, takingPart: 1 });
    expect(country("RS")).toMatchObject({ lead: 1, partner: 1, takingPart: 2 });
    expect(country("BA")).toMatchObject({ lead: 0, partner: 0, takingPart: 0 });

    expect(figures.cooperation).toEqual({ "AL|XK": 3, "XK|MK": 1, "XK|RS": 1, "MK|RS": 1, "AL|RS": 1 });
    expect(pairKey("XK", "AL")).toBe("AL|XK");

    const type = (id: string) => figures.institutionTypes.find((t) => t.type === id)!.proposals;
    expect(type("police")).toBe(5);
    expect(type("prosecution")).toBe(2);
    expect(type("ministryOfJustice")).toBe(0);
    expect(figures.themes.find((t) => t.id === "drugTrafficking")!.proposals).toBe(5);
    expect(figures.supportKinds.find((k) => k.id === "practiceExchange")!.proposals).toBe(5);

    // A's approved concept note plans one joint exercise in November 2026, not yet held.
    expect(figures.months).toEqual([{ month: "2026-11", planned: 1, held: 0 }]);
  });

  it("count only proposals submitted in the period", async () => {
    const round = smallRound();
    const user = await userOf("admin@taf.example");
    expect(dashboardFigures(user, { rounds: [round.id], submittedFrom: at(-DAY), submittedBefore: at(DAY) }).overall.funnel.submitted).toBe(5);
    expect(dashboardFigures(user, { rounds: [round.id], submittedFrom: at(DAY), submittedBefore: null }).overall.funnel.submitted).toBe(0);
    expect(dashboardFigures(user, { rounds: [round.id], submittedFrom: null, submittedBefore: at(-DAY) }).rounds).toEqual([]);
  });

  it("match the table of every proposal for the same round, country, institution type, theme and kind of support", async () => {
    const user = await userOf("admin@taf.example");
    const submittedStages = OVERVIEW_STAGES.filter((stage) => !isWithin(stage, "draft") && !isWithin(stage, "discarded"));
    const table = (filter: Partial<OverviewFilter>) =>
      submittedStages.reduce((sum, stage) => sum + overviewCount(user, { q: undefined, sort: "updated", ...filter, stage }), 0);
    for (const code of ["2026-R1", "2026-R2"]) {
      const round = roundIdByCode(code);
      const figures = dashboardFigures(user, { ...everything, rounds: [round] });
      expect(figures.overall.funnel.submitted).toBeGreaterThan(0);
      expect(figures.overall.funnel.submitted).toBe(table({ round }));
      for (const country of COUNTRY_CODES) expect(figures.countries.find((c) => c.code === country)!.takingPart, country).toBe(table({ round, country }));
      for (const institutionType of INSTITUTION_TYPES) expect(figures.institutionTypes.find((t) => t.type === institutionType)!.proposals, institutionType).toBe(table({ round, institutionType }));
      for (const { id } of THEMES) expect(figures.themes.find((t) => t.id === id)!.proposals, id).toBe(table({ round, theme: id }));
      for (const { id } of SUPPORT_KINDS) expect(figures.supportKinds.find((k) => k.id === id)!.proposals, id).toBe(table({ round, support: id }));
    }
  });

  it("say the demo's first round as the programme does", async () => {
    const figures = dashboardFigures(await userOf("admin@taf.example"), { ...everything, rounds: [roundIdByCode("2026-R1")] });
    // The drug-trafficking proposal was decided with the priority mark.
    expect(periodSummary(figures.rounds[0]!, inEnglish)).toBe("5 proposals from 6 countries; 1 stood out, 3 more promising");
  });

  it("give a country advisor their country's part only", async () => {
    const all = dashboardFigures(await userOf("admin@taf.example"), everything);
    const advisor = dashboardFigures(await userOf("advisor.mk@taf.example"), everything);
    const northMacedonia = all.countries.find((c) => c.code === "MK")!;
    expect(advisor.overall.funnel.submitted).toBe(northMacedonia.takingPart);
    expect(advisor.overall.funnel.submitted).toBeLessThan(all.overall.funnel.submitted);
    expect(advisor.countries.find((c) => c.code === "MK")).toEqual(northMacedonia);
  });

  it("are read again after any write, and from one statement while nothing changed", async () => {
    const round = smallRound();
    const user = await userOf("admin@taf.example");
    const filter = { ...everything, rounds: [round.id] };
    expect(dashboardFigures(user, filter).overall.funnel.eligible).toBe(4);

    const spy = spyOnStatements();
    dashboardFigures(user, filter);
    expect(spy.mock.calls.length).toBe(1);
    spy.mockRestore();

    const c = driveTo("awaitingReviewers", { round, title: "F" });
    expect(dashboardFigures(user, filter).overall.funnel).toMatchObject({ submitted: 6, eligible: 5 });
    go(c, { type: "WITHDRAW", reason: "Our team changed." }, at(DAY), leadApplicant());
    expect(dashboardFigures(user, filter).rounds[0]!.funnel.eligible).toBe(5);
  });
});
