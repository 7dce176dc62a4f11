import { useTranslation } from "../translation";
import { SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";
import { formatDay, formatEurosIn } from "../../workflows/time";
import { useTextLanguage } from "./text-language";

// One proposal answer as people read it (themes by name, money in euros, dates in words), on
// the proposal page and on the preview before submission, in the page's language; what the
// applicant wrote stays in theirs. Amounts and dates in another language than English come
// written by the server (`inWords`, app/proposals/answers-in-words.server.ts): browsers' Intl
// data differ from the server's (Debian's Chromium has no Albanian), and the page must hydrate
// as it was rendered.

function Labels({ ids, options }: { ids: unknown[]; options: readonly { id: string; key: string }[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain">
      {ids.map((id) => (
        <li key={String(id)}>{t(options.find((option) => option.id === id)?.key ?? String(id))}</li>
      ))}
    </ul>
  );
}

export function ProposalAnswer({ partKey, value, missing, inWords }: { partKey: string; value: unknown; missing: "quiet" | "warn"; inWords?: string }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return <span className={missing === "warn" ? "badge warn" : "muted"}>{t("proposalAnswer.missing")}</span>;
  }
  if (partKey === "themes" && Array.isArray(value)) return <Labels ids={value} options={THEMES} />;
  if (partKey === "supportKinds" && Array.isArray(value)) return <Labels ids={value} options={SUPPORT_KINDS} />;
  if (inWords) return <>{inWords}</>;
  if (partKey === "budgetEur" && typeof value === "number") return <>{formatEurosIn("en", value)}</>;
  if (partKey === "durationMonths" && typeof value === "number") return <>{t("proposalAnswer.months", { count: value })}</>;
  if (partKey === "intendedStart" && typeof value === "string" && formatDay(value) !== value) return <>{formatDay(value)}</>;
  return (
    <span className="prose" {...typed}>
      {String(value)}
    </span>
  );
}
