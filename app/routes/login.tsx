import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { signInSchema as schema } from "../auth/account-schema";
import { signIn } from "../auth/accounts.server";
import { safeRedirect } from "../auth/redirect";
import { getSessionUser } from "../auth/session.server";
import { FormErrors, TextField } from "../components/fields";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Sign in · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return { result: submission.reply({ hideFields: ["password"] }) };
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await signIn({ email, password }, request);
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.message], hideFields: ["password"] }) };
  throw redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": outcome.cookie } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "login",
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const notice = searchParams.get("notice");
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {notice === "password-set" ? (
        <p className="notice success" role="status">
          Your password is set. Sign in with your e-mail address and the new password.
        </p>
      ) : notice === "signed-out" ? (
        <p className="notice" role="status">
          You are signed out.
        </p>
      ) : null}
      <p>
        The TAF portal is for staff of partner institutions, reviewers and the TAF team. Accounts are by
        invitation.
      </p>
      {/* A full page load: signing in changes everything the page shows. */}
      <Form method="post" className="stack" reloadDocument {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label="E-mail address" type="email" autoComplete="username" meta={fields.email} />
        <TextField label="Password" type="password" autoComplete="current-password" meta={fields.password} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <div className="actions">
          <button type="submit">Sign in</button>
          <Link to="/forgot-password">Forgot your password?</Link>
        </div>
      </Form>
      <p className="muted">
        <Link to="/privacy">What the portal keeps about you, and why</Link>
      </p>
    </div>
  );
}
