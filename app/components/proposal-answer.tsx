import { useTranslation } from "../translation";
import type { AnswerInWords } from "../proposals/answers-in-words.server";
import { useTextLanguage } from "./text-language";

// One proposal answer as people read it (themes by name, money in euros, dates in words), on
// the proposal page, the preview before submission, the review page and the printout, in the
// page's language; what the applicant wrote stays in theirs. Names, amounts, dates and durations
// come written by the server (`inWords`, app/proposals/answers-in-words.server.ts), so the page
// hydrates as it was rendered and the browser needs neither the vocabulary nor the formats.

export function ProposalAnswer({ value, missing, inWords }: { value: unknown; missing: "quiet" | "warn"; inWords?: AnswerInWords }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) {
    return <span className={missing === "warn" ? "badge warn" : "muted"}>{t("proposalAnswer.missing")}</span>;
  }
  if (Array.isArray(inWords)) {
    return (
      <ul className="plain">
        {inWords.map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
    );
  }
  if (inWords !== undefined) return <>{inWords}</>;
  return (
    <span className="prose" {...typed}>
      {String(value)}
    </span>
  );
}
