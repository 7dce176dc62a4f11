import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { TFunction } from "i18next";
import type { SessionUser } from "../auth/session.server";
import { requireUser } from "../auth/session.server";
import { addPasskey, passkeyRegistrationOptions, passkeysOf, removePasskey } from "../auth/passkeys.server";
import { passkeyAddSchema, passkeyRemoveSchema, secondFactorCodeSchema as schema } from "../auth/two-factor-schema";
import { confirmTotpEnrolment, regenerateRecoveryCodes, secondFactorPage, startTotpEnrolment, turnOffSecondFactor } from "../auth/two-factor.server";
import { FormErrors, TextField } from "../components/fields";
import { PasskeySection } from "../components/passkeys";
import { RecoveryCodes } from "../components/recovery-codes";
import { browserChecks, readForm } from "../forms.server";
import { checkInBrowser } from "../form-checks";
import type { z } from "../zod";
import { translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("secondFactor.title") }), ...(await secondFactorPage(user)), passkeys: passkeysOf(user.id), passkeyConstraint: browserChecks(passkeyAddSchema).constraint, codeChecks: browserChecks(schema) };
}

const intents = ["start", "confirm", "regenerate", "turnOff", "passkeyOptions", "passkeyAdd", "passkeyRemove"] as const;
type Intent = (typeof intents)[number];
type Answer = { intent: Intent; result?: SubmissionResult<string[]>; recoveryCodes?: string[]; turnedOff?: boolean; passkeyOptions?: unknown; passkeyNotice?: "added" | "removed" };

export async function action({ request }: ActionFunctionArgs): Promise<Answer> {
  const user = await requireUser(request);
  const t = await translatorOf(request);
  const formData = await readForm(request);
  const intent = intents.find((i) => i === formData.get("intent"));
  if (!intent) throw new Response(t("secondFactor.unknownForm"), { status: 400, statusText: "Bad Request" });
  if (intent === "start") {
    const started = startTotpEnrolment(user);
    return { intent, result: started.ok ? undefined : { status: "error", error: { "": [t(started.message)] } } };
  }
  if (intent === "passkeyOptions") return { intent, passkeyOptions: await passkeyRegistrationOptions(user) };
  if (intent === "passkeyAdd" || intent === "passkeyRemove") return passkeyAction(intent, formData, user, request, t);
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return { intent, result: translateReply(submission.reply({ hideFields: ["code"] }), t) };
  const { code } = submission.value;
  const refused = (message: string) => ({ intent, result: translateReply(submission.reply({ formErrors: [message], hideFields: ["code"] }), t) });
  if (intent === "turnOff") {
    const turnedOff = await turnOffSecondFactor(user, code, request);
    return turnedOff.ok ? { intent, turnedOff: true } : refused(turnedOff.message);
  }
  const outcome = intent === "confirm" ? await confirmTotpEnrolment(user, code, request) : await regenerateRecoveryCodes(user, code, request);
  return outcome.ok ? { intent, recoveryCodes: outcome.recoveryCodes } : refused(outcome.message);
}

async function passkeyAction(intent: "passkeyAdd" | "passkeyRemove", formData: FormData, user: SessionUser, request: Request, t: TFunction): Promise<Answer> {
  if (intent === "passkeyRemove") {
    const submission = parseWithZod(formData, { schema: passkeyRemoveSchema });
    if (submission.status !== "success") throw new Response(t("secondFactor.unknownForm"), { status: 400, statusText: "Bad Request" });
    const removed = removePasskey(user, submission.value.passkeyId, request);
    return removed.ok ? { intent, passkeyNotice: "removed" } : { intent, result: { status: "error", error: { "": [t(removed.message)] } } };
  }
  const submission = parseWithZod(formData, { schema: passkeyAddSchema });
  if (submission.status !== "success") return { intent, result: translateReply(submission.reply({ hideFields: ["credential"] }), t) };
  const added = await addPasskey(user, submission.value.name, submission.value.credential, request);
  if (!added.ok) return { intent, result: translateReply(submission.reply({ formErrors: [added.message], hideFields: ["credential"] }), t) };
  return { intent, passkeyNotice: "added" };
}

export default function TwoFactor() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultOf = (intent: Intent) => (actionData?.intent === intent ? actionData.result : undefined);
  if (actionData?.recoveryCodes) {
    return (
      <div className="narrow">
        <h1>{t("secondFactor.title")}</h1>
        <p className="notice success" role="status">
          {actionData.intent === "confirm" ? t("secondFactor.enrolled") : t("secondFactor.regenerated")}
        </p>
        <RecoveryCodes codes={actionData.recoveryCodes} />
        <p>
          <Link to="/" className="button">
            {t("secondFactor.continue")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <p>
        <Link to="/account">{t("secondFactor.backToAccount")}</Link>
      </p>
      <h1>{t("secondFactor.title")}</h1>
      {page.required && !page.secured ? (
        <p className="notice" role="alert">
          {t("secondFactor.requiredNotice")}
        </p>
      ) : null}
      {actionData?.turnedOff ? (
        <p className="notice success" role="status">
          {t("secondFactor.turnedOff")}
        </p>
      ) : null}
      {actionData?.passkeyNotice ? (
        <p className="notice success" role="status">
          {actionData.passkeyNotice === "added" ? t("passkeys.noticeAdded") : t("passkeys.noticeRemoved")}
        </p>
      ) : null}
      <p>{t("secondFactor.intro")}</p>
      {page.app === "none" ? <StartEnrolment result={resultOf("start")} /> : null}
      {page.enrolment ? <ConfirmEnrolment enrolment={page.enrolment} result={resultOf("confirm")} /> : null}
      {page.app === "active" ? (
        <>
          <p className="notice success">{t("secondFactor.active", { count: page.recoveryCodesLeft })}</p>
          <CodeForm intent="regenerate" heading={t("secondFactor.regenerateHeading")} explanation={t("secondFactor.regenerateExplanation")} button={t("secondFactor.regenerate")} result={resultOf("regenerate")} />
          {page.required ? (
            <p className="muted">{t("secondFactor.cannotTurnOff")}</p>
          ) : (
            <CodeForm intent="turnOff" heading={t("secondFactor.turnOffHeading")} explanation={t("secondFactor.turnOffExplanation")} button={t("secondFactor.turnOff")} result={resultOf("turnOff")} />
          )}
        </>
      ) : null}
      {/* Keyed by the count: a passkey added or removed starts an empty form. */}
      <PasskeySection key={page.passkeys.length} passkeys={page.passkeys} constraint={page.passkeyConstraint} result={actionData?.intent === "passkeyAdd" || actionData?.intent === "passkeyRemove" ? actionData.result : undefined} />
    </div>
  );
}

function StartEnrolment({ result }: { result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form] = useForm({ id: "start-enrolment", lastResult: result });
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="start" />
      <button type="submit">{t("secondFactor.start")}</button>
    </Form>
  );
}

function ConfirmEnrolment({ enrolment, result }: { enrolment: { qrSvg: string; secret: string }; result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const { codeChecks: checks } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: "confirm-enrolment",
    lastResult: result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof schema>>(form, formData, checks),
  });
  return (
    <section aria-labelledby="enrol-heading" className="stack">
      <h2 id="enrol-heading">{t("secondFactor.enrolHeading")}</h2>
      <ol className="stack">
        <li>
          <p>{t("secondFactor.scan")}</p>
          {/* The SVG is drawn on the server by qrcode from the portal's own otpauth address. */}
          <div className="qr-code" role="img" aria-label={t("secondFactor.qrLabel")} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
        </li>
        <li>
          <p>{t("secondFactor.typeInstead")}</p>
          <p>
            <code className="totp-secret" data-testid="totp-secret">
              {enrolment.secret}
            </code>
          </p>
        </li>
        <li>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <input type="hidden" name="intent" value="confirm" />
            <TextField label={t("secondFactor.confirmCode")} hint={t("secondFactor.confirmHint")} autoComplete="one-time-code" meta={fields.code} />
            <button type="submit">{t("secondFactor.confirm")}</button>
          </Form>
        </li>
      </ol>
    </section>
  );
}

function CodeForm({ intent, heading, explanation, button, result }: { intent: Intent; heading: string; explanation: string; button: string; result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const { codeChecks: checks } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: `second-factor-${intent}`,
    lastResult: result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof schema>>(form, formData, checks),
  });
  return (
    <section aria-labelledby={`${intent}-heading`}>
      <h2 id={`${intent}-heading`}>{heading}</h2>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <p>{explanation}</p>
        <input type="hidden" name="intent" value={intent} />
        <TextField label={t("secondFactor.currentCode")} autoComplete="one-time-code" meta={fields.code} />
        <button type="submit">{button}</button>
      </Form>
    </section>
  );
}
