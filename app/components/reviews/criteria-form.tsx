import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "../../translation";
import type { ReviewCriterion } from "../../../workflows/review-criteria";
import { SCALE_POINTS } from "../../../workflows/review-criteria";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import type { ReviewCriteriaFormValues } from "../../reviews/criteria-schema";
import { FormErrors, TextAreaField, TextField } from "../fields";

// A round's review criteria: the form the TAF team edits them in, and the same criteria read-only
// once a review is submitted. Adding and removing a criterion are buttons of the form, so they
// work without JavaScript (the server hands the form back with the row added or removed).

/** `checks` are the form schema's (app/forms.server.ts, `browserChecks`); `most` is how many criteria a round may have. */
export function CriteriaForm({
  criteria,
  version,
  checks,
  most,
  lastResult,
}: {
  criteria: readonly ReviewCriterion[];
  version: number;
  checks: BrowserChecks;
  most: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<ReviewCriteriaFormValues>({
    id: "review-criteria",
    lastResult,
    defaultValue: { version, criteria: criteria.map((criterion) => ({ ...criterion, scaleLabels: [...criterion.scaleLabels] })) },
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<ReviewCriteriaFormValues>(form, formData, checks),
  });
  const list = fields.criteria.getFieldList();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {/* Enter in a text field presses the form's first button: make that "save", not "remove". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {t("criteriaPage.form.save")}
      </button>
      <input type="hidden" name={fields.version.name} value={version} />
      <FormErrors errors={[...(form.errors ?? []), ...(fields.version.errors ?? []), ...(fields.criteria.errors ?? [])]} />
      {list.map((criterion, index) => {
        const parts = criterion.getFieldset();
        const labels = parts.scaleLabels.getFieldList();
        return (
          <fieldset className="rows" key={criterion.key}>
            <legend>
              <h2>
                {t("criteriaPage.form.criterion", { number: index + 1 })}
                {parts.name.initialValue ? `: ${parts.name.initialValue}` : ""}
              </h2>
            </legend>
            <input {...getInputProps(parts.id, { type: "hidden" })} />
            <TextField label={t("criteriaPage.form.name")} meta={parts.name} />
            <TextAreaField label={t("criteriaPage.form.guidance")} hint={t("criteriaPage.form.guidanceHint")} meta={parts.guidance} />
            <TextField label={t("criteriaPage.form.weight")} type="number" hint={t("criteriaPage.form.weightHint")} meta={parts.weight} />
            <fieldset className="rows">
              <legend>{t("criteriaPage.form.scale")}</legend>
              {SCALE_POINTS.map((point, pointIndex) => {
                const label = labels[pointIndex];
                return label ? <TextField key={point} label={point === 1 ? t("criteriaPage.form.worst", { point }) : point === 5 ? t("criteriaPage.form.best", { point }) : String(point)} meta={label} /> : null;
              })}
              {parts.scaleLabels.errors?.length ? <p className="error">{parts.scaleLabels.errors.map((error) => t(error, { defaultValue: error })).join(" ")}</p> : null}
            </fieldset>
            {list.length > 1 ? (
              <button className="secondary" {...form.remove.getButtonProps({ name: fields.criteria.name, index })}>
                {t("criteriaPage.form.remove", { number: index + 1 })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <div className="actions">
        {list.length < most ? (
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.criteria.name, defaultValue: { id: "", name: "", guidance: "", weight: 1, scaleLabels: ["", "", "", "", ""] } })}>
            {t("criteriaPage.form.add")}
          </button>
        ) : null}
        <button type="submit" name="intent" value="save" disabled={saving}>
          {saving ? t("criteriaPage.form.saving") : t("criteriaPage.form.submit")}
        </button>
      </div>
    </Form>
  );
}

export function CriteriaReadOnly({ criteria }: { criteria: readonly ReviewCriterion[] }) {
  const { t } = useTranslation();
  return (
    <ol className="stack">
      {criteria.map((criterion) => (
        <li key={criterion.id}>
          <h2>
            {criterion.name} <span className="badge">{t("criteriaPage.form.weightBadge", { weight: criterion.weight })}</span>
          </h2>
          {criterion.guidance ? <p className="prose">{criterion.guidance}</p> : null}
          <dl className="facts">
            {criterion.scaleLabels.map((label, index) => (
              <Fragment key={index}>
                <dt>{SCALE_POINTS[index]}</dt>
                <dd>{label}</dd>
              </Fragment>
            ))}
          </dl>
        </li>
      ))}
    </ol>
  );
}
