import type { TFunction } from "i18next";
import { useTranslation } from "../../translation";

// The fields of one decision, for the proposals ticked beside them: the outcome, the priority
// mark, the TAF team's reason and the comments the applicants will read once it is released.

const OUTCOME_WORDS = { promising: "decisionFields.outcome.promising", notSelected: "decisionFields.outcome.notSelected" } as const;

/** What the form sent last, shown again when it was refused so that nothing typed is lost. */
export type DecisionValues = { outcome?: string; priority?: boolean; reason?: string; sharedFeedback?: string };

export function DecisionFields({ idPrefix, values = {} }: { idPrefix: string; values?: DecisionValues }) {
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="field choices">
        <legend>{t("decisionFields.outcomeLegend")}</legend>
        <label className="checkbox">
          <input type="radio" name="outcome" value="promising" required defaultChecked={values.outcome === "promising"} /> {t("decisionFields.promisingChoice")}
        </label>
        <label className="checkbox">
          <input type="radio" name="outcome" value="notSelected" defaultChecked={values.outcome === "notSelected"} /> {t("decisionFields.outcome.notSelected")}
        </label>
      </fieldset>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="priority" defaultChecked={values.priority} /> {t("decisionFields.priority")}
        </label>
        <span className="hint">{t("decisionFields.priorityHint")}</span>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-reason`}>{t("decisionFields.reason")}</label>
        <span className="hint">{t("decisionFields.reasonHint")}</span>
        <textarea id={`${idPrefix}-reason`} name="reason" rows={3} defaultValue={values.reason} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-shared`}>{t("decisionFields.shared")}</label>
        <span className="hint">{t("decisionFields.sharedHint")}</span>
        <textarea id={`${idPrefix}-shared`} name="sharedFeedback" rows={4} defaultValue={values.sharedFeedback} />
      </div>
    </>
  );
}

type Held = { outcome: keyof typeof OUTCOME_WORDS; priority: boolean; version: number; decidedBy: string } | null;

/**
 * The proposal page's decision form: the decision held so far, which recording replaces, and
 * the version of it the form was shown, so that one changed meanwhile is not overwritten unseen.
 */
export function HeldDecision({ held }: { held: Held }) {
  const { t } = useTranslation();
  return (
    <>
      <input type="hidden" name="heldVersion" value={held?.version ?? 0} />
      {held ? <p className="notice">{t("decisionFields.heldNotice", { decision: heldWords(held, t), by: held.decidedBy })}</p> : null}
    </>
  );
}

/** A held decision in a few words: "Promising · priority". */
export function heldWords(held: { outcome: keyof typeof OUTCOME_WORDS; priority: boolean }, t: TFunction) {
  const outcome = t(OUTCOME_WORDS[held.outcome]);
  return held.priority ? t("decisionFields.withPriority", { outcome }) : outcome;
}
