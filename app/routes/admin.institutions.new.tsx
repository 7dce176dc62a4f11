import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { FormErrors } from "../components/fields";
import { InstitutionFields } from "../components/institution";
import { institutionSchema } from "../institutions/institution-schema";
import { createInstitution, listCountries } from "../institutions/institutions.server";
import { requirePermission } from "../permissions.server";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import type { z } from "../zod";
import { translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manageInstitutions");
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("newInstitution.title") }), countries: listCountries(), checks: browserChecks(institutionSchema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageInstitutions");
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: institutionSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = createInstitution(admin, submission.value, clientIp(request));
  if (!outcome.ok) return { result: translateReply(submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }), t) };
  throw redirect(`/admin/institutions/${outcome.institutionId}?notice=created`);
}

export default function NewInstitution() {
  const { t } = useTranslation();
  const { countries, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-institution",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof institutionSchema>>(form, formData, checks),
    defaultValue: { active: true },
  });
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/institutions">{t("institutionPage.back")}</Link>
      </p>
      <h1>{t("newInstitution.title")}</h1>
      <p>{t("newInstitution.intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <InstitutionFields fields={fields} countries={countries} />
        <div className="actions">
          <button type="submit">{t("newInstitution.submit")}</button>
          <Link to="/admin/institutions">{t("personForms.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
