import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { CountryChoice, InstitutionChoice } from "../../institutions/institution-schema";
import type { personPage } from "../../people/person-page.server";
import { deactivatePersonSchema, editPersonSchema } from "../../people/person-schema";
import { CheckboxField, FormErrors, TextField } from "../fields";
import { RoleFields } from "../person";

// The forms of a person's page: send the invitation again, change their details, and deactivate
// or reactivate the account. Each shows the server's answer only when it was the form sent.

type Person = ReturnType<typeof personPage>["person"];
type Result = SubmissionResult<string[]> | undefined;

export function ResendInvitationSection({ name, lastResult }: { name: string; lastResult: Result }) {
  const [resendForm] = useForm({ id: "resend-invitation", lastResult });
  return (
    <section aria-labelledby="invitation-heading" className="narrow">
      <h2 id="invitation-heading">Invitation</h2>
      <p>
        {name} has not chosen a password yet. If the e-mail did not arrive or the link has expired, send a new
        one: the earlier links stop working.
      </p>
      <Form method="post" {...getFormProps(resendForm)}>
        <FormErrors errors={resendForm.errors} />
        <input type="hidden" name="intent" value="resendInvitation" />
        <button type="submit">Send a new invitation</button>
      </Form>
    </section>
  );
}

export function EditPersonSection({
  person,
  institutions,
  countries,
  lastResult,
}: {
  person: Person;
  institutions: InstitutionChoice[];
  countries: CountryChoice[];
  lastResult: Result;
}) {
  const firstRole = person.memberships[0];
  const otherRoles = person.roles.slice(1);
  const [editForm, editFields] = useForm({
    id: "edit-person",
    lastResult,
    constraint: getZodConstraint(editPersonSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editPersonSchema }),
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
      <h2 id="edit-heading">Change their details</h2>
      {otherRoles.length ? (
        <p className="notice">
          This form changes their first role only. Their other roles stay as they are.
        </p>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(editForm)}>
        <FormErrors errors={editForm.errors} />
        <input type="hidden" name="intent" value="update" />
        <TextField label="Full name" autoComplete="off" meta={editFields.name} />
        <TextField label="Job title (optional)" meta={editFields.jobTitle} />
        <RoleFields fields={editFields} institutions={institutions} countries={countries} />
        <p className="muted">The e-mail address cannot be changed here: it is how the person signs in.</p>
        <button type="submit">Save changes</button>
      </Form>
    </section>
  );
}

export function AccountAccessSection({
  person,
  isSelf,
  deactivateResult,
  reactivateResult,
}: {
  person: Person;
  isSelf: boolean;
  deactivateResult: Result;
  reactivateResult: Result;
}) {
  const [deactivateForm, deactivateFields] = useForm({
    id: "deactivate-person",
    lastResult: deactivateResult,
    constraint: getZodConstraint(deactivatePersonSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: deactivatePersonSchema }),
  });
  const [reactivateForm] = useForm({ id: "reactivate-person", lastResult: reactivateResult });
  return (
    <section aria-labelledby="access-heading" className="narrow">
      <h2 id="access-heading">{person.status === "deactivated" ? "Reactivate the account" : "Deactivate the account"}</h2>
      {person.status === "deactivated" ? (
        <Form method="post" className="stack" {...getFormProps(reactivateForm)}>
          <FormErrors errors={reactivateForm.errors} />
          <p>
            {person.name} cannot sign in. Reactivating lets them sign in again with their password; if they never
            chose one, send them a new invitation afterwards.
          </p>
          <input type="hidden" name="intent" value="reactivate" />
          <button type="submit">Reactivate this account</button>
        </Form>
      ) : isSelf ? (
        <p className="notice">
          You cannot deactivate your own account: the portal would have no one to undo it. Another administrator can
          do it.
        </p>
      ) : (
        <Form method="post" className="stack" {...getFormProps(deactivateForm)}>
          <FormErrors errors={deactivateForm.errors} />
          <p>
            A deactivated person can no longer sign in, and every link e-mailed to them stops working. Their history is
            kept, and you can reactivate the account later.
          </p>
          <input type="hidden" name="intent" value="deactivate" />
          <CheckboxField label="I understand this signs them out everywhere, at once" meta={deactivateFields.confirm} />
          <button type="submit" className="danger">
            Deactivate this account
          </button>
        </Form>
      )}
    </section>
  );
}
