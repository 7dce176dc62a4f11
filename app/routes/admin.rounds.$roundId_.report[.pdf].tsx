import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { ReportCharts, ReportSummary } from "../components/print/report-charts";
import { SteeringReport } from "../components/print/steering-report";
import { env } from "../env.server";
import { dashboardFigures } from "../reporting/figures.server";
import { requirePermission } from "../permissions.server";
import { pdfResponse } from "../reporting/pdf.server";
import { roundReport } from "../reporting/steering-report.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

// The round's steering committee report as a PDF the portal makes itself; the printable page's markup.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewSteeringCommitteeReport");
  const report = roundReport(roundIdOf(params.roundId)) ?? roundNotFound();
  const figures = dashboardFigures(user, { rounds: [report.round.id], submittedFrom: null, submittedBefore: null });
  return pdfResponse({
    title: `Steering committee report: ${report.heading}`,
    body: renderToStaticMarkup(
      <SteeringReport
        report={report}
        summary={<ReportSummary figures={figures} />}
        charts={<ReportCharts figures={figures} round={report.round.code} />}
        portalUrl={env().APP_URL}
        showRound={false}
      />
    ),
    fileName: `TAF-${report.round.code}-steering-committee-report.pdf`,
    printPage: `/admin/rounds/${report.round.id}/report`,
  });
}
