import { KOSOVO_FOOTNOTE, WB6_COUNTRIES } from "../../../workflows/countries";
import { countOf, daysOf, figure, monthOf, percentOf } from "../../../workflows/reporting-words";
import type { DashboardFigures, Funnel, PeriodFigures } from "../../reporting/figures.server";
import { CountryName } from "../country";
import { BarChart } from "./bar-chart";
import { FunnelChart } from "./funnel-chart";
import { HeatMatrix } from "./heat-matrix";
import { MonthChart } from "./month-chart";

// The dashboard's charts, each from the figures of app/reporting/figures.server.ts with its
// sentence and its table; the round report draws the same ones.

const LEAD = "#003399";
const PARTNER = "#b35c00";

const STEPS: { step: keyof Funnel; label: string }[] = [
  { step: "submitted", label: "Submitted" },
  { step: "eligible", label: "Eligible" },
  { step: "promising", label: "Promising" },
  { step: "conceptApproved", label: "Concept approved" },
  { step: "implemented", label: "Implemented" },
];

/** "a, b and c" */
function listOf(parts: string[]) {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function countryCell(code: string) {
  const country = WB6_COUNTRIES.find((c) => c.code === code)!;
  return <CountryName name={country.name} needsFootnote={country.needsFootnote} />;
}

export function PipelineFunnel({ id, title, funnel }: { id: string; title: string; funnel: Funnel }) {
  const sentence =
    `Of ${countOf(funnel.submitted, "submitted proposal")}, ${figure(funnel.eligible)} ${funnel.eligible === 1 ? "was" : "were"} found eligible, ` +
    `${figure(funnel.promising)} promising, ${figure(funnel.conceptApproved)} had the concept approved and ${figure(funnel.implemented)} ${funnel.implemented === 1 ? "was" : "were"} implemented.`;
  return (
    <FunnelChart
      id={id}
      title={title}
      sentence={sentence}
      steps={STEPS.map(({ step, label }) => ({ label, value: funnel[step] }))}
      table={{
        caption: `${title}: proposals that passed each step`,
        head: ["Step", "Proposals", "Of the submitted"],
        rows: STEPS.map(({ step, label }) => ({ key: step, label, cells: [funnel[step], percentOf(funnel.submitted ? funnel[step] / funnel.submitted : null)] })),
      }}
    />
  );
}

export function CountryBars({ figures }: { figures: DashboardFigures }) {
  const named = figures.countries.filter((c) => c.lead || c.partner);
  const sentence = named.length ? `Proposals per country: ${listOf(named.map((c) => `${c.label} ${c.lead} as lead and ${c.partner} as partner`))}.` : "No proposals in these figures.";
  return (
    <BarChart
      id="chart-countries"
      title="Proposals per country, as lead and as partner"
      sentence={sentence}
      series={[
        { name: "As lead", color: LEAD },
        { name: "As partner", color: PARTNER },
      ]}
      bars={figures.countries.map((c) => ({ key: c.code, label: c.label, values: [c.lead, c.partner] }))}
      table={{
        caption: "Proposals per country",
        head: ["Country", "As lead", "As partner", "Taking part"],
        rows: figures.countries.map((c) => ({ key: c.code, label: countryCell(c.code), cells: [c.lead, c.partner, c.takingPart] })),
      }}
    />
  );
}

/** One series of counts per category (institution types, themes, kinds of support), the empty ones left out of the drawing. */
export function CountBars({ id, title, noun, rows }: { id: string; title: string; noun: string; rows: { key: string; label: string; proposals: number }[] }) {
  const counted = rows.filter((row) => row.proposals > 0).sort((a, b) => b.proposals - a.proposals);
  const sentence = counted.length ? `${title}: ${listOf(counted.map((row) => `${row.label} ${row.proposals}`))}.` : `No ${noun} in these figures.`;
  return (
    <BarChart
      id={id}
      title={title}
      sentence={sentence}
      series={[{ name: "Proposals", color: LEAD }]}
      bars={counted.map((row) => ({ key: row.key, label: row.label, values: [row.proposals] }))}
      table={{ caption: title, head: [noun.charAt(0).toUpperCase() + noun.slice(1), "Proposals"], rows: rows.map((row) => ({ key: row.key, label: row.label, cells: [row.proposals] })) }}
    />
  );
}

export function CooperationMatrix({ figures }: { figures: DashboardFigures }) {
  const codes = WB6_COUNTRIES.map((c) => c.code);
  const label = (code: string) => figures.countries.find((c) => c.code === code)!.label;
  const pair = (one: number, other: number) => {
    if (one === other) return null;
    const [a, b] = one < other ? [codes[one]!, codes[other]!] : [codes[other]!, codes[one]!];
    return figures.cooperation[`${a}|${b}`] ?? 0;
  };
  const pairs = Object.entries(figures.cooperation)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => {
      const [a, b] = key.split("|");
      return `${label(a!)} and ${label(b!)} in ${countOf(n, "proposal")}`;
    });
  const sentence = pairs.length ? `Institutions of two countries proposed together: ${listOf(pairs)}; no other pair.` : "No two countries proposed together in these figures.";
  return (
    <HeatMatrix
      id="chart-cooperation"
      title="Cooperation between countries"
      sentence={sentence}
      labels={WB6_COUNTRIES.map((c) => (c.needsFootnote ? `${c.code}*` : c.code))}
      cell={pair}
      note={<p className="chart-note">{KOSOVO_FOOTNOTE}</p>}
      table={{
        caption: "Proposals in which institutions of both countries take part",
        head: ["Country", ...WB6_COUNTRIES.map((c) => (c.needsFootnote ? `${c.name}*` : c.name))],
        rows: codes.map((code, row) => ({ key: code, label: countryCell(code), cells: codes.map((_, column) => pair(row, column) ?? "–") })),
      }}
    />
  );
}

export function ActivityMonths({ figures }: { figures: DashboardFigures }) {
  const busy = figures.months.filter((m) => m.planned || m.held);
  const sentence = busy.length
    ? `Activities per month: ${listOf(busy.map((m) => `${monthOf(m.month)} ${m.planned} planned, ${m.held} held`))}; none in the other months.`
    : "No activities are planned in these figures.";
  return (
    <MonthChart
      id="chart-months"
      title="Activities planned and held per month"
      sentence={sentence}
      months={figures.months}
      table={{ caption: "Activities per month", head: ["Month", "Planned", "Held"], rows: figures.months.map((m) => ({ key: m.month, label: monthOf(m.month), cells: [m.planned, m.held] })) }}
    />
  );
}

export function ParticipantBars({ figures }: { figures: DashboardFigures }) {
  const named = figures.participants.filter((p) => p.planned || p.held);
  const sentence = named.length
    ? `Participants per country: ${listOf(named.map((p) => `${p.label} ${p.planned} planned, ${p.held} took part`))}.`
    : "No participants are planned per country in these figures.";
  return (
    <BarChart
      id="chart-participants"
      title="Participants per country"
      sentence={sentence}
      series={[
        { name: "Planned", color: LEAD },
        { name: "Took part", color: PARTNER },
      ]}
      bars={figures.participants.map((p) => ({ key: p.code, label: p.label, values: [p.planned, p.held] }))}
      table={{
        caption: "Participants per country",
        head: ["Country", "Planned", "Took part"],
        rows: figures.participants.map((p) => ({ key: p.code, label: countryCell(p.code), cells: [p.planned, p.held] })),
      }}
    />
  );
}

/** Round by round: the counts, the median time to a decision and the share found promising. */
export function RoundComparison({ rounds, overall }: { rounds: (PeriodFigures & { roundId: number; code: string; title: string })[]; overall: PeriodFigures }) {
  return (
    <table className="round-comparison">
      <caption>Round by round</caption>
      <thead>
        <tr>
          <th scope="col">Round</th>
          {STEPS.map(({ step, label }) => (
            <th scope="col" key={step} className="number">
              {label}
            </th>
          ))}
          <th scope="col" className="number">
            Median time to decision
          </th>
          <th scope="col" className="number">
            Promising
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
            <td className="number">{daysOf(round.medianDaysToDecision)}</td>
            <td className="number">{percentOf(round.sharePromising)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All rounds shown</th>
          {STEPS.map(({ step }) => (
            <td key={step} className="number">
              {overall.funnel[step]}
            </td>
          ))}
          <td className="number">{daysOf(overall.medianDaysToDecision)}</td>
          <td className="number">{percentOf(overall.sharePromising)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
