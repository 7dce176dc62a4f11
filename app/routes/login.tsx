import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../translation";
import { signInSchema as schema } from "../auth/account-schema";
import { signIn } from "../auth/accounts.server";
import { safeRedirect } from "../auth/redirect";
import { getSessionUser } from "../auth/session.server";
import { FormErrors, TextField } from "../components/fields";
import { checkInBrowser } from "../form-checks";
import type { z } from "../zod";
import { browserChecks, readForm } from "../forms.server";
import { chosenLanguage, languageCookieHeader, translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("login.title") }), checks: browserChecks(schema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return { result: translateReply(submission.reply({ hideFields: ["password"] }), t) };
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await signIn({ email, password, language: await chosenLanguage(request) }, request);
  if (!outcome.ok) return { result: translateReply(submission.reply({ formErrors: [outcome.message], hideFields: ["password"] }), t) };
  // The account's language follows the person to this browser.
  const headers = new Headers({ "Set-Cookie": outcome.cookie });
  if (outcome.language) headers.append("Set-Cookie", await languageCookieHeader(outcome.language));
  if (outcome.secondStep) throw redirect(`/login/second-factor?redirectTo=${encodeURIComponent(safeRedirect(redirectTo))}`, { headers });
  throw redirect(safeRedirect(redirectTo), { headers });
}

export default function Login() {
  const { t } = useTranslation();
  const { checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof schema>>(form, formData, checks),
  });
  const notice = searchParams.get("notice");
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      {notice === "password-set" ? (
        <p className="notice success" role="status">
          {t("login.passwordSet")}
        </p>
      ) : notice === "second-step-expired" ? (
        <p className="notice" role="status">
          {t("login.secondStepExpired")}
        </p>
      ) : notice === "signed-out" ? (
        <p className="notice" role="status">
          {t("login.signedOut")}
        </p>
      ) : null}
      <p>{t("login.intro")}</p>
      {/* A full page load: signing in changes everything the page shows. */}
      <Form method="post" className="stack" reloadDocument {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label={t("login.email")} type="email" autoComplete="username" meta={fields.email} />
        <TextField label={t("login.password")} type="password" autoComplete="current-password" meta={fields.password} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <div className="actions">
          <button type="submit">{t("login.submit")}</button>
          <Link to="/forgot-password">{t("login.forgotPassword")}</Link>
        </div>
      </Form>
      <p className="muted">
        <Link to="/privacy">{t("login.privacy")}</Link>
      </p>
    </div>
  );
}
