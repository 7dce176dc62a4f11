import type { ChartTable } from "./chart-figure";
import { barPercent, ChartFigure, ChartLegend } from "./chart-figure";

export type BarSeries = { name: string; color: string };
export type Bar = { key: string; label: string; values: number[] };

const ROW = 22;

/**
 * Horizontal bars, one row per category and one bar per series. The label is text above its
 * bars, so a long name ("Economic and financial crime (money laundering, asset recovery)")
 * wraps on a phone; the bars' widths are percentages, so the numbers keep their size.
 */
export function BarChart({ id, title, sentence, table, series, bars }: { id: string; title: string; sentence: string; table: ChartTable; series: BarSeries[]; bars: Bar[] }) {
  const max = Math.max(0, ...bars.flatMap((bar) => bar.values));
  return (
    <ChartFigure id={id} title={title} sentence={sentence} table={table}>
      {series.length > 1 ? <ChartLegend series={series} /> : null}
      <div className="bar-chart" aria-hidden="true">
        {bars.map((bar) => (
          <div key={bar.key} className="bar-row">
            <span className="chart-label">{bar.label}</span>
            <svg width="100%" height={bar.values.length * ROW} focusable="false">
              {bar.values.map((value, index) => {
                const width = barPercent(value, max);
                return (
                  <g key={series[index]!.name}>
                    <rect x={0} y={index * ROW + 2} width={`${width}%`} height={ROW - 6} fill={series[index]!.color} />
                    <text x={`${width}%`} dx={6} y={index * ROW + ROW - 7} className="chart-value">
                      {value}
                    </text>
                  </g>
                );
              })}
            </svg>
          </div>
        ))}
      </div>
    </ChartFigure>
  );
}
