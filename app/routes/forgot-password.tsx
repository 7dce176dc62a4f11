import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { passwordResetEmail } from "../../emails/templates/password-reset";
import { audit } from "../audit.server";
import { isRateLimited, limitsFor, RATE_LIMITED_MESSAGE, recordAttempt } from "../auth/rate-limit.server";
import { clientIp } from "../auth/session.server";
import { issueToken } from "../auth/tokens.server";
import { FormErrors, TextField } from "../components/fields";
import { db } from "../db.server";
import { env } from "../env.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · TAF portal" }];

const schema = z.object({
  email: z.email({ error: "Enter your e-mail address, like name@police.gov.rs." }).max(254).transform((e) => e.toLowerCase()),
});

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return { result: submission.reply(), sent: false };
  const { email } = submission.value;
  const ip = clientIp(request);
  // Every request counts here, not only failures: each one may send an e-mail.
  const limits = limitsFor({ action: "reset", email, ip });
  if (isRateLimited(limits)) {
    return { result: submission.reply({ formErrors: [RATE_LIMITED_MESSAGE] }), sent: false };
  }
  recordAttempt(limits);
  const user = db()
    .select()
    .from(users)
    .where(and(eq(users.email, email), eq(users.active, true)))
    .get();
  if (user) {
    db().transaction((tx) => {
      const { tokenId, secret, expiresAt } = issueToken(tx, user.id, "passwordReset");
      enqueueEmail(tx, {
        idempotencyKey: `password-reset:${tokenId}`,
        to: user.email,
        template: "password-reset",
        ...passwordResetEmail({ appUrl: env().APP_URL, recipientName: user.name, resetUrl: `${env().APP_URL}/set-password/${secret}`, expiresAt }),
      });
      audit({ actorUserId: user.id, action: "passwordResetRequested", subjectType: "user", subjectId: user.id, ip }, tx);
    });
  }
  // The same answer whether or not the address has an account: the page reveals nothing.
  return { result: submission.reply({ resetForm: true }), sent: true, email };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <div className="narrow">
      <h1>Forgot your password?</h1>
      {actionData?.sent ? (
        <div className="notice success" role="status">
          <p>
            If <strong>{actionData.email}</strong> has an account on the portal, we have sent it a link to choose a
            new password. The link works once and for 72 hours.
          </p>
          <p>No e-mail after a few minutes? Check your spam folder, or ask the TAF team.</p>
        </div>
      ) : (
        <p>Enter the e-mail address you sign in with. We will send you a link to choose a new password.</p>
      )}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label="E-mail address" type="email" autoComplete="email" meta={fields.email} />
        <div className="actions">
          <button type="submit">Send me a link</button>
          <Link to="/login">Back to sign in</Link>
        </div>
      </Form>
    </div>
  );
}
