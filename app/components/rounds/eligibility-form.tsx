import type { SubmissionResult } from "@conform-to/react";
import type { TFunction } from "i18next";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { Trans } from "../../trans";
import { useTranslation } from "../../translation";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import type { EligibilityFormInput, EligibilityFormValues } from "../../rounds/eligibility-schema";
import { CheckboxField, FormErrors, TextAreaField, TextField } from "../fields";

// A round's eligibility rules: which criteria apply and how the applicants read them, the
// number of countries, the grace period. A setting the server has locked is sent back as it is
// (hidden) and shown in words with the lock's reason, so the form still works without JavaScript.

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
  /** The form schema's constraints and messages (app/forms.server.ts, `browserChecks`). */
  checks: BrowserChecks;
  lastResult?: SubmissionResult<string[]>;
};

/** "2 hours after the deadline, until …", "None.". */
function graceInWords(t: TFunction, graceHours: number, graceEnds: string | null) {
  if (graceHours === 0) return t("roundEligibility.graceNone");
  return graceEnds ? t("roundEligibility.graceUntil", { count: graceHours, end: graceEnds }) : t("roundEligibility.graceHoursAfter", { count: graceHours });
}

export function EligibilityForm({ version, mode, deadline, criteria, minimumCountries, graceHours, graceEnds, locks, checks, lastResult }: EligibilityFormProps) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<EligibilityFormValues>({
    id: "round-eligibility",
    lastResult,
    defaultValue: { version, criteria: criteria.map(({ id, applies, name, guidance }) => ({ id, applies, name, guidance })), minimumCountries, graceHours },
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<EligibilityFormValues>(form, formData, checks),
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
              <h2>{t("roundEligibility.criterion", { number: index + 1, name: criterion.guide.name })}</h2>
            </legend>
            <input {...getInputProps(parts.id, { type: "hidden" })} />
            {locks.rules ? (
              <>
                {criterion.applies ? <input type="hidden" name={parts.applies.name} value="on" /> : null}
                <p>
                  <span className={criterion.applies ? "badge ok" : "badge off"}>{criterion.applies ? t("roundEligibility.applies") : t("roundEligibility.doesNotApply")}</span>
                </p>
              </>
            ) : (
              <CheckboxField label={t("roundEligibility.appliesLabel")} meta={parts.applies} />
            )}
            <TextField label={t("roundEligibility.name")} meta={parts.name} />
            <TextAreaField
              label={t("roundEligibility.guidance")}
              hint={
                criterion.guidance === criterion.guide.guidance && criterion.name === criterion.guide.name
                  ? t("roundEligibility.guidanceHintGuide")
                  : t("roundEligibility.guidanceHintReworded", { name: criterion.guide.name, guidance: criterion.guide.guidance })
              }
              meta={parts.guidance}
            />
          </fieldset>
        );
      })}

      <fieldset className="rows">
        <legend>
          <h2>{t("roundEligibility.joint")}</h2>
        </legend>
        {locks.rules ? (
          <>
            <input type="hidden" name={fields.minimumCountries.name} value={minimumCountries} />
            <p>
              <Trans i18nKey="roundEligibility.jointFixed" count={minimumCountries} components={{ strong: <strong /> }} />
            </p>
          </>
        ) : (
          <TextField
            label={t("roundEligibility.minimumCountries")}
            type="number"
            hint={t("roundEligibility.minimumCountriesHint")}
            meta={fields.minimumCountries}
          />
        )}
      </fieldset>

      <fieldset className="rows">
        <legend>
          <h2>{t("roundEligibility.grace")}</h2>
        </legend>
        {locks.grace ? (
          <>
            {mode === "deadline" ? <input type="hidden" name={fields.graceHours.name} value={graceHours} /> : null}
            <p>{mode === "deadline" ? graceInWords(t, graceHours, graceEnds) : null}</p>
            <p className="muted">{locks.grace}</p>
          </>
        ) : (
          <TextField
            label={t("roundEligibility.graceHours")}
            type="number"
            hint={t("roundEligibility.graceHoursHint", { deadline: deadline ?? t("roundEligibility.notSet") })}
            meta={fields.graceHours}
          />
        )}
      </fieldset>

      <p>
        <button type="submit" disabled={saving}>
          {saving ? t("roundEligibility.saving") : t("roundEligibility.submit")}
        </button>
      </p>
    </Form>
  );
}
