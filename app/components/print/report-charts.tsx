import { useTranslation } from "../../translation";
import type { ChartSentences } from "../../reporting/chart-sentences.server";
import type { DashboardFigures } from "../../reporting/figures.server";
import { periodSummary } from "../../../workflows/reporting-words";
import { ActivityMonths, CooperationMatrix, CountryBars, ParticipantBars, PipelineFunnel, RoundComparison, SupportKindBars, ThemeBars } from "../charts/dashboard-charts";

// The steering committee report's summary line and charts: the dashboard's own, from the same
// figures, so the report and the dashboard never disagree.

export function ReportSummary({ figures }: { figures: DashboardFigures }) {
  const { t } = useTranslation();
  return <p className="summary-line">{periodSummary(figures.overall, t)}</p>;
}

/** `round`: the round reported on, or null for a period. */
export function ReportCharts({ figures, sentences, round }: { figures: DashboardFigures; sentences: ChartSentences; round: string | null }) {
  const { t } = useTranslation();
  const title = round ? t("charts.pipelineOf", { round }) : t("charts.pipelineOfPeriod");
  return (
    <section aria-labelledby="report-charts">
      <h2 id="report-charts">{t("charts.figures")}</h2>
      <div className="chart-grid">
        <PipelineFunnel id="chart-funnel" title={title} funnel={figures.overall.funnel} sentence={sentences.funnel} />
        <CountryBars figures={figures} sentences={sentences} />
        <CooperationMatrix figures={figures} sentences={sentences} />
        <ThemeBars figures={figures} sentences={sentences} />
        <SupportKindBars figures={figures} sentences={sentences} />
        <ActivityMonths figures={figures} sentences={sentences} />
        <ParticipantBars figures={figures} sentences={sentences} />
      </div>
      {figures.rounds.length > 1 ? <RoundComparison rounds={figures.rounds} overall={figures.overall} sentences={sentences} /> : null}
    </section>
  );
}
