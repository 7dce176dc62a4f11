import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { ActionForm } from "./action-form";

type Action = Parameters<typeof ActionForm>[0]["action"] & { type: string };
type Reply = Parameters<typeof ActionForm>[0]["result"];

type NextStep = {
  yourTurn: boolean;
  instruction: string | null;
  moves: Action[];
  pauses: Action[];
  endings: Action[];
};

function sentence(words: string) {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The first thing on the proposal page: what this person is expected to do next, with the
 * button for it; or, when nothing is theirs to do, whom the proposal waits for. Steps that pause
 * or end the proposal come last, each folded behind its own disclosure (a second thought that
 * works without JavaScript); the one a refused form came back from stays open.
 */
export function NextStepPanel({
  step,
  workLinks,
  waitingFor,
  finished,
  version,
  result,
  extra,
}: {
  step: NextStep;
  workLinks: { to: string; label: string }[];
  /** Whom the proposal waits for, in the page's words ("the TAF team"); null when no one moves it on. */
  waitingFor: string | null;
  finished: boolean;
  version: number;
  result?: Reply;
  /** What one event's form shows above its fields (the decision held so far beside DECIDE). */
  extra?: (type: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const folded = [...step.pauses, ...step.endings];
  return (
    <section aria-labelledby="next-step-heading" className={step.yourTurn ? "next-step yours" : "next-step"}>
      <h2 id="next-step-heading">{step.yourTurn ? t("nextStep.yours") : finished ? t("nextStep.closed") : t("nextStep.whatNext")}</h2>
      {step.instruction ? (
        <p className="instruction">{step.instruction}</p>
      ) : finished ? (
        <p>{t("nextStep.nothingMore")}</p>
      ) : (
        <p>
          {waitingFor ? t("nextStep.turnOf", { who: waitingFor }) : t("nextStep.nothingNow")} {t("nextStep.mail")}
        </p>
      )}
      {workLinks.length ? (
        <p className="actions">
          {workLinks.map((link) => (
            <Link key={link.to} to={link.to} className="button">
              {link.label}
            </Link>
          ))}
        </p>
      ) : null}
      {step.moves.length ? (
        <div className="action-forms">
          {step.moves.map((action) => (
            <ActionForm key={action.type} action={action} version={version} result={result}>
              {extra?.(action.type)}
            </ActionForm>
          ))}
        </div>
      ) : null}
      {folded.length ? (
        <div className="rare-steps">
          <h3>{step.endings.length && !step.pauses.length ? t("nextStep.ifEnding") : t("nextStep.otherSteps")}</h3>
          {folded.map((action) => (
            <details key={action.type} open={result?.event === action.type ? true : undefined}>
              <summary className={action.danger ? "danger" : undefined}>{sentence(action.label)}…</summary>
              <ActionForm action={action} version={version} result={result} />
            </details>
          ))}
        </div>
      ) : null}
    </section>
  );
}
