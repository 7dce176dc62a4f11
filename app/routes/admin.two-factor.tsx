import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { secondFactorRequirementsSchema as schema } from "../auth/two-factor-schema";
import { secondFactorRequirements, setSecondFactorRequirements } from "../auth/two-factor.server";
import { CheckboxField, FormErrors } from "../components/fields";
import { readForm } from "../forms.server";
import { translateReply, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";

// Which roles must sign in with a second factor. Each change is in the audit log.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "managePeople");
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("secondFactorRules.title") }), required: secondFactorRequirements() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "managePeople");
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  setSecondFactorRequirements(admin, submission.value, clientIp(request));
  throw redirect("/admin/two-factor?notice=saved");
}

export default function SecondFactorRules() {
  const { t } = useTranslation();
  const { required } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "second-factor-rules",
    lastResult: actionData?.result,
    defaultValue: { administrator: required.administrator ? "on" : undefined, reviewer: required.reviewer ? "on" : undefined },
  });
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/people">{t("secondFactorRules.backToPeople")}</Link>
      </p>
      <h1>{t("secondFactorRules.title")}</h1>
      {searchParams.get("notice") === "saved" ? (
        <p className="notice success" role="status">
          {t("secondFactorRules.saved")}
        </p>
      ) : null}
      <p>{t("secondFactorRules.intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <fieldset className="stack">
          <legend>{t("secondFactorRules.legend")}</legend>
          <CheckboxField label={t("secondFactorRules.administrators")} meta={fields.administrator} />
          <CheckboxField label={t("secondFactorRules.reviewers")} meta={fields.reviewer} />
        </fieldset>
        <p className="muted">{t("secondFactorRules.effect")}</p>
        <button type="submit">{t("secondFactorRules.save")}</button>
      </Form>
    </div>
  );
}
