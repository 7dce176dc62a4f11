import { useTranslation } from "../../translation";
import { countryNameIn, kosovoFootnoteIn, WB6_COUNTRIES } from "../../../workflows/countries";
import { percentOf } from "../../../workflows/reporting-words";
import { institutionTypeLabel, supportKindLabel, themeLabel } from "../../../workflows/vocabulary";
import type { ChartSentences } from "../../reporting/chart-sentences.server";
import type { DashboardFigures, Funnel, PeriodFigures } from "../../reporting/figures.server";
import { CountryName } from "../country";
import { BarChart } from "./bar-chart";
import { FunnelChart } from "./funnel-chart";
import { HeatMatrix } from "./heat-matrix";
import { MonthChart } from "./month-chart";

// The dashboard's charts, each from the figures of app/reporting/figures.server.ts with its
// sentence (written on the server: chart-sentences.server.ts) and its table, in the page's
// language; the round report draws the same ones. The tables' counts stay plain digits, which
// read the same in every language and every browser.

const LEAD = "#003399";
const PARTNER = "#b35c00";

const STEPS: { step: keyof Funnel; label: string }[] = [
  { step: "submitted", label: "charts.steps.submitted" },
  { step: "eligible", label: "charts.steps.eligible" },
  { step: "promising", label: "charts.steps.promising" },
  { step: "conceptApproved", label: "charts.steps.conceptApproved" },
  { step: "implemented", label: "charts.steps.implemented" },
];

function countryCell(code: string, t: (key: string) => string) {
  const country = WB6_COUNTRIES.find((c) => c.code === code)!;
  return <CountryName name={t(country.key)} needsFootnote={country.needsFootnote} />;
}

export function PipelineFunnel({ id, title, funnel, sentence }: { id: string; title: string; funnel: Funnel; sentence: string }) {
  const { t } = useTranslation();
  return (
    <FunnelChart
      id={id}
      title={title}
      sentence={sentence}
      steps={STEPS.map(({ step, label }) => ({ label: t(label), value: funnel[step] }))}
      table={{
        caption: t("charts.funnel.caption", { title }),
        head: [t("charts.funnel.step"), t("charts.proposals"), t("charts.funnel.ofSubmitted")],
        rows: STEPS.map(({ step, label }) => ({ key: step, label: t(label), cells: [funnel[step], percentOf(funnel.submitted ? funnel[step] / funnel.submitted : null, t)] })),
      }}
    />
  );
}

export function CountryBars({ figures, sentences }: { figures: DashboardFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  return (
    <BarChart
      id="chart-countries"
      title={t("charts.countries.title")}
      sentence={sentences.countries}
      series={[
        { name: t("charts.asLead"), color: LEAD },
        { name: t("charts.asPartner"), color: PARTNER },
      ]}
      bars={figures.countries.map((c) => ({ key: c.code, label: countryNameIn(c.code, t), values: [c.lead, c.partner] }))}
      table={{
        caption: t("charts.countries.caption"),
        head: [t("charts.country"), t("charts.asLead"), t("charts.asPartner"), t("charts.countries.takingPart")],
        rows: figures.countries.map((c) => ({ key: c.code, label: countryCell(c.code, t), cells: [c.lead, c.partner, c.takingPart] })),
      }}
    />
  );
}

/** One series of counts per category (institution types, themes, kinds of support), the empty ones left out of the drawing. */
function CountBars({ id, title, head, sentence, rows }: { id: string; title: string; head: string; sentence: string; rows: { key: string; label: string; proposals: number }[] }) {
  const { t } = useTranslation();
  const counted = rows.filter((row) => row.proposals > 0).sort((a, b) => b.proposals - a.proposals);
  return (
    <BarChart
      id={id}
      title={title}
      sentence={sentence}
      series={[{ name: t("charts.proposals"), color: LEAD }]}
      bars={counted.map((row) => ({ key: row.key, label: row.label, values: [row.proposals] }))}
      table={{ caption: title, head: [head, t("charts.proposals")], rows: rows.map((row) => ({ key: row.key, label: row.label, cells: [row.proposals] })) }}
    />
  );
}

export function InstitutionTypeBars({ figures, sentences }: { figures: DashboardFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  const rows = figures.institutionTypes.map((row) => ({ key: row.type, label: institutionTypeLabel(row.type, t), proposals: row.proposals }));
  return <CountBars id="chart-types" title={t("charts.types.title")} head={t("charts.types.head")} sentence={sentences.types} rows={rows} />;
}

export function ThemeBars({ figures, sentences }: { figures: DashboardFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  const rows = figures.themes.map((row) => ({ key: row.id, label: themeLabel(row.id, t), proposals: row.proposals }));
  return <CountBars id="chart-themes" title={t("charts.themes.title")} head={t("charts.themes.head")} sentence={sentences.themes} rows={rows} />;
}

export function SupportKindBars({ figures, sentences }: { figures: DashboardFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  const rows = figures.supportKinds.map((row) => ({ key: row.id, label: supportKindLabel(row.id, t), proposals: row.proposals }));
  return <CountBars id="chart-support" title={t("charts.support.title")} head={t("charts.support.head")} sentence={sentences.support} rows={rows} />;
}

export function CooperationMatrix({ figures, sentences }: { figures: DashboardFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  const codes = WB6_COUNTRIES.map((c) => c.code);
  const pair = (one: number, other: number) => {
    if (one === other) return null;
    const [a, b] = one < other ? [codes[one]!, codes[other]!] : [codes[other]!, codes[one]!];
    return figures.cooperation[`${a}|${b}`] ?? 0;
  };
  return (
    <HeatMatrix
      id="chart-cooperation"
      title={t("charts.cooperation.title")}
      sentence={sentences.cooperation}
      labels={WB6_COUNTRIES.map((c) => (c.needsFootnote ? `${c.code}*` : c.code))}
      cell={pair}
      note={<p className="chart-note">{kosovoFootnoteIn(t)}</p>}
      table={{
        caption: t("charts.cooperation.caption"),
        head: [t("charts.country"), ...WB6_COUNTRIES.map((c) => (c.needsFootnote ? `${t(c.key)}*` : t(c.key)))],
        rows: codes.map((code, row) => ({ key: code, label: countryCell(code, t), cells: codes.map((_, column) => pair(row, column) ?? "–") })),
      }}
    />
  );
}

export function ActivityMonths({ figures, sentences }: { figures: DashboardFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  return (
    <MonthChart
      id="chart-months"
      title={t("charts.months.title")}
      sentence={sentences.months}
      months={figures.months}
      monthNames={sentences.monthNames}
      table={{
        caption: t("charts.months.caption"),
        head: [t("charts.months.month"), t("charts.planned"), t("charts.months.held")],
        rows: figures.months.map((m) => ({ key: m.month, label: sentences.monthNames[m.month] ?? m.month, cells: [m.planned, m.held] })),
      }}
    />
  );
}

export function ParticipantBars({ figures, sentences }: { figures: DashboardFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  return (
    <BarChart
      id="chart-participants"
      title={t("charts.participants.title")}
      sentence={sentences.participants}
      series={[
        { name: t("charts.planned"), color: LEAD },
        { name: t("charts.participants.tookPart"), color: PARTNER },
      ]}
      bars={figures.participants.map((p) => ({ key: p.code, label: countryNameIn(p.code, t), values: [p.planned, p.held] }))}
      table={{
        caption: t("charts.participants.title"),
        head: [t("charts.country"), t("charts.planned"), t("charts.participants.tookPart")],
        rows: figures.participants.map((p) => ({ key: p.code, label: countryCell(p.code, t), cells: [p.planned, p.held] })),
      }}
    />
  );
}

/** Round by round: the counts, the median time to a decision and the share found promising. */
export function RoundComparison({ rounds, overall, sentences }: { rounds: (PeriodFigures & { roundId: number; code: string; title: string })[]; overall: PeriodFigures; sentences: ChartSentences }) {
  const { t } = useTranslation();
  return (
    <table className="round-comparison">
      <caption>{t("charts.comparison.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("charts.comparison.round")}</th>
          {STEPS.map(({ step, label }) => (
            <th scope="col" key={step} className="number">
              {t(label)}
            </th>
          ))}
          <th scope="col" className="number">
            {t("charts.comparison.medianDays")}
          </th>
          <th scope="col" className="number">
            {t("charts.steps.promising")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rounds.map((round) => (
          <tr key={round.roundId}>
            <th scope="row">{round.code}</th>
            {STEPS.map(({ step }) => (
              <td key={step} className="number">
                {round.funnel[step]}
              </td>
            ))}
            <td className="number">{sentences.medianDays.rounds[round.roundId]}</td>
            <td className="number">{percentOf(round.sharePromising, t)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("charts.comparison.allRounds")}</th>
          {STEPS.map(({ step }) => (
            <td key={step} className="number">
              {overall.funnel[step]}
            </td>
          ))}
          <td className="number">{sentences.medianDays.overall}</td>
          <td className="number">{percentOf(overall.sharePromising, t)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
