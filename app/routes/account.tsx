import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { passwordChangedEmail } from "../../emails/templates/password-changed";
import { audit } from "../audit.server";
import { newPasswordSchema, PASSWORD_MIN_LENGTH } from "../auth/password-rules";
import { hashPassword, verifyPassword } from "../auth/password.server";
import { clientIp, endOtherSessions, requireUser } from "../auth/session.server";
import { FormErrors, TextField } from "../components/fields";
import { MembershipList } from "../components/membership";
import { db } from "../db.server";
import { env } from "../env.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction = () => [{ title: "Your account · TAF portal" }];

const schema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).max(200),
    password: newPasswordSchema,
    confirmation: z.string({ error: "Type the new password again." }),
  })
  .refine((v) => v.password === v.confirmation, { path: ["confirmation"], message: "The two new passwords are not the same." });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, memberships: user.memberships };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema });
  const hidden = { hideFields: ["currentPassword", "password", "confirmation"] };
  if (submission.status !== "success") return { result: submission.reply(hidden), changed: false };
  const row = db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
  if (!(await verifyPassword(row?.passwordHash ?? null, submission.value.currentPassword))) {
    return {
      result: submission.reply({ ...hidden, fieldErrors: { currentPassword: ["This is not your current password."] } }),
      changed: false,
    };
  }
  const passwordHash = await hashPassword(submission.value.password);
  db().transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    endOtherSessions(tx, user.id, user.sessionId);
    const changedAt = new Date();
    enqueueEmail(tx, {
      idempotencyKey: `password-changed:${user.id}:${changedAt.getTime()}`,
      to: user.email,
      template: "password-changed",
      ...passwordChangedEmail({ recipientName: user.name, changedAt, appUrl: env().APP_URL }),
    });
    audit({ actorUserId: user.id, action: "passwordChanged", subjectType: "user", subjectId: user.id, ip: clientIp(request) }, tx);
  });
  return { result: submission.reply({ resetForm: true }), changed: true };
}

export default function Account() {
  const { name, email, memberships } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
