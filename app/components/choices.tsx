import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { FieldError } from "./fields";

// Radio buttons and checkboxes: apart from fields.tsx, so that a page without a choice (the
// sign-in, a new password) does not carry their code.

/**
 * Conform's getCollectionProps with the field's metadata read once. Conform's metadata is a proxy
 * that records every read for its re-rendering (a new proxy and a copied list each time), and
 * getCollectionProps reads it nine times for every option: the proposal form's themes made that
 * a seventh of its render (docs/performance.md). These are the properties it reads. The field
 * may be of any form (`any`), as Conform's own signature takes it.
 */
export function choiceProps<Schema>(meta: FieldMetadata<Schema, any, any>, options: { type: "checkbox" | "radio"; options: string[] }) {
  const once = { key: meta.key, id: meta.id, name: meta.name, formId: meta.formId, required: meta.required, errors: meta.errors, errorId: meta.errorId, valid: meta.valid, initialValue: meta.initialValue };
  return getCollectionProps(once as unknown as typeof meta, options);
}

/** Radio buttons (one of) or checkboxes (any of) under a legend, with one error for the group. */
export function ChoiceField({
  type,
  options,
  label,
  hint,
  meta,
}: {
  label: string;
  hint?: ReactNode;
  type: "radio" | "checkbox";
  options: { value: string; label: string }[];
  meta: FieldMetadata<string | string[] | undefined | null>;
}) {
  return (
    <fieldset className="field choices" aria-describedby={meta.errors?.length ? meta.errorId : hint ? meta.descriptionId : undefined}>
      <legend>{label}</legend>
      {hint ? (
        <span className="hint" id={meta.descriptionId}>
          {hint}
        </span>
      ) : null}
      {choiceProps(meta, { type, options: options.map((option) => option.value) }).map(({ key, ...props }) => (
        <label className="checkbox" key={key}>
          <input {...props} />
          {options.find((option) => option.value === props.value)?.label}
        </label>
      ))}
      <FieldError meta={meta} />
    </fieldset>
  );
}
