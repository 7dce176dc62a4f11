import { useTranslation } from "../../translation";

type Stages = { steps: { key: string; label: string; status: string }[]; outcome: string | null };

/** The main stages in order, passed, current or still ahead, and the outcome once there is one. */
export function StageList({ stages }: { stages: Stages }) {
  const { t } = useTranslation();
  return (
    <ol className="stages" aria-label={t("stagesList.label")}>
      {stages.steps.map((step) => (
        <li key={step.key} className={step.status} aria-current={step.status === "current" ? "step" : undefined}>
          {step.label}
          <span className="visually-hidden">
            {" "}
            ({step.status === "current" ? t("stagesList.current") : step.status === "passed" ? t("stagesList.done") : t("stagesList.ahead")})
          </span>
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
  const { t } = useTranslation();
  return (
    <>
      <p className="stage-line">
        <strong>{t("stagesList.now")}</strong> {now}.
        {next ? (
          <>
            {" "}
            <strong>{t("stagesList.next")}</strong> {next}.
          </>
        ) : null}
        {who ? (
          <>
            {" "}
            <strong>{t("stagesList.who")}</strong> {who}.
          </>
        ) : null}
      </p>
      {words ? <p>{words}</p> : null}
    </>
  );
}
