import { and, eq, inArray } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { ProposalPrintout } from "../../app/components/print/proposal-printout";
import { db } from "../../app/db.server";
import { env } from "../../app/env.server";
import * as reports from "../../app/routes/admin.reports";
import * as roundReportPage from "../../app/routes/admin.rounds.$roundId_.report";
import * as roundReportPdf from "../../app/routes/admin.rounds.$roundId_.report[.pdf]";
import { SteeringReport } from "../../app/components/print/steering-report";
import * as printPage from "../../app/routes/proposals.$proposalId.print";
import * as printPdf from "../../app/routes/proposals.$proposalId.print[.pdf]";
import { memberships, proposalEvents, proposals, reviewAssignments, reviews, users } from "../../db/schema";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf } from "../support/http";
import { periodSummary } from "../../workflows/reporting-words";
import { inEnglish } from "../../workflows/in-english";
import { demoProposalId, KOSOVO_POLICE, makeProposal, roundIdByCode } from "../workflow-server/builders";

// The printable pages: a proposal as the applicants keep it (what was submitted, never what the
// TAF team or the reviewers keep to themselves) and the steering committee's report.

useDatabase("demo");

type Print = Awaited<ReturnType<typeof printPage.loader>>;
type RoundReport = Awaited<ReturnType<typeof roundReportPage.loader>>;
type PeriodReport = Awaited<ReturnType<typeof reports.loader>>;

async function printOf(id: number, email: string) {
  return (await load(printPage, `/proposals/${id}/print`, { cookie: await signInAs(email), params: { proposalId: String(id) } })) as Print;
}

/** The printout as it is drawn, on the page and in the PDF alike. */
function printedText(print: Print) {
  return renderToStaticMarkup(createElement(ProposalPrintout, { proposal: print.proposal!, portalUrl: print.portalUrl }));
}

/** What the TAF team and the reviewers keep to themselves about a proposal. */
function internalTextsOf(id: number) {
  const reviewers = db()
    .select({ name: users.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(memberships.role, "reviewer"))
    .all()
    .map((r) => r.name);
  const comments = db()
    .select({ internal: reviews.internalComment })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId))
    .where(eq(reviewAssignments.proposalId, id))
    .all()
    .map((r) => r.internal);
  const reasons = db()
    .select({ payload: proposalEvents.payload })
    .from(proposalEvents)
    .where(and(eq(proposalEvents.proposalId, id), inArray(proposalEvents.type, ["DECIDE", "CONFIRM_ELIGIBLE", "CLOSE_REVIEW"])))
    .all()
    .flatMap((e) => (typeof e.payload.reason === "string" ? [e.payload.reason] : []));
  return [...reviewers, ...comments, ...reasons].filter((text) => text.trim() !== "");
}

describe("a proposal's printable page", () => {
  it("holds what was submitted, the partners with their countries and the decisions the applicants were told", async () => {
    const id = demoProposalId("drugNetworks");
    const print = await printOf(id, "applicant.xk@taf.example");
    const proposal = print.proposal!;
    expect(proposal.reference).toBe("TAF-2026-R1-001");
    expect(proposal.lead).toEqual({ name: KOSOVO_POLICE, country: { name: "Kosovo", needsFootnote: true } });
    expect(proposal.partners.map((p) => `${p.name} (${p.country.name}), ${p.status}`)).toEqual([
      "Albanian State Police (Albania), confirmed",
      "Public Prosecutor's Office of North Macedonia (North Macedonia), confirmed",
    ]);
    expect(proposal.decisions.map((d) => d.what)).toEqual([
      "The TAF team confirmed that the proposal is eligible.",
      "The TAF team decided on selection.",
      "The TAF team approved the concept note.",
    ]);
    const html = printedText(print);
    expect(html).toContain("An especially promising proposal, with police and prosecution working together across three countries.");
    expect(html).toContain(KOSOVO_FOOTNOTE);
    expect(html).toContain(`${print.portalUrl}/proposals/${id}`);
  });

  it("never shows reviewers' names, scores, internal comments or the TAF team's internal reasons, not even to the TAF team", async () => {
    const id = demoProposalId("drugNetworks");
    const internal = internalTextsOf(id);
    expect(internal.length).toBeGreaterThan(2);
    for (const email of ["applicant.xk@taf.example", "admin@taf.example", "advisor.mk@taf.example"]) {
      const print = await printOf(id, email);
      const everything = `${JSON.stringify(print)}${printedText(print)}`;
      for (const text of internal) expect(everything, `${email} reads "${text}"`).not.toContain(text);
      expect(everything).not.toMatch(/score/i);
    }
  });

  it("prints the submitted version, not the draft edited since", async () => {
    const id = demoProposalId("victims");
    const submitted = (await printOf(id, "admin@taf.example")).proposal!.submitted.answers.summary;
    const row = db().select().from(proposals).where(eq(proposals.id, id)).get()!;
    db()
      .update(proposals)
      .set({ content: { ...row.content, answers: { ...(row.content.answers as object), summary: "Rewritten while answering the clarification request." } } })
      .where(eq(proposals.id, id))
      .run();
    const print = await printOf(id, "admin@taf.example");
    expect(print.proposal!.submitted.answers.summary).toBe(submitted);
    expect(printedText(print)).not.toContain("Rewritten while answering");
  });

  it("has nothing to print before the first submission", async () => {
    const draft = makeProposal({ title: "Not yet submitted" });
    const print = (await load(printPage, `/proposals/${draft.id}/print`, { cookie: await signInAs("admin@taf.example"), params: { proposalId: String(draft.id) } })) as Print;
    expect(print.proposal).toBeNull();
  });

  it("is not there for someone who may not see the proposal", async () => {
    const id = demoProposalId("drugNetworks");
    const reviewer = await load(printPage, `/proposals/${id}/print`, { cookie: await signInAs("reviewer.expert@taf.example"), params: { proposalId: String(id) } });
    expect(statusOf(reviewer)).toBe(404);
    const pdf = await load(printPdf, `/proposals/${id}/print.pdf`, { cookie: await signInAs("applicant.rs@taf.example"), params: { proposalId: String(id) } });
    expect(statusOf(pdf)).toBe(404);
  });

  it("as a PDF made by the portal carries the footnote on every page, and nothing internal", async () => {
    const id = demoProposalId("drugNetworks");
    const response = (await load(printPdf, `/proposals/${id}/print.pdf`, { cookie: await signInAs("applicant.xk@taf.example"), params: { proposalId: String(id) } })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const { pages, text } = await new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) }).getText();
    expect(text).toContain("TAF-2026-R1-001");
    for (const page of pages) expect(page.text.replace(/\s+/g, " "), `page ${page.num}`).toContain("in line with UNSCR 1244/1999");
    for (const internal of internalTextsOf(id)) expect(text.replace(/\s+/g, " ")).not.toContain(internal);
  }, 60_000);

  it("sends people to the printable page, with the browser's Print to use, where the server has no Chromium", async () => {
    const id = demoProposalId("drugNetworks");
    const settings = env();
    const chromium = settings.CHROMIUM_PATH;
    settings.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const response = (await load(printPdf, `/proposals/${id}/print.pdf`, { cookie: await signInAs("applicant.xk@taf.example"), params: { proposalId: String(id) } })) as Response;
      expect(response.status).toBe(303);
      expect(response.headers.get("Location")).toBe(`/proposals/${id}/print?pdf=unavailable`);
      const print = (await load(printPage, `/proposals/${id}/print?pdf=unavailable`, { cookie: await signInAs("applicant.xk@taf.example"), params: { proposalId: String(id) } })) as Print;
      expect(print.pdfAvailable).toBe(false);
      expect(print.notice).toContain("use your browser's Print");
    } finally {
      settings.CHROMIUM_PATH = chromium;
    }
  });
});

describe("the steering committee's report", () => {
  const roundReport = async (code: string) => {
    const id = String(roundIdByCode(code));
    return (await load(roundReportPage, `/admin/rounds/${id}/report`, { cookie: await signInAs("admin@taf.example"), params: { roundId: id } })) as RoundReport;
  };

  it("sums the round up in a line and lists its proposals with stage, decision, implementation and lessons learnt", async () => {
    const report = await roundReport("2026-R1");
    expect(periodSummary(report.figures.overall, inEnglish)).toBe("5 proposals from 6 countries; 1 stood out, 3 more promising");
    expect(report.proposals.map((p) => `${p.reference}: ${p.decision}`)).toEqual([
      "TAF-2026-R1-001: Promising: stood out",
      "TAF-2026-R1-002: Promising",
      "TAF-2026-R1-003: Promising",
      "TAF-2026-R1-004: Not selected",
      "TAF-2026-R1-005: Promising",
    ]);
    expect(report.implementation.map((p) => `${p.reference} ${p.implementation!.held} of ${p.implementation!.planned}`)).toEqual([
      "TAF-2026-R1-001 2 of 4",
      "TAF-2026-R1-002 0 of 3",
      "TAF-2026-R1-005 0 of 3",
    ]);
    expect(report.namesKosovo).toBe(true);
  });

  it("shows the round's lessons learnt as its lessons page does: the survey's answers, averages and comments, and the completion reports", async () => {
    const report = await roundReport("2026-R1");
    expect(report.lessons.map((l) => l.round.code)).toEqual(["2026-R1"]);
    const [lessons] = report.lessons;
    expect({ asked: lessons!.asked, answered: lessons!.answered }).toEqual({ asked: 10, answered: 5 });
    expect(lessons!.questions.map((q) => [q.id, q.average])).toEqual([
      ["guidance", 4.2],
      ["form", 4],
      ["timing", 3.2],
      ["support", 4.4],
    ]);
    expect(lessons!.comments.map((c) => c.institution)).toContain("Kosovo* Police");
    expect(lessons!.lessonsLearnt.map((l) => l.reference)).toEqual(["TAF-2026-R1-005"]);
    expect(lessons!.lessonsLearnt[0]!.lessonsLearnt).toContain("Translation needs more time than planned.");
    const html = renderToStaticMarkup(createElement(SteeringReport, { report, portalUrl: report.portalUrl, showRound: false }));
    expect(html).toContain("5 answers in of 10 institutions asked.");
    expect(html).toContain("4.2");
    expect(html).toContain("The round closed during the summer holidays");
    expect(html).toContain("Translation needs more time than planned.");
  });

  it("as a PDF carries the summary with the proposal that stood out and the lessons learnt, with the footnote on every page", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const response = (await load(roundReportPdf, `/admin/rounds/${id}/report.pdf`, { cookie: await signInAs("admin@taf.example"), params: { roundId: id } })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const { pages, text } = await new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) }).getText();
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("1 stood out, 3 more promising");
    expect(flat).toContain("5 answers in of 10 institutions asked.");
    expect(flat).toContain("The round closed during the summer holidays");
    expect(flat).toContain("Translation needs more time than planned.");
    for (const page of pages) expect(page.text.replace(/\s+/g, " "), `page ${page.num}`).toContain("in line with UNSCR 1244/1999");
  }, 60_000);

  it("counts the proposals its table lists, as the dashboard does", async () => {
    const report = await roundReport("2026-R2");
    expect(report.proposals.length).toBe(report.figures.overall.funnel.submitted);
  });

  it("reads a round in the same queries however many proposals it has", async () => {
    const spy = spyOnStatements();
    await roundReport("2026-R2");
    const few = spy.mock.calls.length;
    const round = { id: roundIdByCode("2026-R2") };
    for (let n = 1; n <= 5; n++) makeProposal({ round, title: `More ${n}` });
    spy.mockClear();
    await roundReport("2026-R2");
    expect(spy.mock.calls.length).toBe(few);
    spy.mockRestore();
  });

  it("is the TAF team's", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const advisor = await load(roundReportPage, `/admin/rounds/${id}/report`, { cookie: await signInAs("advisor.mk@taf.example"), params: { roundId: id } });
    expect(statusOf(advisor)).toBe(403);
  });

  it("for a period lists every round's proposals submitted in it, and a period that does not read is said so", async () => {
    const cookie = await signInAs("admin@taf.example");
    const all = (await load(reports, "/admin/reports?from=2000-01-01&to=2099-12-31", { cookie })) as PeriodReport;
    expect(new Set(all.report!.proposals.map((p) => p.roundCode))).toEqual(new Set(["2026-R1", "2026-R2"]));
    expect(all.report!.proposals.length).toBe(all.figures!.overall.funnel.submitted);
    // Each round's lessons learnt, in the order the rounds opened: the second call has no survey yet.
    expect(all.report!.lessons.map((l) => [l.round.code, l.answered, l.survey === null])).toEqual([
      ["2026-R1", 5, false],
      ["2026-R2", 0, true],
    ]);
    const wrong = (await load(reports, "/admin/reports?from=2026-13-01&to=2026-02-30", { cookie })) as PeriodReport;
    expect(wrong.report).toBeNull();
    expect(wrong.typed).toEqual({ from: "2026-13-01", to: "2026-02-30" });
    expect(Object.keys(wrong.errors).sort()).toEqual(["from", "to"]);
    const backwards = (await load(reports, "/admin/reports?from=2026-06-01&to=2026-01-01", { cookie })) as PeriodReport;
    expect(backwards.errors.to).toBe("The period ends on or after the day it starts.");
  });
});
