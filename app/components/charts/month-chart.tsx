import { useTranslation } from "../../translation";
import type { ChartTable } from "./chart-figure";
import { ChartFigure, ChartLegend } from "./chart-figure";

const HEIGHT = 140;
const PLANNED = "#003399";
const HELD = "#b35c00";

/** Activities per month: a planned and a held column side by side for each month, in order, each named as the server wrote it ("mars 2027"). */
export function MonthChart({
  id,
  title,
  sentence,
  table,
  months,
  monthNames,
}: {
  id: string;
  title: string;
  sentence: string;
  table: ChartTable;
  months: { month: string; planned: number; held: number }[];
  monthNames: Record<string, string>;
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...months.flatMap((m) => [m.planned, m.held]));
  const slot = 100 / Math.max(months.length, 1);
  // Every month is named while there is room; past a year, every other one.
  const every = months.length > 12 ? 2 : 1;
  return (
    <ChartFigure id={id} title={title} sentence={sentence} table={table}>
      <ChartLegend
        series={[
          { name: t("charts.planned"), color: PLANNED },
          { name: t("charts.months.held"), color: HELD },
        ]}
      />
      <svg width="100%" height={HEIGHT + 50} aria-hidden="true" focusable="false" className="month-chart">
        {months.map((m, index) => {
          const left = index * slot;
          const plannedHeight = (m.planned / max) * HEIGHT;
          const heldHeight = (m.held / max) * HEIGHT;
          const base = HEIGHT + 10;
          const [monthName, year] = (monthNames[m.month] ?? m.month).split(" ");
          return (
            <g key={m.month}>
              <rect x={`${left + slot * 0.12}%`} y={base - plannedHeight} width={`${slot * 0.36}%`} height={plannedHeight} fill={PLANNED} />
              <rect x={`${left + slot * 0.52}%`} y={base - heldHeight} width={`${slot * 0.36}%`} height={heldHeight} fill={HELD} />
              {index % every === 0 ? (
                <text x={`${left + slot / 2}%`} y={base + 18} textAnchor="middle" className="chart-axis">
                  <tspan x={`${left + slot / 2}%`}>{monthName?.slice(0, 3)}</tspan>
                  <tspan x={`${left + slot / 2}%`} dy={15}>
                    {year}
                  </tspan>
                </text>
              ) : null}
            </g>
          );
        })}
        <line x1={0} x2="100%" y1={HEIGHT + 10} y2={HEIGHT + 10} stroke="#4d4d4d" />
      </svg>
    </ChartFigure>
  );
}
