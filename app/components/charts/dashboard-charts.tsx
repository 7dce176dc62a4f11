import { useTranslation } from "react-i18next";
import { kosovoFootnoteIn, countryNameIn, WB6_COUNTRIES } from "../../../workflows/countries";
import type { PageLanguage } from "../../../workflows/languages";
import { intlLocale } from "../../../workflows/languages";
import { daysOf, monthOf, percentOf } from "../../../workflows/reporting-words";
import { formatNumberIn } from "../../../workflows/time";
import { institutionTypeLabel, supportKindLabel, themeLabel } from "../../../workflows/vocabulary";
import type { DashboardFigures, Funnel, PeriodFigures } from "../../reporting/figures.server";
import { CountryName } from "../country";
import { BarChart } from "./bar-chart";
import { FunnelChart } from "./funnel-chart";
import { HeatMatrix } from "./heat-matrix";
import { MonthChart } from "./month-chart";

// The dashboard's charts, each from the figures of app/reporting/figures.server.ts with its
// sentence and its table, in the page's language; the round report draws the same ones.

const LEAD = "#003399";
const PARTNER = "#b35c00";

const STEPS: { step: keyof Funnel; label: string }[] = [
  { step: "submitted", label: "charts.steps.submitted" },
  { step: "eligible", label: "charts.steps.eligible" },
  { step: "promising", label: "charts.steps.promising" },
  { step: "conceptApproved", label: "charts.steps.conceptApproved" },
  { step: "implemented", label: "charts.steps.implemented" },
];

/** The page's translator, its numbers ("8,407", "8.407") and its lists ("a, b and c", "a, b i c"). */
function useChartWords() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as PageLanguage;
  const lists = new Intl.ListFormat(intlLocale(language), { type: "conjunction" });
  return { t, number: (n: number) => formatNumberIn(language, n), listOf: (parts: string[]) => lists.format(parts) };
}

function countryCell(code: string, t: (key: string) => string) {
  const country = WB6_COUNTRIES.find((c) => c.code === code)!;
  return <CountryName name={t(country.key)} needsFootnote={country.needsFootnote} />;
}

export function PipelineFunnel({ id, title, funnel }: { id: string; title: string; funnel: Funnel }) {
  const { t, number } = useChartWords();
  const sentence = t("charts.funnel.sentence", {
    submitted: t("charts.funnel.submitted", { count: funnel.submitted, number: number(funnel.submitted) }),
    eligible: t("charts.funnel.eligible", { count: funnel.eligible, number: number(funnel.eligible) }),
    promising: number(funnel.promising),
    conceptApproved: number(funnel.conceptApproved),
    implemented: t("charts.funnel.implemented", { count: funnel.implemented, number: number(funnel.implemented) }),
  });
  return (
    <FunnelChart
      id={id}
      title={title}
      sentence={sentence}
      steps={STEPS.map(({ step, label }) => ({ label: t(label), value: funnel[step] }))}
      table={{
        caption: t("charts.funnel.caption", { title }),
        head: [t("charts.funnel.step"), t("charts.proposals"), t("charts.funnel.ofSubmitted")],
        rows: STEPS.map(({ step, label }) => ({ key: step, label: t(label), cells: [number(funnel[step]), percentOf(funnel.submitted ? funnel[step] / funnel.submitted : null)] })),
      }}
    />
  );
}

export function CountryBars({ figures }: { figures: DashboardFigures }) {
  const { t, number, listOf } = useChartWords();
  const named = figures.countries.filter((c) => c.lead || c.partner);
  const sentence = named.length
    ? t("charts.countries.sentence", { list: listOf(named.map((c) => t("charts.countries.item", { country: countryNameIn(c.code, t), lead: number(c.lead), partner: number(c.partner) }))) })
    : t("charts.countries.none");
  return (
    <BarChart
      id="chart-countries"
      title={t("charts.countries.title")}
      sentence={sentence}
      series={[
        { name: t("charts.asLead"), color: LEAD },
        { name: t("charts.asPartner"), color: PARTNER },
      ]}
      bars={figures.countries.map((c) => ({ key: c.code, label: countryNameIn(c.code, t), values: [c.lead, c.partner] }))}
      table={{
        caption: t("charts.countries.caption"),
        head: [t("charts.country"), t("charts.asLead"), t("charts.asPartner"), t("charts.countries.takingPart")],
        rows: figures.countries.map((c) => ({ key: c.code, label: countryCell(c.code, t), cells: [number(c.lead), number(c.partner), number(c.takingPart)] })),
      }}
    />
  );
}

/** One series of counts per category (institution types, themes, kinds of support), the empty ones left out of the drawing. */
function CountBars({ id, title, head, none, rows }: { id: string; title: string; head: string; none: string; rows: { key: string; label: string; proposals: number }[] }) {
  const { t, number, listOf } = useChartWords();
  const counted = rows.filter((row) => row.proposals > 0).sort((a, b) => b.proposals - a.proposals);
  const sentence = counted.length ? t("charts.countBars.sentence", { title, list: listOf(counted.map((row) => `${row.label} ${number(row.proposals)}`)) }) : none;
  return (
    <BarChart
      id={id}
      title={title}
      sentence={sentence}
      series={[{ name: t("charts.proposals"), color: LEAD }]}
      bars={counted.map((row) => ({ key: row.key, label: row.label, values: [row.proposals] }))}
      table={{ caption: title, head: [head, t("charts.proposals")], rows: rows.map((row) => ({ key: row.key, label: row.label, cells: [number(row.proposals)] })) }}
    />
  );
}

export function InstitutionTypeBars({ figures }: { figures: DashboardFigures }) {
  const { t } = useTranslation();
  const rows = figures.institutionTypes.map((row) => ({ key: row.type, label: institutionTypeLabel(row.type, t), proposals: row.proposals }));
  return <CountBars id="chart-types" title={t("charts.types.title")} head={t("charts.types.head")} none={t("charts.types.none")} rows={rows} />;
}

export function ThemeBars({ figures }: { figures: DashboardFigures }) {
  const { t } = useTranslation();
  const rows = figures.themes.map((row) => ({ key: row.id, label: themeLabel(row.id, t), proposals: row.proposals }));
  return <CountBars id="chart-themes" title={t("charts.themes.title")} head={t("charts.themes.head")} none={t("charts.themes.none")} rows={rows} />;
}

export function SupportKindBars({ figures }: { figures: DashboardFigures }) {
  const { t } = useTranslation();
  const rows = figures.supportKinds.map((row) => ({ key: row.id, label: supportKindLabel(row.id, t), proposals: row.proposals }));
  return <CountBars id="chart-support" title={t("charts.support.title")} head={t("charts.support.head")} none={t("charts.support.none")} rows={rows} />;
}

export function CooperationMatrix({ figures }: { figures: DashboardFigures }) {
  const { t, number, listOf } = useChartWords();
  const codes = WB6_COUNTRIES.map((c) => c.code);
  const pair = (one: number, other: number) => {
    if (one === other) return null;
    const [a, b] = one < other ? [codes[one]!, codes[other]!] : [codes[other]!, codes[one]!];
    return figures.cooperation[`${a}|${b}`] ?? 0;
  };
  const pairs = Object.entries(figures.cooperation)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => {
      const [a, b] = key.split("|");
      return t("charts.cooperation.pair", { one: countryNameIn(a!, t), other: countryNameIn(b!, t), count: n, number: number(n) });
    });
  const sentence = pairs.length ? t("charts.cooperation.sentence", { list: listOf(pairs) }) : t("charts.cooperation.none");
  return (
    <HeatMatrix
      id="chart-cooperation"
      title={t("charts.cooperation.title")}
      sentence={sentence}
      labels={WB6_COUNTRIES.map((c) => (c.needsFootnote ? `${c.code}*` : c.code))}
      cell={pair}
      note={<p className="chart-note">{kosovoFootnoteIn(t)}</p>}
      table={{
        caption: t("charts.cooperation.caption"),
        head: [t("charts.country"), ...WB6_COUNTRIES.map((c) => (c.needsFootnote ? `${t(c.key)}*` : t(c.key)))],
        rows: codes.map((code, row) => ({ key: code, label: countryCell(code, t), cells: codes.map((_, column) => { const n = pair(row, column); return n === null ? "–" : number(n); }) })),
      }}
    />
  );
}

export function ActivityMonths({ figures }: { figures: DashboardFigures }) {
  const { t, number, listOf } = useChartWords();
  const busy = figures.months.filter((m) => m.planned || m.held);
  const sentence = busy.length
    ? t("charts.months.sentence", { list: listOf(busy.map((m) => t("charts.months.item", { month: monthOf(m.month), planned: number(m.planned), held: number(m.held) }))) })
    : t("charts.months.none");
  return (
    <MonthChart
      id="chart-months"
      title={t("charts.months.title")}
      sentence={sentence}
      months={figures.months}
      table={{
        caption: t("charts.months.caption"),
        head: [t("charts.months.month"), t("charts.planned"), t("charts.months.held")],
        rows: figures.months.map((m) => ({ key: m.month, label: monthOf(m.month), cells: [number(m.planned), number(m.held)] })),
      }}
    />
  );
}

export function ParticipantBars({ figures }: { figures: DashboardFigures }) {
  const { t, number, listOf } = useChartWords();
  const named = figures.participants.filter((p) => p.planned || p.held);
  const sentence = named.length
    ? t("charts.participants.sentence", { list: listOf(named.map((p) => t("charts.participants.item", { country: countryNameIn(p.code, t), planned: number(p.planned), held: number(p.held) }))) })
    : t("charts.participants.none");
  return (
    <BarChart
      id="chart-participants"
      title={t("charts.participants.title")}
      sentence={sentence}
      series={[
        { name: t("charts.planned"), color: LEAD },
        { name: t("charts.participants.tookPart"), color: PARTNER },
      ]}
      bars={figures.participants.map((p) => ({ key: p.code, label: countryNameIn(p.code, t), values: [p.planned, p.held] }))}
      table={{
        caption: t("charts.participants.title"),
        head: [t("charts.country"), t("charts.planned"), t("charts.participants.tookPart")],
        rows: figures.participants.map((p) => ({ key: p.code, label: countryCell(p.code, t), cells: [number(p.planned), number(p.held)] })),
      }}
    />
  );
}

/** Round by round: the counts, the median time to a decision and the share found promising. */
export function RoundComparison({ rounds, overall }: { rounds: (PeriodFigures & { roundId: number; code: string; title: string })[]; overall: PeriodFigures }) {
  const { t, number } = useChartWords();
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
                {number(round.funnel[step])}
              </td>
            ))}
            <td className="number">{daysOf(round.medianDaysToDecision)}</td>
            <td className="number">{percentOf(round.sharePromising)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("charts.comparison.allRounds")}</th>
          {STEPS.map(({ step }) => (
            <td key={step} className="number">
              {number(overall.funnel[step])}
            </td>
          ))}
          <td className="number">{daysOf(overall.medianDaysToDecision)}</td>
          <td className="number">{percentOf(overall.sharePromising)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
