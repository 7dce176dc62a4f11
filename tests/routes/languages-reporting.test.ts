import { PDFParse } from "pdf-parse";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ProposalPrintout } from "../../app/components/print/proposal-printout";
import { SteeringReport } from "../../app/components/print/steering-report";
import { printableMarkup } from "../../app/reporting/pdf.server";
import * as root from "../../app/root";
import * as dashboardRoute from "../../app/routes/admin.dashboard";
import * as reports from "../../app/routes/admin.reports";
import * as roundReportPage from "../../app/routes/admin.rounds.$roundId_.report";
import * as roundReportPdf from "../../app/routes/admin.rounds.$roundId_.report[.pdf]";
import * as lessonsRoute from "../../app/routes/admin.rounds.$roundId_.lessons";
import * as lessonsCsvRoute from "../../app/routes/admin.rounds.$roundId_.lessons[.csv]";
import * as printPage from "../../app/routes/proposals.$proposalId.print";
import * as feedbackRoute from "../../app/routes/rounds.$roundId.feedback";
import { createTranslator } from "../../workflows/messages";
import { load, signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { demoProposalId, roundIdByCode } from "../workflow-server/builders";

// Issue 12 on the reporting pages: the dashboard, the reports, the lessons, the feedback survey
// and the printout answer in the language the person chose.

useDatabase("demo");

/** The Cookie header of a session whose browser was switched to `language`. */
async function sessionIn(language: string, email = "admin@taf.example") {
  const session = await signInAs(email);
  const switched = (await load(root, `/?lng=${language}`, { cookie: session })) as Response;
  return `${session}; ${switched.headers.get("Set-Cookie")!.split(";")[0]!}`;
}

describe("the reporting pages in another language", () => {
  it("shows the dashboard in Albanian, a date typed wrong told in Albanian", async () => {
    const page = (await load(dashboardRoute, "/admin/dashboard?from=2026-13-40", { cookie: await sessionIn("sq") })) as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    expect(page.title).toBe("Paneli · Portali TAF");
    expect(page.intro).toMatch(/^Çdo propozim i dorëzuar/);
    expect(page.problems).toEqual(["Dita e parë nuk është datë e kalendarit."]);
  });

  it("names a country advisor's countries in Macedonian", async () => {
    const page = (await load(dashboardRoute, "/admin/dashboard", { cookie: await sessionIn("mk", "advisor.mk@taf.example") })) as Awaited<ReturnType<typeof dashboardRoute.loader>>;
    expect(page.title).toBe("Табла · Портал TAF");
    expect(page.intro).toContain(page.advising[0]!);
    expect(page.advising).toEqual(["Северна Македонија"]);
  });

  it("reports on a period in BCMS, and says so in BCMS when the period does not read", async () => {
    const cookie = await sessionIn("sr-Latn");
    const page = (await load(reports, "/admin/reports?from=2026-01-01&to=2026-12-31", { cookie })) as Awaited<ReturnType<typeof reports.loader>>;
    expect(page.title).toBe("Izvještaj za upravni odbor za period · Portal TAF");
    expect(page.report!.heading).toMatch(/^Prijedlozi podneseni od /);
    const backwards = (await load(reports, "/admin/reports?from=2026-03-02&to=2026-03-01", { cookie })) as Awaited<ReturnType<typeof reports.loader>>;
    expect(backwards.errors.to).toBe("Period završava na dan kada počinje ili kasnije.");
  });

  it("prints a round's report in Macedonian: its stages, decisions, countries and lessons learnt", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const page = (await load(roundReportPage, `/admin/rounds/${id}/report`, { cookie: await sessionIn("mk"), params: { roundId: id } })) as Awaited<ReturnType<typeof roundReportPage.loader>>;
    expect(page.title).toBe("Извештај за управниот одбор · 2026-R1 · Портал TAF");
    expect(page.covers).toContain("(бриселско време)");
    expect(page.proposals.map((p) => p.decision)).toContain("Перспективен: се издвои");
    expect(page.lessons[0]!.questions[0]!.topic).toBe("Упатствата");
    const html = printableMarkup("mk", createElement(SteeringReport, { report: page, portalUrl: page.portalUrl, showRound: false }));
    expect(html).toContain("5 пристигнати одговори од 10 прашани институции.");
    expect(html).toContain("Научени лекции");
    expect(html).toContain(createTranslator("mk")("layout.kosovoFootnote"));
  });

  it("makes the round's PDF in Albanian, the Kosovo* footnote in Albanian on every page", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const response = (await load(roundReportPdf, `/admin/rounds/${id}/report.pdf`, { cookie: await sessionIn("sq"), params: { roundId: id } })) as Response;
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const { pages, text } = await new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) }).getText();
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Mësimet e nxjerra");
    expect(flat).toContain("5 përgjigje të ardhura nga 10 institucione të pyetura.");
    for (const page of pages) expect(page.text.replace(/\s+/g, " "), `page ${page.num}`).toContain(`Faqja ${page.num} nga ${pages.length}`);
    for (const page of pages) expect(page.text.replace(/\s+/g, " "), `page ${page.num}`).toContain("Ky përcaktim është pa paragjykim");
  }, 60_000);

  it("sums up a round's lessons learnt in Albanian, and its CSV in Macedonian", async () => {
    const id = String(roundIdByCode("2026-R1"));
    const page = (await load(lessonsRoute, `/admin/rounds/${id}/lessons`, { cookie: await sessionIn("sq"), params: { roundId: id } })) as Exclude<Awaited<ReturnType<typeof lessonsRoute.loader>>, Response>;
    expect(page.title).toBe("Mësimet e nxjerra · 2026-R1 · Portali TAF");
    expect(page.questions.map((q) => q.topic)).toEqual(["Udhëzimet", "Formulari", "Koha", "Mbështetja"]);
    expect(page.questions[0]!.distribution.map((d) => d.label)).toEqual(["Shumë dobët", "Dobët", "Mjaftueshëm", "Mirë", "Shumë mirë"]);
    expect(page.comments.rows.map((c) => c.country.name)).toContain("Shqipëria");
    const csv = (await load(lessonsCsvRoute, `/admin/rounds/${id}/lessons.csv`, { cookie: await sessionIn("mk"), params: { roundId: id } })) as Response;
    const lines = (await csv.text()).split("\r\n");
    expect(lines).toContain("Прашани институции,10");
    expect(lines.some((line) => line.startsWith("Прашање,Тема,Одговори,Просек (1–5),1 Многу лошо"))).toBe(true);
    expect(lines.filter(Boolean).at(-1)).toContain(createTranslator("mk")("layout.kosovoFootnote").slice(0, 30));
  });

  it("shows an applicant the closed survey in Serbian Cyrillic, and refuses a save in Albanian", async () => {
    const roundId = String(roundIdByCode("2026-R1"));
    const page = (await load(feedbackRoute, `/rounds/${roundId}/feedback`, { cookie: await sessionIn("sr-Cyrl", "applicant.ba@taf.example"), params: { roundId } })) as Exclude<
      Awaited<ReturnType<typeof feedbackRoute.loader>>,
      Response
    >;
    expect(page.title).toMatch(/ · Портал TAF$/);
    expect(page.closing).toMatch(/^Анкета (је затворена|је завршена) /);
    const refused = (await submit(feedbackRoute, `/rounds/${roundId}/feedback`, { "rating.guidance": "4" }, { cookie: await sessionIn("sq", "applicant.ba@taf.example"), params: { roundId } })) as {
      result: { error?: Record<string, string[]> };
    };
    expect(refused.result.error?.["rating.form"]).toEqual(["Zgjidhni një pikë nga 1 deri në 5 për „formularin”."]);
  });

  it("prints a proposal in Macedonian: its stage, its partners' answers and the countries in Macedonian", async () => {
    const id = demoProposalId("drugNetworks");
    const print = (await load(printPage, `/proposals/${id}/print`, { cookie: await sessionIn("mk"), params: { proposalId: String(id) } })) as Awaited<ReturnType<typeof printPage.loader>>;
    expect(print.title).toMatch(/, за печатење · Портал TAF$/);
    expect(print.proposal!.lead.country.name).toBe("Косово");
    const html = printableMarkup("mk", createElement(ProposalPrintout, { proposal: print.proposal!, portalUrl: print.portalUrl }));
    expect(html).toContain("Кој стои зад него");
    expect(html).toContain("Институција носител");
  });
});
