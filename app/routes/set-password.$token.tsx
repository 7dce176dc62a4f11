import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { setPasswordSchema as schema } from "../auth/account-schema";
import { setPasswordWithToken } from "../auth/accounts.server";
import { PASSWORD_MIN_LENGTH } from "../auth/password-rules";
import { checkToken, TOKEN_PROBLEMS } from "../auth/tokens.server";
import { FormErrors, TextField } from "../components/fields";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Choose your password · TAF portal" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const check = checkToken(params.token ?? "");
  if (!check.ok) return { ok: false as const, problem: TOKEN_PROBLEMS[check.problem] };
  return { ok: true as const, name: check.user.name, email: check.user.email, invitation: check.purpose === "invitation" };
}

// The passwords typed are never sent back to the page, whatever the answer.
const hidden = { hideFields: ["password", "confirmation"] };

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") {
    return { result: submission.reply(hidden) };
  }
  const outcome = await setPasswordWithToken(params.token ?? "", submission.value.password, request);
  if (!outcome.ok) return { result: submission.reply({ ...hidden, formErrors: [outcome.message] }) };
  throw redirect("/login?notice=password-set");
}

export default function SetPassword() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "set-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  if (!data.ok) {
    return (
      <div className="narrow">
        <h1>This link does not work</h1>
        <p className="notice error" role="alert">
          {data.problem}
        </p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link> or <Link to="/login">sign in</Link>.
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{data.invitation ? "Welcome to the TAF portal" : "Choose a new password"}</h1>
      <p>
        {data.invitation ? `${data.name}, choose` : "Choose"} a password for <strong>{data.email}</strong>. You will
        then sign in with it.
      </p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <input type="email" name="username" value={data.email} autoComplete="username" readOnly hidden />
        <TextField
          label="New password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A short sentence is easy to remember and hard to guess.`}
          type="password"
          autoComplete="new-password"
          meta={fields.password}
        />
        <TextField label="Type the new password again" type="password" autoComplete="new-password" meta={fields.confirmation} />
        <button type="submit">Save password</button>
      </Form>
    </div>
  );
}
