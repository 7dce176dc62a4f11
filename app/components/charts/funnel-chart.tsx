import type { ChartTable } from "./chart-figure";
import { barPercent, ChartFigure } from "./chart-figure";

const STEP = 46;

/** The pipeline as a funnel: one centred bar per step, as wide as the proposals that passed it. */
export function FunnelChart({ id, title, sentence, table, steps }: { id: string; title: string; sentence: string; table: ChartTable; steps: { label: string; value: number }[] }) {
  const max = Math.max(0, ...steps.map((step) => step.value));
  return (
    <ChartFigure id={id} title={title} sentence={sentence} table={table}>
      <svg width="100%" height={steps.length * STEP} aria-hidden="true" focusable="false" className="funnel-chart">
        {steps.map((step, index) => {
          const width = barPercent(step.value, max, 100);
          const y = index * STEP;
          return (
            <g key={step.label}>
              <text x="50%" y={y + 14} textAnchor="middle" className="chart-label">
                {step.label}: {step.value}
              </text>
              {step.value ? <rect x={`${(100 - width) / 2}%`} y={y + 20} width={`${width}%`} height={20} fill="#003399" /> : null}
            </g>
          );
        })}
      </svg>
    </ChartFigure>
  );
}
