import { useTranslation } from "react-i18next";
import type { PageLanguage } from "../../workflows/languages";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { formatDayIn, formatEurosIn } from "../../workflows/time";
import { useTextLanguage } from "./text-language";

// One proposal answer as people read it (themes by name, money in euros, dates in words), on
// the proposal page and on the preview before submission, in the page's language; what the
// applicant wrote stays in theirs.

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
  const { t, i18n } = useTranslation();
  const typed = useTextLanguage("en");
  const language = i18n.language as PageLanguage;
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return <span className={missing === "warn" ? "badge warn" : "muted"}>{t("proposalAnswer.missing")}</span>;
  }
  if (partKey === "themes" && Array.isArray(value)) return labels(value, THEMES);
  if (partKey === "supportKinds" && Array.isArray(value)) return labels(value, SUPPORT_KINDS);
  if (partKey === "budgetEur" && typeof value === "number") return <>{formatEurosIn(language, value)}</>;
  if (partKey === "durationMonths" && typeof value === "number") return <>{t("proposalAnswer.months", { count: value })}</>;
  if (partKey === "intendedStart" && typeof value === "string" && formatDayIn(language, value) !== value) return <>{formatDayIn(language, value)}</>;
  return (
    <span className="prose" {...typed}>
      {String(value)}
    </span>
  );
}
