import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { FormErrors } from "../components/fields";
import { useTextLanguage } from "../components/text-language";
import { RoundFields } from "../components/rounds/round-form";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { editRound } from "../rounds/editing.server";
import { roundExists } from "../rounds/manage.server";
import { roundEditPage, roundIdOf, roundNotFound } from "../rounds/round-page.server";
import type { EditRoundForm } from "../rounds/round-schema";
import { editRoundSchema } from "../rounds/round-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  const t = await translatorOf(request);
  const page = roundEditPage(roundIdOf(params.roundId), t, await pageLanguage(request)) ?? roundNotFound();
  return { ...page, title: t("layout.pageTitle", { page: t("roundEdit.pageTitle", { code: page.round.code }) }), checks: browserChecks(editRoundSchema) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const roundId = roundIdOf(params.roundId);
  if (!roundExists(roundId)) roundNotFound();
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: editRoundSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = editRound(admin, roundId, submission.value, { t, language: await pageLanguage(request) }, clientIp(request));
  if (!outcome.ok) return { result: translateReply(submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }), t) };
  throw redirect(`/admin/rounds/${roundId}?notice=${outcome.changed.length ? "edited" : "unchanged"}`);
}

export default function EditRound() {
  const { t } = useTranslation();
  const textLanguage = useTextLanguage("en");
  const { round, defaults, notes, closed, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<EditRoundForm>({
    id: `edit-round-${round.id}`,
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // A corrected field clears its error at once, so the button does not move under the pointer.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<EditRoundForm>(form, formData, checks),
    defaultValue: defaults,
  });
  return (
    <div className="form-page">
      <p>
        <Link to={`/admin/rounds/${round.id}`}>
          ← <span className="reference">{round.code}</span> <span {...textLanguage}>{round.title}</span>
        </Link>
      </p>
      <h1>{t("roundEdit.heading")}</h1>
      {closed ? (
        <p className="notice" role="status">
          {closed}
        </p>
      ) : (
        <>
          <p>{round.submitted ? t("roundEdit.introSubmitted") : t("roundEdit.introOpen")}</p>
          <Form method="post" className="stack round-form" {...getFormProps(form)}>
            <FormErrors errors={[...(form.errors ?? []), ...(fields.version.errors ?? [])]} />
            {/* The version of the round this page shows: if it has moved on since, the server says so. */}
            <input type="hidden" name="version" value={round.version} />
            <RoundFields fields={fields} notes={notes} />
            <div className="actions">
              <button type="submit">{t("roundEdit.submit")}</button>
              <Link to={`/admin/rounds/${round.id}`}>{t("roundForm.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </div>
  );
}
