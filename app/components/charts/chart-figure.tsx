import type { ReactNode } from "react";
import { useTranslation } from "../../translation";

export type ChartTable = { caption: string; head: string[]; rows: { label: ReactNode; key: string; cells: (string | number)[] }[] };

/**
 * A chart as people who cannot see it read it too: a title, a sentence with the numbers (the
 * text equivalent, which also names the drawing for screen readers) and the table behind it,
 * folded. Drawn on the server; nothing needs JavaScript.
 */
export function ChartFigure({ id, title, sentence, table, children, note }: { id: string; title: string; sentence: string; table: ChartTable; children: ReactNode; note?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <p className="chart-sentence" id={`${id}-sentence`}>
        {sentence}
      </p>
      <div className="chart-drawing" role="img" aria-labelledby={`${id}-title ${id}-sentence`}>
        {children}
      </div>
      {note}
      <details className="chart-table">
        <summary>{t("charts.tableBehind")}</summary>
        {/* On a phone each row is a card of its own, every figure under its column's name, as the portal's other tables are. */}
        <table className="stacked">
          <caption>{table.caption}</caption>
          <thead>
            <tr>
              {table.head.map((cell, index) => (
                <th key={cell} scope="col" className={index ? "number" : undefined}>
                  {cell}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, index) => (
                  <td key={index} className="number" data-label={table.head[index + 1]}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** A bar's length as a share of the widest, in percent of the drawing, leaving room for its number. */
export function barPercent(value: number, max: number, room = 82) {
  return max > 0 ? (value / max) * room : 0;
}

/** The colour key above a chart with more than one series (the sentence already names them). */
export function ChartLegend({ series }: { series: { name: string; color: string }[] }) {
  return (
    <p className="chart-legend" aria-hidden="true">
      {series.map((s) => (
        <span key={s.name}>
          <svg width={14} height={14} focusable="false">
            <rect width={14} height={14} fill={s.color} />
          </svg>{" "}
          {s.name}
        </span>
      ))}
    </p>
  );
}
