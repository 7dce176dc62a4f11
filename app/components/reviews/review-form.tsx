import { Form } from "@remix-run/react";
import { useTranslation } from "../../translation";
import type { PageLanguage } from "../../../workflows/languages";
import type { ReviewCriterion } from "../../../workflows/review-criteria";
import { SCALE_POINTS } from "../../../workflows/review-criteria";
import { REVIEW_COMMENT_MAX, SCORE_FIELD_PREFIX } from "../../reviews/review-fields";
import { useTextLanguage } from "../text-language";
import { countIn } from "../count";

type Choice = { id: string; label: string; meaning: string };
export type ReviewValues = {
  scores: Record<string, number | string>;
  recommendation: string;
  confidence: string;
  commentForApplicants: string;
  internalComment: string;
};

/** The fields of a review: each criterion's 1–5 choice with its guidance and point labels, then the recommendation, confidence and comments. */
export function ReviewFields({ criteria, recommendations, confidenceLevels, values }: { criteria: ReviewCriterion[]; recommendations: Choice[]; confidenceLevels: Choice[]; values: ReviewValues }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      {criteria.map((criterion) => (
        <fieldset key={criterion.id} id={`score-${criterion.id}`} className="review-criterion">
          <legend>{criterion.name}</legend>
          <p className="muted">{criterion.guidance}</p>
          {SCALE_POINTS.map((point) => (
            <label key={point} className="choice">
              <input type="radio" name={`${SCORE_FIELD_PREFIX}${criterion.id}`} value={point} defaultChecked={String(values.scores[criterion.id] ?? "") === String(point)} /> <strong>{point}</strong> {criterion.scaleLabels[point - 1]}
            </label>
          ))}
        </fieldset>
      ))}
      <fieldset id="recommendation">
        <legend>{t("reviewPage.form.recommendation")}</legend>
        {recommendations.map((choice) => (
          <label key={choice.id} className="choice">
            <input type="radio" name="recommendation" value={choice.id} defaultChecked={values.recommendation === choice.id} /> <strong>{choice.label}</strong> <span className="muted">{choice.meaning}</span>
          </label>
        ))}
      </fieldset>
      <fieldset id="confidence">
        <legend>{t("reviewPage.form.confidence")}</legend>
        {confidenceLevels.map((choice) => (
          <label key={choice.id} className="choice">
            <input type="radio" name="confidence" value={choice.id} defaultChecked={values.confidence === choice.id} /> <strong>{choice.label}</strong> <span className="muted">{choice.meaning}</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="commentForApplicants">{t("reviewPage.form.commentForApplicants")}</label>
        <p className="muted" id="commentForApplicants-hint">
          {t("reviewPage.form.commentForApplicantsHint", { max: countIn(i18n.language as PageLanguage, REVIEW_COMMENT_MAX) })}
        </p>
        <textarea id="commentForApplicants" name="commentForApplicants" rows={6} defaultValue={values.commentForApplicants} aria-describedby="commentForApplicants-hint" />
      </div>
      <div className="field">
        <label htmlFor="internalComment">{t("reviewPage.form.internalComment")}</label>
        <p className="muted" id="internalComment-hint">
          {t("reviewPage.form.internalCommentHint")}
        </p>
        <textarea id="internalComment" name="internalComment" rows={4} defaultValue={values.internalComment} aria-describedby="internalComment-hint" />
      </div>
    </>
  );
}

/** A submitted review, read-only. */
export function ReviewReadOnly({ criteria, recommendations, confidenceLevels, values }: { criteria: ReviewCriterion[]; recommendations: Choice[]; confidenceLevels: Choice[]; values: ReviewValues }) {
  const { t } = useTranslation();
  const words = (choices: Choice[], id: string) => choices.find((choice) => choice.id === id)?.label ?? "—";
  const typed = useTextLanguage("en");
  return (
    <dl className="answers">
      {criteria.map((criterion) => {
        const score = Number(values.scores[criterion.id]);
        return (
          <div key={criterion.id}>
            <dt>{criterion.name}</dt>
            <dd>{score ? `${score} — ${criterion.scaleLabels[score - 1]}` : "—"}</dd>
          </div>
        );
      })}
      <div>
        <dt>{t("reviewPage.form.recommendation")}</dt>
        <dd>{words(recommendations, values.recommendation)}</dd>
      </div>
      <div>
        <dt>{t("reviewPage.form.confidence")}</dt>
        <dd>{words(confidenceLevels, values.confidence)}</dd>
      </div>
      <div>
        <dt>{t("reviewPage.form.commentForApplicants")}</dt>
        <dd className="prose" {...typed}>{values.commentForApplicants || "—"}</dd>
      </div>
      <div>
        <dt>{t("reviewPage.form.internalComment")}</dt>
        <dd className="prose" {...typed}>{values.internalComment || "—"}</dd>
      </div>
    </dl>
  );
}

/** One of the reviewer's statechart events, as a form of its own (a reason where it needs one). */
export function ReviewEventForm({ intent, label, version, reasonLabel, danger = false }: { intent: string; label: string; version: number; reasonLabel?: string; danger?: boolean }) {
  return (
    <Form method="post" className="stack action-form">
      <input type="hidden" name="version" value={version} />
      {reasonLabel ? (
        <div className="field">
          <label htmlFor={`${intent}-reason`}>{reasonLabel}</label>
          <textarea id={`${intent}-reason`} name="reason" rows={3} required />
        </div>
      ) : null}
      <button type="submit" name="intent" value={intent} className={danger ? "danger" : undefined}>
        {label}
      </button>
    </Form>
  );
}
