import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { EligibilityFormInput, EligibilityFormValues } from "../../rounds/eligibility-schema";
import { eligibilityFormSchema } from "../../rounds/eligibility-schema";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "../fields";

// A round's eligibility rules: which criteria apply and how the applicants read them, the
// number of countries, the grace period. A setting the server has locked is sent back as it is
// (hidden) and shown in words with the lock's reason, so the form still works without JavaScript.

const CONSTRAINT = getZodConstraint(eligibilityFormSchema);

type Criterion = { id: EligibilityFormInput["criteria"][number]["id"]; applies: boolean; name: string; guidance: string; guide: { name: string; guidance: string } };

export type EligibilityFormProps = {
  version: number;
  mode: "deadline" | "rolling";
  deadline: string | null;
  criteria: Criterion[];
  minimumCountries: number;
  graceHours: number;
  graceEnds: string | null;
  locks: { rules: string | null; grace: string | null };
  lastResult?: SubmissionResult<string[]>;
};

export function EligibilityForm({ version, mode, deadline, criteria, minimumCountries, graceHours, graceEnds, locks, lastResult }: EligibilityFormProps) {
  const navigation = useNavigation();
  const [form, fields] = useForm<EligibilityFormValues, EligibilityFormInput>({
    id: "round-eligibility",
    lastResult,
    defaultValue: { version, criteria: criteria.map(({ id, applies, name, guidance }) => ({ id, applies, name, guidance })), minimumCountries, graceHours },
    constraint: CONSTRAINT,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: eligibilityFormSchema }),
  });
  const list = fields.criteria.getFieldList();
  const saving = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  return (
    <Form method="post" className="stack form-page eligibility-form" {...getFormProps(form)}>
      <input type="hidden" name={fields.version.name} value={version} />
      <FormErrors errors={[...(form.errors ?? []), ...(fields.version.errors ?? []), ...(fields.criteria.errors ?? [])]} />
      {locks.rules ? (
        <p className="notice warning" role="status">
          {locks.rules}
        </p>
      ) : null}

      {list.map((field, index) => {
        const parts = field.getFieldset();
        const criterion = criteria[index]!;
        return (
          <fieldset className="rows" key={field.key}>
            <legend>
              <h2>
                Criterion {index + 1}: {criterion.guide.name}
              </h2>
            </legend>
            <input {...getInputProps(parts.id, { type: "hidden" })} />
            {locks.rules ? (
              <>
                {criterion.applies ? <input type="hidden" name={parts.applies.name} value="on" /> : null}
                <p>
                  <span className={criterion.applies ? "badge ok" : "badge off"}>{criterion.applies ? "applies" : "does not apply"}</span>
                </p>
              </>
            ) : (
              <CheckboxField label="This criterion applies in this round" meta={parts.applies} />
            )}
            <TextField label="Name, as the applicants read it" meta={parts.name} />
            <TextAreaField
              label="Guidance for the applicants"
              hint={
                criterion.guidance === criterion.guide.guidance && criterion.name === criterion.guide.name
                  ? "What the criterion asks of them. These are the Guide to applicants' words."
                  : `What the criterion asks of them. The Guide to applicants words it: “${criterion.guide.name}: ${criterion.guide.guidance}”`
              }
              meta={parts.guidance}
            />
          </fieldset>
        );
      })}

      <fieldset className="rows">
        <legend>
          <h2>Joint proposals</h2>
        </legend>
        {locks.rules ? (
          <>
            <input type="hidden" name={fields.minimumCountries.name} value={minimumCountries} />
            <p>
              Confirmed institutions from at least <strong>{minimumCountries}</strong> Western Balkan countries.
            </p>
          </>
        ) : (
          <TextField
            label="Minimum number of countries"
            type="number"
            hint="How many Western Balkan countries the confirmed institutions must come from, the lead's included. Applies when the joint criterion does."
            meta={fields.minimumCountries}
          />
        )}
      </fieldset>

      <fieldset className="rows">
        <legend>
          <h2>Grace period</h2>
        </legend>
        {locks.grace ? (
          <>
            {mode === "deadline" ? <input type="hidden" name={fields.graceHours.name} value={graceHours} /> : null}
            <p>{mode === "deadline" ? (graceHours > 0 ? `${graceHours} ${graceHours === 1 ? "hour" : "hours"} after the deadline${graceEnds ? `, until ${graceEnds}` : ""}.` : "None.") : null}</p>
            <p className="muted">{locks.grace}</p>
          </>
        ) : (
          <TextField
            label="Hours after the deadline in which proposals are still taken"
            type="number"
            hint={`0 for none. A proposal submitted in the grace period is marked late, and its eligibility check asks a person to decide. The deadline is ${deadline ?? "not set"}.`}
            meta={fields.graceHours}
          />
        )}
      </fieldset>

      <p>
        <button type="submit" disabled={saving}>
          {saving ? "Saving…" : "Save the eligibility rules"}
        </button>
      </p>
    </Form>
  );
}
