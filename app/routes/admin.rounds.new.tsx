import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { DEFAULT_CRITERIA, DEFAULT_ELIGIBILITY, defaultWording } from "../../workflows/eligibility";
import { clientIp } from "../auth/session.server";
import { ChoiceField } from "../components/choices";
import { FormErrors } from "../components/fields";
import { RoundFields } from "../components/rounds/round-form";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import { translateReply, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { addRound } from "../rounds/manage.server";
import type { NewRoundForm } from "../rounds/round-schema";
import { newRoundDefaults, newRoundSchema } from "../rounds/round-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("roundsPage.add") }), checks: browserChecks(newRoundSchema), defaults: newRoundDefaults() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: newRoundSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = addRound(admin, submission.value, t, clientIp(request));
  if (!outcome.ok) return { result: translateReply(submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }), t) };
  throw redirect(`/admin/rounds/${outcome.roundId}?notice=created`);
}

export default function NewRound() {
  const { t } = useTranslation();
  const { checks, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<NewRoundForm>({
    id: "new-round",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // A corrected field clears its error at once, so the button does not move under the pointer.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<NewRoundForm>(form, formData, checks),
    defaultValue: defaults,
  });
  return (
    <div className="form-page">
      <p>
        <Link to="/admin/rounds">← {t("roundsPage.title")}</Link>
      </p>
      <h1>{t("roundsPage.add")}</h1>
      <p>{t("roundNew.intro")}</p>
      <Form method="post" className="stack round-form" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <RoundFields fields={fields} />

        <ChoiceField
          type="checkbox"
          label={t("roundPage.settings.criteria")}
          hint={t("roundNew.criteriaHint")}
          meta={fields.criteria}
          options={DEFAULT_CRITERIA.map((id) => ({ value: id, label: defaultWording(id, DEFAULT_ELIGIBILITY.minimumCountries, t).name }))}
        />

        <div className="actions">
          <button type="submit">{t("roundNew.submit")}</button>
          <Link to="/admin/rounds">{t("roundForm.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
