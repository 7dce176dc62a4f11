import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { formatDay } from "../../workflows/time";
import { euros } from "../proposals/content-schema";

// One proposal answer as people read it (themes by name, money in euros, dates in words), on
// the proposal page and on the preview before submission.

function labels(ids: unknown[], options: readonly { id: string; label: string }[]) {
  return (
    <ul className="plain">
      {ids.map((id) => (
        <li key={String(id)}>{options.find((option) => option.id === id)?.label ?? String(id)}</li>
      ))}
    </ul>
  );
}

export function ProposalAnswer({ partKey, value, missing }: { partKey: string; value: unknown; missing: "quiet" | "warn" }) {
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return <span className={missing === "warn" ? "badge warn" : "muted"}>Not answered yet</span>;
  }
  if (partKey === "themes" && Array.isArray(value)) return labels(value, THEMES);
  if (partKey === "supportKinds" && Array.isArray(value)) return labels(value, SUPPORT_KINDS);
  if (partKey === "budgetEur" && typeof value === "number") return <>{euros(value)}</>;
  if (partKey === "durationMonths" && typeof value === "number") return <>{value === 1 ? "1 month" : `${value} months`}</>;
  if (partKey === "intendedStart" && typeof value === "string" && formatDay(value) !== value) return <>{formatDay(value)}</>;
  return <span className="prose">{String(value)}</span>;
}
