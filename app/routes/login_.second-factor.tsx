import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "../translation";
import { safeRedirect } from "../auth/redirect";
import { getSessionUser } from "../auth/session.server";
import { completeSecondStepWithPasskey, hasPasskey, passkeySignInOptions } from "../auth/passkeys.server";
import { passkeySignInSchema, secondFactorCodeSchema as schema } from "../auth/two-factor-schema";
import { completeSecondStep, pendingChallenge, SECOND_STEP_EXPIRED } from "../auth/two-factor.server";
import { FormErrors, TextField } from "../components/fields";
import { PasskeySignIn } from "../components/passkey-sign-in";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import type { z } from "../zod";
import { translateReply, translatorOf } from "../i18n.server";

// The second step of signing in: the password was right, a code from the app (or a recovery
// code) is still owed. Nothing is signed in until it is given.

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const EXPIRED_REDIRECT = "/login?notice=second-step-expired";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSessionUser(request)) throw redirect("/");
  const pending = await pendingChallenge(request);
  if (!pending) throw redirect(EXPIRED_REDIRECT);
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("secondStep.title") }), hasPasskey: hasPasskey(pending.userId), checks: browserChecks(schema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const t = await translatorOf(request);
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "passkeyOptions") {
    const passkeyOptions = await passkeySignInOptions(request);
    if (!passkeyOptions) throw redirect(EXPIRED_REDIRECT);
    return { passkeyOptions };
  }
  if (intent === "passkey") return signInWithPasskey(request, formData, t);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return { result: translateReply(submission.reply({ hideFields: ["code"] }), t) };
  const outcome = await completeSecondStep(request, submission.value.code);
  if (!outcome.ok && outcome.message === SECOND_STEP_EXPIRED) throw redirect(EXPIRED_REDIRECT);
  if (!outcome.ok) return { result: translateReply(submission.reply({ formErrors: [outcome.message], hideFields: ["code"] }), t) };
  const headers = new Headers();
  for (const cookie of outcome.cookies) headers.append("Set-Cookie", cookie);
  throw redirect(safeRedirect(submission.value.redirectTo), { headers });
}

async function signInWithPasskey(request: Request, formData: FormData, t: TFunction) {
  const submission = parseWithZod(formData, { schema: passkeySignInSchema });
  if (submission.status !== "success") return { passkeyErrors: [t("passkeys.refusal.notAccepted")] };
  const outcome = await completeSecondStepWithPasskey(request, submission.value.credential);
  if (!outcome.ok && outcome.message === SECOND_STEP_EXPIRED) throw redirect(EXPIRED_REDIRECT);
  if (!outcome.ok) return { passkeyErrors: [t(outcome.message)] };
  const headers = new Headers();
  for (const cookie of outcome.cookies) headers.append("Set-Cookie", cookie);
  throw redirect(safeRedirect(submission.value.redirectTo), { headers });
}

export default function SecondStep() {
  const { t } = useTranslation();
  const { hasPasskey: offersPasskey, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const redirectTo = searchParams.get("redirectTo") ?? "/";
  const [form, fields] = useForm({
    id: "second-step",
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof schema>>(form, formData, checks),
  });
  return (
    <div className="narrow">
      <h1>{t("secondStep.title")}</h1>
      <p>{t("secondStep.intro")}</p>
      {/* A full page load: signing in changes everything the page shows. */}
      <Form method="post" className="stack" reloadDocument {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label={t("secondStep.code")} hint={t("secondStep.codeHint")} autoComplete="one-time-code" meta={fields.code} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <div className="actions">
          <button type="submit">{t("secondStep.submit")}</button>
          <Link to="/login">{t("secondStep.startAgain")}</Link>
        </div>
      </Form>
      {offersPasskey ? <PasskeySignIn redirectTo={redirectTo} errors={actionData && "passkeyErrors" in actionData ? actionData.passkeyErrors : undefined} /> : null}
      <p className="muted">{t("secondStep.lostDevice")}</p>
    </div>
  );
}
