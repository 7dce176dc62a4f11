import type { LoaderFunctionArgs } from "@remix-run/node";
import { ReportCharts, ReportSummary } from "../components/print/report-charts";
import { SteeringReport } from "../components/print/steering-report";
import { env } from "../env.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { chartSentences } from "../reporting/chart-sentences.server";
import { dashboardFigures } from "../reporting/figures.server";
import { requirePermission } from "../permissions.server";
import { pdfResponse, printableMarkup } from "../reporting/pdf.server";
import { roundReport } from "../reporting/steering-report.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

// The round's steering committee report as a PDF the portal makes itself: the printable page's
// markup, in the requester's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewSteeringCommitteeReport");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const report = roundReport(roundIdOf(params.roundId), words) ?? roundNotFound();
  const figures = dashboardFigures(user, { rounds: [report.round.id], submittedFrom: null, submittedBefore: null });
  return pdfResponse({
    title: words.t("steeringReport.pdfTitle", { heading: report.heading }),
    body: printableMarkup(
      words.language,
      <SteeringReport
        report={report}
        summary={<ReportSummary figures={figures} />}
        charts={<ReportCharts figures={figures} sentences={chartSentences(figures, words)} round={report.round.code} />}
        portalUrl={env().APP_URL}
        showRound={false}
      />
    ),
    fileName: `TAF-${report.round.code}-steering-committee-report.pdf`,
    printPage: `/admin/rounds/${report.round.id}/report`,
    ...words,
  });
}
