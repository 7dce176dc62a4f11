import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { changePasswordSchema as schema } from "../auth/account-schema";
import { changePassword } from "../auth/accounts.server";
import { PASSWORD_MIN_LENGTH } from "../auth/password-rules";
import { requireUser } from "../auth/session.server";
import { FormErrors, TextField } from "../components/fields";
import { MembershipList } from "../components/membership";
import { readForm } from "../forms.server";
import { translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction = () => [{ title: "Your account · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, memberships: user.memberships };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema });
  const hidden = { hideFields: ["currentPassword", "password", "confirmation"] };
  if (submission.status !== "success") return { result: submission.reply(hidden), changed: false };
  const { currentPassword, password } = submission.value;
  const outcome = await changePassword(user, { currentPassword, password }, request);
  if (!outcome.ok) {
    return {
      result: translateReply(submission.reply({ ...hidden, fieldErrors: { currentPassword: [outcome.currentPassword] } }), await translatorOf(request)),
      changed: false,
    };
  }
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export default function Account() {
  const { name, email, memberships } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "change-password",
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <>
      <h1>Your account</h1>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{name}</dd>
        <dt>E-mail address</dt>
        <dd>{email}</dd>
        <dt>Roles</dt>
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
        <h2>Change your password</h2>
        {actionData?.changed ? (
          <p className="notice success" role="status">
            Your password is changed. You stay signed in here; every other place you were signed in has been
            signed out.
          </p>
        ) : null}
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
          <TextField label="Current password" type="password" autoComplete="current-password" meta={fields.currentPassword} />
          <TextField
            label="New password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            type="password"
            autoComplete="new-password"
            meta={fields.password}
          />
          <TextField label="Type the new password again" type="password" autoComplete="new-password" meta={fields.confirmation} />
          <button type="submit">Change password</button>
        </Form>
      </div>
    </>
  );
}
