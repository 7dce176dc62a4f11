type Check = { at: string; results: { id: string; label: string; outcome: string; reason: string }[] };

/** The automatic eligibility check, criterion by criterion, for the TAF team. */
export function EligibilityCheck({ check }: { check: Check }) {
  return (
    <section aria-labelledby="eligibility-heading">
      <h2 id="eligibility-heading">Automatic eligibility check</h2>
      <p className="muted">Run on {check.at}. Shown to the TAF team only.</p>
      <EligibilityResults results={check.results} />
    </section>
  );
}

/** Each criterion's result and its reason, as the automatic check gave them. */
export function EligibilityResults({ results }: { results: Check["results"] }) {
  return (
    <table className="stacked">
      <thead>
        <tr>
          <th scope="col">Criterion</th>
          <th scope="col">Result</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.id}>
            <td className="text" data-label="Criterion">{r.label}</td>
            <td data-label="Result">
              <span className={r.outcome === "passed" ? "badge ok" : r.outcome === "failed" ? "badge warn" : "badge"}>
                {r.outcome === "needsPerson" ? "needs a person" : r.outcome}
              </span>
            </td>
            <td className="text" data-label="Why">{r.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
