import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { Fragment } from "react";
import type { ReviewCriterion } from "../../../workflows/review-criteria";
import { SCALE_POINTS } from "../../../workflows/review-criteria";
import type { ReviewCriteriaFormInput, ReviewCriteriaFormValues } from "../../reviews/criteria-schema";
import { MAX_REVIEW_CRITERIA, reviewCriteriaFormSchema } from "../../reviews/criteria-schema";
import { FormErrors, TextAreaField, TextField } from "../fields";

// A round's review criteria: the form the TAF team edits them in, and the same criteria read-only
// once a review is submitted. Adding and removing a criterion are buttons of the form, so they
// work without JavaScript (the server hands the form back with the row added or removed).

const CONSTRAINT = getZodConstraint(reviewCriteriaFormSchema);

export function CriteriaForm({ criteria, version, lastResult }: { criteria: readonly ReviewCriterion[]; version: number; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<ReviewCriteriaFormValues, ReviewCriteriaFormInput>({
    id: "review-criteria",
    lastResult,
    defaultValue: { version, criteria: criteria.map((criterion) => ({ ...criterion, scaleLabels: [...criterion.scaleLabels] })) },
    constraint: CONSTRAINT,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: reviewCriteriaFormSchema }),
  });
  const list = fields.criteria.getFieldList();
  const saving = navigation.state !== "idle" && navigation.formData?.get("intent") === "save";
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {/* Enter in a text field presses the form's first button: make that "save", not "remove". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Save
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
                Criterion {index + 1}
                {parts.name.initialValue ? `: ${parts.name.initialValue}` : ""}
              </h2>
            </legend>
            <input {...getInputProps(parts.id, { type: "hidden" })} />
            <TextField label="Name" meta={parts.name} />
            <TextAreaField label="Guidance for reviewers" hint="What the reviewer looks for; shown beside the scale." meta={parts.guidance} />
            <TextField
              label="Weight"
              type="number"
              hint="Relative: a criterion of weight 2 counts twice as much as one of weight 1 in the weighted score."
              meta={parts.weight}
            />
            <fieldset className="rows">
              <legend>What each point of the scale means</legend>
              {SCALE_POINTS.map((point, pointIndex) => {
                const label = labels[pointIndex];
                return label ? <TextField key={point} label={`${point}${point === 1 ? " (worst)" : point === 5 ? " (best)" : ""}`} meta={label} /> : null;
              })}
              {parts.scaleLabels.errors?.length ? <p className="error">{parts.scaleLabels.errors.join(" ")}</p> : null}
            </fieldset>
            {list.length > 1 ? (
              <button className="secondary" {...form.remove.getButtonProps({ name: fields.criteria.name, index })}>
                Remove criterion {index + 1}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <div className="actions">
        {list.length < MAX_REVIEW_CRITERIA ? (
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.criteria.name, defaultValue: { id: "", name: "", guidance: "", weight: 1, scaleLabels: ["", "", "", "", ""] } })}>
            Add a criterion
          </button>
        ) : null}
        <button type="submit" name="intent" value="save" disabled={saving}>
          {saving ? "Saving…" : "Save the criteria"}
        </button>
      </div>
    </Form>
  );
}

export function CriteriaReadOnly({ criteria }: { criteria: readonly ReviewCriterion[] }) {
  return (
    <ol className="stack">
      {criteria.map((criterion) => (
        <li key={criterion.id}>
          <h2>
            {criterion.name} <span className="badge">weight {criterion.weight}</span>
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
