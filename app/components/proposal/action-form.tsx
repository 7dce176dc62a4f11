import type { ReactNode } from "react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "../../translation";

type Field =
  | { name: string; kind: "text"; label: string; hint?: string }
  | { name: string; kind: "days"; label: string }
  | { name: string; kind: "choice"; label: string; choices: readonly { value: string; label: string }[] }
  | { name: string; kind: "confirm"; label: string }
  | { name: string; kind: "mark"; label: string; hint: string };

type Action = { type: string; label: string; fields: readonly Field[]; danger: boolean };

/** What the server answered the last form sent: its values and errors go back beside it. */
type Reply = { event: string; values: Record<string, string>; fieldErrors: Record<string, string[]>; formError: string | null };

function sentence(words: string) {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The form that sends one statechart event, with the fields the event catalogue gives it.
 * `children`: what the page shows and sends with this one event's form, above its fields.
 */
export function ActionForm({
  action,
  version,
  result,
  children,
  to,
}: {
  action: Action;
  version: number;
  result?: Reply;
  children?: ReactNode;
  /** Where the form is sent when it is not the page's own action: the proposal page's, from a work page. */
  to?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const mine = result?.event === action.type ? result : undefined;
  const busy = navigation.state !== "idle" && navigation.formData?.get("event") === action.type;
  const errorId = `${action.type}-error`;
  return (
    <Form method="post" action={to} className="stack action-form" aria-describedby={mine?.formError ? errorId : undefined}>
      <input type="hidden" name="event" value={action.type} />
      <input type="hidden" name="version" value={version} />
      <h3>{sentence(action.label)}</h3>
      {mine?.formError ? (
        <p className="notice error" role="alert" id={errorId}>
          {mine.formError}
        </p>
      ) : null}
      {children}
      {action.fields.map((field) => (
        <ActionField key={field.name} id={`${action.type}-${field.name}`} field={field} value={mine?.values[field.name]} errors={mine?.fieldErrors[field.name]} />
      ))}
      <button type="submit" className={action.danger ? "danger" : undefined} disabled={busy}>
        {busy ? t("actionForm.working") : sentence(action.label)}
      </button>
    </Form>
  );
}

function ActionField({ id, field, value, errors }: { id: string; field: Field; value?: string; errors?: string[] }) {
  const error = errors ? <p className="error">{errors.join(" ")}</p> : null;
  switch (field.kind) {
    case "confirm":
      return (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name={field.name} aria-invalid={errors ? true : undefined} /> {field.label}
          </label>
          {error}
        </div>
      );
    case "mark":
      return (
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" name={field.name} defaultChecked={value === "on"} aria-invalid={errors ? true : undefined} /> {field.label}
          </label>
          <span className="hint">{field.hint}</span>
          {error}
        </div>
      );
    case "choice":
      return (
        <fieldset className="field">
          <legend>{field.label}</legend>
          {field.choices.map((choice) => (
            <label className="checkbox" key={choice.value}>
              <input type="radio" name={field.name} value={choice.value} defaultChecked={value === choice.value} /> {choice.label}
            </label>
          ))}
          {error}
        </fieldset>
      );
    case "days":
      return (
        <div className="field">
          <label htmlFor={id}>{field.label}</label>
          <input id={id} name={field.name} type="number" min={1} max={60} defaultValue={value ?? "10"} aria-invalid={errors ? true : undefined} />
          {error}
        </div>
      );
    case "text":
      return (
        <div className="field">
          <label htmlFor={id}>{field.label}</label>
          {field.hint ? <span className="hint">{field.hint}</span> : null}
          <textarea id={id} name={field.name} defaultValue={value ?? ""} aria-invalid={errors ? true : undefined} rows={4} />
          {error}
        </div>
      );
  }
}
