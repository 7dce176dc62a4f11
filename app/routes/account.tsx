import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { changePasswordSchema as schema } from "../auth/account-schema";
import { changePassword } from "../auth/accounts.server";
import { requireUser } from "../auth/session.server";
import { FormErrors, TextField } from "../components/fields";
import { MembershipList } from "../components/membership";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import type { z } from "../zod";
import { translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("accountPage.title") }), name: user.name, email: user.email, memberships: user.memberships, checks: browserChecks(schema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema });
  const hidden = { hideFields: ["currentPassword", "password", "confirmation"] };
  if (submission.status !== "success") return { result: translateReply(submission.reply(hidden), t), changed: false };
  const { currentPassword, password } = submission.value;
  const outcome = await changePassword(user, { currentPassword, password }, request);
  if (!outcome.ok) {
    return {
      result: translateReply(submission.reply({ ...hidden, fieldErrors: { currentPassword: [outcome.currentPassword] } }), t),
      changed: false,
    };
  }
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export default function Account() {
  const { t } = useTranslation();
  const { name, email, memberships, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof schema>>(form, formData, checks),
  });
  return (
    <>
      <h1>{t("accountPage.title")}</h1>
      <dl className="facts">
        <dt>{t("accountPage.name")}</dt>
        <dd>{name}</dd>
        <dt>{t("accountPage.email")}</dt>
        <dd>{email}</dd>
        <dt>{t("accountPage.roles")}</dt>
        <dd>
          <MembershipList memberships={memberships} />
        </dd>
      </dl>
      <section className="narrow" aria-labelledby="second-factor-heading">
        <h2 id="second-factor-heading">{t("account.secondFactorHeading")}</h2>
        <p>{t("account.secondFactorIntro")}</p>
        <p>
          <Link to="/account/two-factor">{t("account.secondFactorLink")}</Link>
        </p>
      </section>
      <div className="narrow">
        <h2>{t("accountPage.changePassword")}</h2>
        {actionData?.changed ? (
          <p className="notice success" role="status">
            {t("accountPage.changed")}
          </p>
        ) : null}
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
          <TextField label={t("accountPage.currentPassword")} type="password" autoComplete="current-password" meta={fields.currentPassword} />
          <TextField label={t("accountPage.newPassword")} hint={t("accountPage.newPasswordHint")} type="password" autoComplete="new-password" meta={fields.password} />
          <TextField label={t("accountPage.confirmation")} type="password" autoComplete="new-password" meta={fields.confirmation} />
          <button type="submit">{t("accountPage.submit")}</button>
        </Form>
      </div>
    </>
  );
}
