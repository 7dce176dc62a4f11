import type { LoaderFunctionArgs } from "@remix-run/node";
import { ReportCharts, ReportSummary } from "../components/print/report-charts";
import { SteeringReport } from "../components/print/steering-report";
import { env } from "../env.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { chartSentences } from "../reporting/chart-sentences.server";
import { dashboardFigures } from "../reporting/figures.server";
import { pdfResponse, printableMarkup } from "../reporting/pdf.server";
import { periodOf } from "../reporting/report-schema";
import { periodReport } from "../reporting/steering-report.server";

// The period's steering committee report as a PDF in the requester's language; a period that
// does not read goes back to its form.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewSteeringCommitteeReport");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const params = new URL(request.url).searchParams;
  const typed = { from: params.get("from")?.slice(0, 20) ?? "", to: params.get("to")?.slice(0, 20) ?? "" };
  const printPage = `/admin/reports?${new URLSearchParams(typed).toString()}`;
  const period = periodOf(typed);
  if (!period.ok) return new Response(null, { status: 303, headers: { Location: printPage } });
  const report = periodReport(period, words);
  const figures = dashboardFigures(user, { rounds: [], submittedFrom: period.submittedFrom, submittedBefore: period.submittedBefore });
  return pdfResponse({
    title: words.t("steeringReport.pdfTitle", { heading: report.heading }),
    body: printableMarkup(
      words.language,
      <SteeringReport report={report} summary={<ReportSummary figures={figures} />} charts={<ReportCharts figures={figures} sentences={chartSentences(figures, words)} round={null} />} portalUrl={env().APP_URL} showRound />
    ),
    fileName: `TAF-steering-committee-report-${period.from}-${period.to}.pdf`,
    printPage,
    ...words,
  });
}
