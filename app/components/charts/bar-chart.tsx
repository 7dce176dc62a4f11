import type { ChartTable } from "./chart-figure";
import { barPercent, ChartFigure } from "./chart-figure";

export type BarSeries = { name: string; color: string };
export type Bar = { key: string; label: string; values: number[] };

const ROW = 22;
const LABEL = 18;

/**
 * Horizontal bars, one row per category and one bar per series: the label above its bars, so a
 * long name ("Other law enforcement agency") stays whole on a phone. Widths are percentages of
 * the drawing, so the text keeps its size at any width.
 */
export function BarChart({ id, title, sentence, table, series, bars }: { id: string; title: string; sentence: string; table: ChartTable; series: BarSeries[]; bars: Bar[] }) {
  const max = Math.max(0, ...bars.flatMap((bar) => bar.values));
  const group = LABEL + series.length * ROW + 10;
  const height = bars.length * group + (series.length > 1 ? 28 : 0);
  return (
    <ChartFigure id={id} title={title} sentence={sentence} table={table}>
      <svg width="100%" height={height} aria-hidden="true" focusable="false" className="bar-chart">
        {series.length > 1
          ? series.map((s, index) => (
              <g key={s.name}>
                <rect x={`${index * 30}%`} y={4} width={14} height={14} fill={s.color} />
                <text x={`${index * 30}%`} dx={20} y={16} className="chart-legend">
                  {s.name}
                </text>
              </g>
            ))
          : null}
        {bars.map((bar, row) => {
          const top = row * group + (series.length > 1 ? 28 : 0);
          return (
            <g key={bar.key}>
              <text x={0} y={top + 14} className="chart-label">
                {bar.label}
              </text>
              {bar.values.map((value, index) => {
                const y = top + LABEL + index * ROW;
                const width = barPercent(value, max);
                return (
                  <g key={series[index]!.name}>
                    <rect x={0} y={y + 2} width={`${width}%`} height={ROW - 6} fill={series[index]!.color} />
                    <text x={`${width}%`} dx={6} y={y + ROW - 7} className="chart-value">
                      {value}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}
