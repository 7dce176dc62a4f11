/** The eligibility criteria a round applies, in its words: what the TAF team checks every proposal against. */
export function RoundCriteriaList({ criteria }: { criteria: { id: string; name: string; guidance: string }[] }) {
  return (
    <ol className="criteria-list">
      {criteria.map((criterion) => (
        <li key={criterion.id}>
          <strong>{criterion.name}</strong>
          {criterion.guidance ? <p className="muted">{criterion.guidance}</p> : null}
        </li>
      ))}
    </ol>
  );
}
