type Stages = { steps: { key: string; label: string; status: string }[]; outcome: string | null };

/** The main stages in order, passed, current or still ahead, and the outcome once there is one. */
export function StageList({ stages }: { stages: Stages }) {
  return (
    <ol className="stages" aria-label="Stages of the TAF process">
      {stages.steps.map((step) => (
        <li key={step.key} className={step.status} aria-current={step.status === "current" ? "step" : undefined}>
          {step.label}
          <span className="visually-hidden"> ({step.status === "current" ? "current stage" : step.status === "passed" ? "done" : "still ahead"})</span>
        </li>
      ))}
      {stages.outcome ? (
        <li className="current outcome" aria-current="step">
          {stages.outcome}
        </li>
      ) : null}
    </ol>
  );
}

/** One line for everyone: where the proposal is now, which stage comes next, and who acts. */
export function StageLine({ now, next, who, words }: { now: string; next: string | null; who: string | null; words: string }) {
  return (
    <>
      <p className="stage-line">
        <strong>Now:</strong> {now}.{next ? <> <strong>Next:</strong> {next}.</> : null}
        {who ? <> <strong>Who acts:</strong> {who}.</> : null}
      </p>
      {words ? <p>{words}</p> : null}
    </>
  );
}
