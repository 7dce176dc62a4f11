import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { passwordResetRequestSchema as schema } from "../auth/account-schema";
import { requestPasswordReset } from "../auth/accounts.server";
import { FormErrors, TextField } from "../components/fields";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? · TAF portal" }];

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return { result: submission.reply(), sent: false };
  const { email } = submission.value;
  const outcome = requestPasswordReset(email, request);
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.message] }), sent: false };
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
