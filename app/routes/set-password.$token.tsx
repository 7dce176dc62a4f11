import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { setPasswordSchema as schema } from "../auth/account-schema";
import { setPasswordWithToken } from "../auth/accounts.server";
import { checkToken, TOKEN_PROBLEMS } from "../auth/tokens.server";
import { FormErrors, TextField } from "../components/fields";
import { checkInBrowser } from "../form-checks";
import type { z } from "../zod";
import { browserChecks, readForm } from "../forms.server";
import { translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = await translatorOf(request);
  const title = t("layout.pageTitle", { page: t("setPassword.pageTitle") });
  const check = checkToken(params.token ?? "");
  const checks = browserChecks(schema);
  if (!check.ok) return { ok: false as const, title, checks, problem: t(TOKEN_PROBLEMS[check.problem]) };
  return { ok: true as const, title, checks, name: check.user.name, email: check.user.email, invitation: check.purpose === "invitation" };
}

// The passwords typed are never sent back to the page, whatever the answer.
const hidden = { hideFields: ["password", "confirmation"] };

export async function action({ request, params }: ActionFunctionArgs) {
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return { result: translateReply(submission.reply(hidden), t) };
  }
  const outcome = await setPasswordWithToken(params.token ?? "", submission.value.password, request);
  if (!outcome.ok) return { result: translateReply(submission.reply({ ...hidden, formErrors: [outcome.message] }), t) };
  throw redirect("/login?notice=password-set");
}

export default function SetPassword() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { checks } = data;
  const [form, fields] = useForm({
    id: "set-password",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof schema>>(form, formData, checks),
  });
  if (!data.ok) {
    return (
      <div className="narrow">
        <h1>{t("setPassword.linkBrokenTitle")}</h1>
        <p className="notice error" role="alert">
          {data.problem}
        </p>
        <p>
          <Trans
            i18nKey="setPassword.linkBrokenNext"
            components={{ newLink: <Link to="/forgot-password" />, signIn: <Link to="/login" /> }}
          />
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{data.invitation ? t("setPassword.welcomeTitle") : t("setPassword.resetTitle")}</h1>
      <p>
        <Trans
          i18nKey={data.invitation ? "setPassword.invitationIntro" : "setPassword.resetIntro"}
          values={{ name: data.name, email: data.email }}
          components={{ strong: <strong /> }}
        />
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="email" name="username" value={data.email} autoComplete="username" readOnly hidden />
        <TextField label={t("setPassword.password")} hint={t("setPassword.passwordHint")} type="password" autoComplete="new-password" meta={fields.password} />
        <TextField label={t("setPassword.confirmation")} type="password" autoComplete="new-password" meta={fields.confirmation} />
        <button type="submit">{t("setPassword.submit")}</button>
      </Form>
    </div>
  );
}
