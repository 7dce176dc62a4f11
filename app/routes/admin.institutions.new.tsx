import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { FormErrors } from "../components/fields";
import { InstitutionFields } from "../components/institution";
import { institutionSchema } from "../institutions/institution-schema";
import { createInstitution, listCountries } from "../institutions/institutions.server";
import { requirePermission } from "../permissions.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Add an institution · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manageInstitutions");
  return { countries: listCountries() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageInstitutions");
  const submission = parseWithZod(await readForm(request), { schema: institutionSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = createInstitution(admin, submission.value, clientIp(request));
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }) };
  throw redirect(`/admin/institutions/${outcome.institutionId}?notice=created`);
}

export default function NewInstitution() {
  const { countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-institution",
    lastResult: actionData?.result,
    constraint: getZodConstraint(institutionSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: institutionSchema }),
    defaultValue: { active: true },
  });
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/institutions">← Institutions</Link>
      </p>
      <h1>Add an institution</h1>
      <p>Applicants are invited as staff of an institution in this directory.</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <InstitutionFields fields={fields} countries={countries} />
        <div className="actions">
          <button type="submit">Add the institution</button>
          <Link to="/admin/institutions">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}
