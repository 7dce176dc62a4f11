import type { DashboardFigures } from "../../reporting/figures.server";
import { ActivityMonths, CooperationMatrix, CountBars, CountryBars, ParticipantBars, PipelineFunnel, RoundComparison } from "../charts/dashboard-charts";

// The steering committee report's summary line and charts: the dashboard's own, from the same
// figures, so the report and the dashboard never disagree.

export function ReportSummary({ figures }: { figures: DashboardFigures }) {
  return <p className="summary-line">{figures.overall.summary}</p>;
}

export function ReportCharts({ figures, title }: { figures: DashboardFigures; title: string }) {
  return (
    <section aria-labelledby="report-charts">
      <h2 id="report-charts">The figures</h2>
      <div className="chart-grid">
        <PipelineFunnel id="chart-funnel" title={title} funnel={figures.overall.funnel} />
        <CountryBars figures={figures} />
        <CooperationMatrix figures={figures} />
        <CountBars
          id="chart-themes"
          title="Proposals per theme"
          noun="theme"
          rows={figures.themes.map((t) => ({ key: t.id, label: t.label, proposals: t.proposals }))}
        />
        <CountBars
          id="chart-support"
          title="Proposals per kind of support"
          noun="kind of support"
          rows={figures.supportKinds.map((k) => ({ key: k.id, label: k.label, proposals: k.proposals }))}
        />
        <ActivityMonths figures={figures} />
        <ParticipantBars figures={figures} />
      </div>
      {figures.rounds.length > 1 ? <RoundComparison rounds={figures.rounds} overall={figures.overall} /> : null}
    </section>
  );
}
