import { useTranslation } from "../../translation";

type Check = { at: string; results: { id: string; label: string; outcome: string; reason: string }[] };

const OUTCOMES = {
  passed: "eligibilityCheck.outcome.passed",
  failed: "eligibilityCheck.outcome.failed",
  needsPerson: "eligibilityCheck.outcome.needsPerson",
} as const;

/** The automatic eligibility check, criterion by criterion, for the TAF team. */
export function EligibilityCheck({ check }: { check: Check }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="eligibility-heading">
      <h2 id="eligibility-heading">{t("eligibilityCheck.heading")}</h2>
      <p className="muted">{t("eligibilityCheck.ran", { date: check.at })}</p>
      <EligibilityResults results={check.results} />
    </section>
  );
}

/** Each criterion's result and its reason, as the automatic check gave them. */
export function EligibilityResults({ results }: { results: Check["results"] }) {
  const { t } = useTranslation();
  const criterion = t("eligibilityCheck.criterion");
  const result = t("eligibilityCheck.result");
  const why = t("eligibilityCheck.why");
  return (
    <table className="stacked">
      <thead>
        <tr>
          <th scope="col">{criterion}</th>
          <th scope="col">{result}</th>
          <th scope="col">{why}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.id}>
            <td className="text" data-label={criterion}>{r.label}</td>
            <td data-label={result}>
              <span className={r.outcome === "passed" ? "badge ok" : r.outcome === "failed" ? "badge warn" : "badge"}>
                {Object.hasOwn(OUTCOMES, r.outcome) ? t(OUTCOMES[r.outcome as keyof typeof OUTCOMES]) : r.outcome}
              </span>
            </td>
            <td className="text" data-label={why}>{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
