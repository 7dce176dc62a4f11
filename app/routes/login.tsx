import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { audit } from "../audit.server";
import { spendVerificationTime, verifyPassword } from "../auth/password.server";
import { clearAttempts, isRateLimited, limitsFor, RATE_LIMITED_MESSAGE, recordAttempt } from "../auth/rate-limit.server";
import { safeRedirect } from "../auth/redirect";
import { clientIp, getSessionUser, startSession } from "../auth/session.server";
import { FormErrors, TextField } from "../components/fields";
import { db } from "../db.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Sign in · TAF portal" }];

const schema = z.object({
  email: z.email({ error: "Enter your e-mail address, like name@police.gov.rs." }).max(254).transform((e) => e.toLowerCase()),
  password: z.string({ error: "Enter your password." }).max(200, "Enter your password."),
  redirectTo: z.string().optional(),
});

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
  const ip = clientIp(request);
  const limits = limitsFor({ action: "signin", email, ip });
  if (isRateLimited(limits)) {
    return { result: submission.reply({ formErrors: [RATE_LIMITED_MESSAGE], hideFields: ["password"] }) };
  }
  const user = db().select().from(users).where(eq(users.email, email)).get();
  const valid = user?.active ? await verifyPassword(user.passwordHash, password) : (await spendVerificationTime(password), false);
  if (!user || !valid) {
    recordAttempt(limits);
    audit({ actorUserId: null, action: "signInFailed", detail: { email }, ip });
    return {
      result: submission.reply({
        formErrors: ["The e-mail address or the password is not right. Check both and try again."],
        hideFields: ["password"],
      }),
    };
  }
  clearAttempts(limits[0]!);
  audit({ actorUserId: user.id, action: "signIn", subjectType: "user", subjectId: user.id, ip });
  throw redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await startSession(user.id, request) } });
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
    </div>
  );
}
