import type { ReactNode } from "react";
import type { ChartTable } from "./chart-figure";
import { ChartFigure } from "./chart-figure";

const ROW = 34;
const LABEL = 16;

/** The share of the strongest cell as a fill between the page's wash and the EU blue. */
function shade(value: number, max: number) {
  if (max === 0 || value === 0) return "#f3f5f9";
  const t = 0.25 + 0.75 * (value / max);
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  return `rgb(${mix(243, 0)}, ${mix(245, 51)}, ${mix(249, 153)})`;
}

/**
 * A square matrix of counts, darker where there are more: here, how often institutions of two
 * countries propose together. Short labels (codes) in the drawing; the table names them in full.
 */
export function HeatMatrix({
  id,
  title,
  sentence,
  table,
  labels,
  cell,
  note,
}: {
  id: string;
  title: string;
  sentence: string;
  table: ChartTable;
  labels: string[];
  cell: (row: number, column: number) => number | null;
  note?: ReactNode;
}) {
  const values = labels.flatMap((_, row) => labels.map((__, column) => cell(row, column) ?? 0));
  const max = Math.max(0, ...values);
  const first = 16;
  const width = (100 - first) / labels.length;
  return (
    <ChartFigure id={id} title={title} sentence={sentence} table={table} note={note}>
      <svg width="100%" height={LABEL + 12 + labels.length * ROW} aria-hidden="true" focusable="false" className="heat-matrix">
        {labels.map((label, column) => (
          <text key={label} x={`${first + width * (column + 0.5)}%`} y={LABEL} textAnchor="middle" className="chart-label">
            {label}
          </text>
        ))}
        {labels.map((label, row) => {
          const y = LABEL + 8 + row * ROW;
          return (
            <g key={label}>
              <text x={0} y={y + ROW / 2 + 5} className="chart-label">
                {label}
              </text>
              {labels.map((other, column) => {
                const value = cell(row, column);
                const fill = value === null ? "#ffffff" : shade(value, max);
                const dark = value !== null && max > 0 && value / max > 0.45;
                return (
                  <g key={other}>
                    <rect x={`${first + width * column}%`} y={y} width={`${width}%`} height={ROW} fill={fill} stroke="#ffffff" strokeWidth={2} />
                    <text x={`${first + width * (column + 0.5)}%`} y={y + ROW / 2 + 5} textAnchor="middle" className={dark ? "chart-value on-dark" : "chart-value"}>
                      {value === null ? "–" : value}
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
