import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { FormErrors, TextField } from "../components/fields";
import { RoleFields } from "../components/person";
import { inviteSchema } from "../people/person-schema";
import { institutionChoices, listCountries } from "../institutions/institutions.server";
import { invitePerson } from "../people/people.server";
import { requirePermission } from "../permissions.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Invite a person · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "managePeople");
  return { institutions: institutionChoices(), countries: listCountries() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "managePeople");
  const submission = parseWithZod(await readForm(request), { schema: inviteSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = invitePerson(admin, submission.value, clientIp(request));
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) };
  throw redirect(`/admin/people/${outcome.userId}?notice=invited`);
}

export default function InvitePerson() {
  const { institutions, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite-person",
    lastResult: actionData?.result,
    constraint: getZodConstraint(inviteSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteSchema }),
  });
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/people">← People</Link>
      </p>
      <h1>Invite a person</h1>
      <p>
        The person receives an e-mail with a link to choose their password. The link works once and for 72 hours; you
        can send a new one from their page.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label="Full name" autoComplete="off" meta={fields.name} />
        <TextField label="E-mail address" type="email" autoComplete="off" hint="Their work address: the invitation goes there." meta={fields.email} />
        <TextField label="Job title (optional)" hint="e.g. “Chief inspector, Anti-Drug Unit”." meta={fields.jobTitle} />
        <RoleFields fields={fields} institutions={institutions} countries={countries} />
        <div className="actions">
          <button type="submit">Send the invitation</button>
          <Link to="/admin/people">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}
