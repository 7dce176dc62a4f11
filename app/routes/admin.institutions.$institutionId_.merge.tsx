import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { FormErrors, TextAreaField } from "../components/fields";
import { MergePreview } from "../components/institution-merge";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import type { z } from "../zod";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { useTextLanguage } from "../components/text-language";
import { mergeSchema } from "../institutions/institution-schema";
import { institutionIdOf, institutionNotFound } from "../institutions/institution-page.server";
import { findInstitution } from "../institutions/institutions.server";
import { mergeCandidates, mergeInstitution, mergeLinks, mergePreview } from "../institutions/merge.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageInstitutions");
  const duplicate = findInstitution(institutionIdOf(params.institutionId)) ?? institutionNotFound();
  const into = new URL(request.url).searchParams.get("into");
  const keptId = into === null || into === "" ? null : Number(into);
  const t = await translatorOf(request);
  const preview = keptId === null ? null : mergePreview(duplicate.id, Number.isSafeInteger(keptId) ? keptId : 0);
  return {
    title: t("layout.pageTitle", { page: t("mergeInstitutions.pageTitle", { name: duplicate.name }) }),
    duplicate: { id: duplicate.id, name: duplicate.name, countryName: duplicate.countryName, countryNeedsFootnote: duplicate.countryNeedsFootnote },
    mergedInto: mergeLinks(duplicate.id, await pageLanguage(request)).mergedInto,
    candidates: mergeCandidates(duplicate.id, duplicate.countryCode),
    keptId,
    preview: preview?.ok === false ? { ok: false as const, message: t(preview.refusal.key, { name: preview.refusal.name }) } : preview,
    checks: browserChecks(mergeSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageInstitutions");
  const duplicate = findInstitution(institutionIdOf(params.institutionId)) ?? institutionNotFound();
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: mergeSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = mergeInstitution(admin, duplicate.id, submission.value.into, submission.value.reason, clientIp(request));
  if (!outcome.ok) return { result: submission.reply({ formErrors: [t(outcome.refusal.key, { name: outcome.refusal.name })] }) };
  throw redirect(`/admin/institutions/${submission.value.into}?notice=merged`);
}

export default function MergeInstitution() {
  const { t } = useTranslation();
  // The directory names institutions as they are registered: in English.
  const namesLanguage = useTextLanguage("en");
  const { duplicate, mergedInto, candidates, keptId, preview, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "merge-institution",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof mergeSchema>>(form, formData, checks),
  });
  return (
    <>
      <p>
        <Link to={`/admin/institutions/${duplicate.id}`}>
          ← <span {...namesLanguage}>{duplicate.name}</span>
        </Link>
      </p>
      <h1>{t("mergeInstitutions.title")}</h1>
      {mergedInto ? (
        <p className="notice" role="note">
          <Trans
            i18nKey="mergeInstitutions.alreadyMerged"
            values={{ duplicate: duplicate.name, kept: mergedInto.name }}
            components={{ link: <Link to={`/admin/institutions/${mergedInto.id}`} /> }}
          />
        </p>
      ) : (
        <>
          <p>
            <Trans i18nKey="mergeInstitutions.intro" values={{ name: duplicate.name }} components={{ strong: <strong {...namesLanguage} /> }} />
          </p>
          <Form method="get" className="stack narrow">
            <div className="field">
              <label htmlFor="into">{t("mergeInstitutions.into")}</label>
              <select id="into" name="into" defaultValue={keptId === null ? "" : String(keptId)}>
                <option value="">{t("mergeInstitutions.chooseInto")}</option>
                {candidates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.active ? candidate.name : t("personForms.field.inactiveInstitution", { name: candidate.name })}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="secondary">
              {t("mergeInstitutions.show")}
            </button>
          </Form>
          {candidates.length === 0 ? <p className="empty">{t("mergeInstitutions.noCandidates")}</p> : null}
          {preview && !preview.ok ? (
            <p className="notice error" role="alert">
              {preview.message}
            </p>
          ) : null}
          {preview?.ok ? (
            <section aria-labelledby="preview-heading">
              <h2 id="preview-heading">{t("mergeInstitutions.whatMoves", { name: preview.kept.name })}</h2>
              <MergePreview preview={preview} />
              <Form method="post" className="stack narrow" {...getFormProps(form)}>
                <FormErrors errors={form.errors} />
                <input type="hidden" name="into" value={preview.kept.id} />
                <TextAreaField label={t("mergeInstitutions.reason")} hint={t("mergeInstitutions.reasonHint")} meta={fields.reason} />
                <button type="submit" className="danger">
                  {t("mergeInstitutions.submit", { duplicate: duplicate.name, kept: preview.kept.name })}
                </button>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
