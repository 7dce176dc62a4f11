import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "../../translation";
import type { CountryChoice, InstitutionChoice } from "../../institutions/institution-schema";
import type { personPage } from "../../people/person-page.server";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import type { deactivatePersonSchema, editPersonSchema } from "../../people/person-schema";
import type { z } from "../../zod";
import { CheckboxField, FormErrors, TextField } from "../fields";
import { RoleFields } from "../person";

// The forms of a person's page: send the invitation again, change their details, and deactivate
// or reactivate the account. Each shows the server's answer only when it was the form sent.

type Person = ReturnType<typeof personPage>["person"];
type Result = SubmissionResult<string[]> | undefined;

export function ResendInvitationSection({ name, lastResult }: { name: string; lastResult: Result }) {
  const { t } = useTranslation();
  const [resendForm] = useForm({ id: "resend-invitation", lastResult });
  return (
    <section aria-labelledby="invitation-heading" className="narrow">
      <h2 id="invitation-heading">{t("personForms.resend.heading")}</h2>
      <p>{t("personForms.resend.intro", { name })}</p>
      <Form method="post" {...getFormProps(resendForm)}>
        <FormErrors errors={resendForm.errors} />
        <input type="hidden" name="intent" value="resendInvitation" />
        <button type="submit">{t("personForms.resend.submit")}</button>
      </Form>
    </section>
  );
}

export function EditPersonSection({
  person,
  institutions,
  countries,
  checks,
  lastResult,
}: {
  person: Person;
  institutions: InstitutionChoice[];
  countries: CountryChoice[];
  /** The edit form schema's constraints and messages (app/forms.server.ts, `browserChecks`). */
  checks: BrowserChecks;
  lastResult: Result;
}) {
  const { t } = useTranslation();
  const firstRole = person.memberships[0];
  const otherRoles = person.roles.slice(1);
  const [editForm, editFields] = useForm({
    id: "edit-person",
    lastResult,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof editPersonSchema>>(form, formData, checks),
    defaultValue: {
      name: person.name,
      jobTitle: person.jobTitle ?? "",
      role: firstRole?.role ?? "",
      institutionId: firstRole?.institutionId ? String(firstRole.institutionId) : "",
      countryCode: firstRole?.role === "countryAdvisor" ? (firstRole.countryCode ?? "") : "",
      affiliation: firstRole?.affiliation ?? "",
    },
  });
  return (
    <section aria-labelledby="edit-heading" className="narrow">
      <h2 id="edit-heading">{t("personForms.edit.heading")}</h2>
      {otherRoles.length ? (
        <p className="notice">{t("personForms.edit.firstRoleOnly")}</p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(editForm)}>
        <FormErrors errors={editForm.errors} />
        <input type="hidden" name="intent" value="update" />
        <TextField label={t("personForms.field.name")} autoComplete="off" meta={editFields.name} />
        <TextField label={t("personForms.field.jobTitle")} meta={editFields.jobTitle} />
        <RoleFields fields={editFields} institutions={institutions} countries={countries} />
        <p className="muted">{t("personForms.edit.emailFixed")}</p>
        <button type="submit">{t("personForms.edit.submit")}</button>
      </Form>
    </section>
  );
}

export function AccountAccessSection({
  person,
  isSelf,
  checks,
  deactivateResult,
  reactivateResult,
}: {
  person: Person;
  isSelf: boolean;
  /** The deactivation's confirmation: its schema's constraint and message. */
  checks: BrowserChecks;
  deactivateResult: Result;
  reactivateResult: Result;
}) {
  const { t } = useTranslation();
  const [deactivateForm, deactivateFields] = useForm({
    id: "deactivate-person",
    lastResult: deactivateResult,
    constraint: checks.constraint,
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof deactivatePersonSchema>>(form, formData, checks),
  });
  const [reactivateForm] = useForm({ id: "reactivate-person", lastResult: reactivateResult });
  return (
    <section aria-labelledby="access-heading" className="narrow">
      <h2 id="access-heading">{person.status === "deactivated" ? t("personForms.access.reactivateHeading") : t("personForms.access.deactivateHeading")}</h2>
      {person.status === "deactivated" ? (
        <Form method="post" className="stack" {...getFormProps(reactivateForm)}>
          <FormErrors errors={reactivateForm.errors} />
          <p>{t("personForms.access.reactivateIntro", { name: person.name })}</p>
          <input type="hidden" name="intent" value="reactivate" />
          <button type="submit">{t("personForms.access.reactivate")}</button>
        </Form>
      ) : isSelf ? (
        <p className="notice">{t("personForms.access.notYourself")}</p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(deactivateForm)}>
          <FormErrors errors={deactivateForm.errors} />
          <p>{t("personForms.access.deactivateIntro")}</p>
          <input type="hidden" name="intent" value="deactivate" />
          <CheckboxField label={t("personForms.access.confirm")} meta={deactivateFields.confirm} />
          <button type="submit" className="danger">
            {t("personForms.access.deactivate")}
          </button>
        </Form>
      )}
    </section>
  );
}
