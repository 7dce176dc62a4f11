import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrintTools } from "../components/print/print-tools";
import { ReportCharts, ReportSummary } from "../components/print/report-charts";
import { SteeringReport } from "../components/print/steering-report";
import { env } from "../env.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { chartSentences } from "../reporting/chart-sentences.server";
import { dashboardFigures } from "../reporting/figures.server";
import { requirePermission } from "../permissions.server";
import { pdfAvailable, pdfNotice } from "../reporting/pdf.server";
import { roundReport } from "../reporting/steering-report.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewSteeringCommitteeReport");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const { t } = words;
  const report = roundReport(roundIdOf(params.roundId), words) ?? roundNotFound();
  const figures = dashboardFigures(user, { rounds: [report.round.id], submittedFrom: null, submittedBefore: null });
  return {
    ...report,
    title: t("layout.pageTitle", { page: t("steeringReport.pageTitle", { round: report.round.code }) }),
    figures,
    sentences: chartSentences(figures, words),
    portalUrl: env().APP_URL,
    pdfAvailable: pdfAvailable(),
    notice: pdfNotice(new URL(request.url).searchParams.get("pdf"), t),
  };
}

export default function RoundReportPage() {
  const page = useLoaderData<typeof loader>();
  return (
    <>
      <PrintTools
        pdfHref={`/admin/rounds/${page.round.id}/report.pdf`}
        pdfAvailable={page.pdfAvailable}
        notice={page.notice}
        back={{ to: `/admin/rounds/${page.round.id}`, label: `← ${page.round.code}` }}
      />
      <SteeringReport
        report={page}
        summary={<ReportSummary figures={page.figures} />}
        charts={<ReportCharts figures={page.figures} sentences={page.sentences} round={page.round.code} />}
        portalUrl={page.portalUrl}
        showRound={false}
      />
    </>
  );
}
