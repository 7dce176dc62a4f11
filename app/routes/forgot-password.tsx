import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { passwordResetRequestSchema as schema } from "../auth/account-schema";
import { requestPasswordReset } from "../auth/accounts.server";
import { TOKEN_LIFETIME_MS } from "../auth/tokens.server";
import { FormErrors, TextField } from "../components/fields";
import { checkInBrowser } from "../form-checks";
import type { z } from "../zod";
import { browserChecks, readForm } from "../forms.server";
import { requestLanguage, translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("forgotPassword.title") }), checks: browserChecks(schema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t), sent: false };
  const { email } = submission.value;
  const outcome = requestPasswordReset(email, request, await requestLanguage(request));
  if (!outcome.ok) return { result: translateReply(submission.reply({ formErrors: [outcome.message] }), t), sent: false };
  // The same answer whether or not the address has an account: the page reveals nothing.
  return { result: submission.reply({ resetForm: true }), sent: true, email, hours: TOKEN_LIFETIME_MS / 3_600_000 };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const { checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof schema>>(form, formData, checks),
  });
  return (
    <div className="narrow">
      <h1>{t("forgotPassword.title")}</h1>
      {actionData?.sent ? (
        <div className="notice success" role="status">
          <p>
            <Trans i18nKey="forgotPassword.sent" values={{ email: actionData.email }} components={{ strong: <strong /> }} />{" "}
            {t("forgotPassword.linkValidity", { count: actionData.hours })}
          </p>
          <p>{t("forgotPassword.noMail")}</p>
        </div>
      ) : (
        <p>{t("forgotPassword.intro")}</p>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label={t("forgotPassword.email")} type="email" autoComplete="email" meta={fields.email} />
        <div className="actions">
          <button type="submit">{t("forgotPassword.submit")}</button>
          <Link to="/login">{t("forgotPassword.backToSignIn")}</Link>
        </div>
      </Form>
    </div>
  );
}
