import type { FieldMetadata } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { FEEDBACK_COMMENT_QUESTION, FEEDBACK_QUESTIONS, FEEDBACK_SCALE } from "../../lessons/feedback-questions";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import { ChoiceField } from "../choices";
import { FormErrors, TextAreaField } from "../fields";
import { useTextLanguage } from "../text-language";

type Answer = { ratings: Record<string, number>; comment: string; answeredBy: string; answeredAt: string };

type FeedbackFields = { institutionId: string; rating: Record<string, string>; comment: string };

/**
 * The survey's form: four 1–5 questions and a comment, filled in with the institution's saved
 * answer. `checks`: its schema's (the loader's `browserChecks`), so that zod stays on the server.
 */
export function FeedbackForm({ institutionId, answer, checks, lastResult }: { institutionId: number; answer: Answer | null; checks: BrowserChecks; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm<FeedbackFields>({
    id: `feedback-${institutionId}`,
    lastResult,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    defaultValue: {
      institutionId: String(institutionId),
      rating: Object.fromEntries(Object.entries(answer?.ratings ?? {}).map(([id, point]) => [id, String(point)])),
      comment: answer?.comment ?? "",
    },
    onValidate: ({ form, formData }) => checkInBrowser<FeedbackFields>(form, formData, checks),
  });
  const ratings = fields.rating.getFieldset();
  const scale = FEEDBACK_SCALE.map((s) => ({ value: String(s.point), label: `${s.point} · ${t(s.label)}` }));
  return (
    <Form method="post" className="stack narrow-form feedback-form" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input {...getInputProps(fields.institutionId, { type: "hidden" })} key={fields.institutionId.key} />
      {FEEDBACK_QUESTIONS.map((question) => (
        <ChoiceField
          key={question.id}
          type="radio"
          label={t("surveyPage.questionLabel", { topic: t(question.topic), question: t(question.question) })}
          options={scale}
          meta={ratings[question.id] as FieldMetadata<string>}
        />
      ))}
      <TextAreaField label={t(FEEDBACK_COMMENT_QUESTION)} hint={t("surveyPage.commentHint")} meta={fields.comment} />
      <button type="submit" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? t("surveyPage.saving") : answer ? t("surveyPage.saveChanges") : t("surveyPage.send")}
      </button>
    </Form>
  );
}

/** The saved answer, read only: what the survey shows once it is closed. */
export function FeedbackAnswerView({ answer }: { answer: Answer }) {
  const { t } = useTranslation();
  const asWritten = useTextLanguage("en");
  return (
    <dl className="answers">
      {FEEDBACK_QUESTIONS.map((question) => {
        const point = FEEDBACK_SCALE.find((s) => s.point === answer.ratings[question.id]);
        return (
          <div key={question.id}>
            <dt>{t("surveyPage.questionLabel", { topic: t(question.topic), question: t(question.question) })}</dt>
            <dd>{point ? `${point.point} · ${t(point.label)}` : t("surveyPage.notAnswered")}</dd>
          </div>
        );
      })}
      <div>
        <dt>{t(FEEDBACK_COMMENT_QUESTION)}</dt>
        <dd className="prose">{answer.comment ? <span {...asWritten}>{answer.comment}</span> : <span className="muted">{t("surveyPage.noComment")}</span>}</dd>
      </div>
    </dl>
  );
}
