import type { FieldMetadata } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ReactNode } from "react";
import { useTranslation } from "../translation";

// Every field has a visible label, an optional hint, and its error right beside it, linked by
// aria-describedby so screen readers announce it.

type Common = { label: string; hint?: ReactNode; meta: FieldMetadata<string | number | boolean | undefined | null> };

function FieldFrame({ label, hint, meta, children }: Common & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      {hint ? (
        <span className="hint" id={meta.descriptionId}>
          {hint}
        </span>
      ) : null}
      {children}
      <FieldError meta={meta} />
    </div>
  );
}

export function TextField({
  type = "text",
  autoComplete,
  ...common
}: Common & { type?: "text" | "email" | "password" | "search" | "number" | "datetime-local"; autoComplete?: string }) {
  return (
    <FieldFrame {...common}>
      <input
        {...getInputProps(common.meta, { type, ariaDescribedBy: common.hint ? common.meta.descriptionId : undefined })}
        autoComplete={autoComplete}
      />
    </FieldFrame>
  );
}

export function TextAreaField(common: Common) {
  return (
    <FieldFrame {...common}>
      <textarea {...getTextareaProps(common.meta, { ariaDescribedBy: common.hint ? common.meta.descriptionId : undefined })} />
    </FieldFrame>
  );
}

export function SelectField({
  options,
  emptyOption,
  onChange,
  ...common
}: Common & { options: { value: string; label: string }[]; emptyOption?: string; onChange?: (value: string) => void }) {
  return (
    <FieldFrame {...common}>
      <select
        {...getSelectProps(common.meta, { ariaDescribedBy: common.hint ? common.meta.descriptionId : undefined })}
        onChange={onChange ? (event) => onChange(event.currentTarget.value) : undefined}
      >
        {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function CheckboxField({ label, hint, meta }: Common) {
  return (
    <div className="field">
      <label className="checkbox">
        <input {...getInputProps(meta, { type: "checkbox" })} />
        {label}
      </label>
      {hint ? <span className="hint">{hint}</span> : null}
      <FieldError meta={meta} />
    </div>
  );
}

/** A field's errors, beside it: the paragraph its aria-describedby points at. */
export function FieldError({ meta }: { meta: { errors?: string[]; errorId: string } }) {
  const translate = useMessage();
  return meta.errors?.length ? (
    <p className="error" id={meta.errorId}>
      {meta.errors.map(translate).join(" ")}
    </p>
  ) : null;
}

/** A message for the whole form (e.g. "wrong e-mail or password"), announced when it appears. */
export function FormErrors({ errors }: { errors?: string[] }) {
  const translate = useMessage();
  if (!errors?.length) return null;
  return (
    <div className="notice error" role="alert">
      {errors.map((error) => (
        <p key={error}>{translate(error)}</p>
      ))}
    </div>
  );
}

/**
 * A form message in the page's language. The browser's own check (Conform running the zod
 * schema, or the schema's constraints and messages, app/form-checks.ts) yields catalogue keys
 * such as "validation.email"; a message that is not a key (a page not yet translated, or one
 * the server already translated) is shown as it is.
 */
function useMessage() {
  const { t } = useTranslation();
  return (message: string) => t(message, { defaultValue: message });
}
