import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { FormErrors, TextAreaField } from "../components/fields";
import { MergePreview } from "../components/institution-merge";
import { readForm } from "../forms.server";
import { mergeSchema } from "../institutions/institution-schema";
import { institutionIdOf, institutionNotFound } from "../institutions/institution-page.server";
import { findInstitution } from "../institutions/institutions.server";
import { mergeCandidates, mergeInstitution, mergeLinks, mergePreview } from "../institutions/merge.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Merge ${data?.duplicate.name ?? "an institution"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageInstitutions");
  const duplicate = findInstitution(institutionIdOf(params.institutionId)) ?? institutionNotFound();
  const into = new URL(request.url).searchParams.get("into");
  const keptId = into === null || into === "" ? null : Number(into);
  return {
    duplicate: { id: duplicate.id, name: duplicate.name, countryName: duplicate.countryName, countryNeedsFootnote: duplicate.countryNeedsFootnote },
    mergedInto: mergeLinks(duplicate.id).mergedInto,
    candidates: mergeCandidates(duplicate.id, duplicate.countryCode),
    keptId,
    preview: keptId === null ? null : mergePreview(duplicate.id, Number.isSafeInteger(keptId) ? keptId : 0),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageInstitutions");
  const duplicate = findInstitution(institutionIdOf(params.institutionId)) ?? institutionNotFound();
  const submission = parseWithZod(await readForm(request), { schema: mergeSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = mergeInstitution(admin, duplicate.id, submission.value.into, submission.value.reason, clientIp(request));
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.message] }) };
  throw redirect(`/admin/institutions/${submission.value.into}?notice=merged`);
}

export default function MergeInstitution() {
  const { duplicate, mergedInto, candidates, keptId, preview } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "merge-institution",
    lastResult: actionData?.result,
    constraint: getZodConstraint(mergeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: mergeSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/admin/institutions/${duplicate.id}`}>← {duplicate.name}</Link>
      </p>
      <h1>Merge a duplicate institution</h1>
      {mergedInto ? (
        <p className="notice" role="note">
          {duplicate.name} is already merged into <Link to={`/admin/institutions/${mergedInto.id}`}>{mergedInto.name}</Link>.
        </p>
      ) : (
        <>
          <p>
            When one institution is in the directory twice, merge the duplicate, <strong>{duplicate.name}</strong>, into the record to keep. Its
            proposals, partnerships, people, comments and reviewers' conflict rules move to the kept institution; the duplicate stays as a record
            marked “merged” and is no longer offered anywhere. The history of each proposal is kept as it was. This cannot be undone.
          </p>
          <Form method="get" className="stack narrow">
            <div className="field">
              <label htmlFor="into">Institution to keep (same country)</label>
              <select id="into" name="into" defaultValue={keptId === null ? "" : String(keptId)}>
                <option value="">Choose the institution to keep</option>
                {candidates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                    {candidate.active ? "" : " (not active)"}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="secondary">
              Show what moves
            </button>
          </Form>
          {candidates.length === 0 ? <p className="empty">No other institution of this country is in the directory.</p> : null}
          {preview && !preview.ok ? (
            <p className="notice error" role="alert">
              {preview.message}
            </p>
          ) : null}
          {preview?.ok ? (
            <section aria-labelledby="preview-heading">
              <h2 id="preview-heading">What moves to {preview.kept.name}</h2>
              <MergePreview preview={preview} />
              <Form method="post" className="stack narrow" {...getFormProps(form)}>
                <FormErrors errors={form.errors} />
                <input type="hidden" name="into" value={preview.kept.id} />
                <TextAreaField label="Why these are one institution" hint="Recorded in the audit log with what moved." meta={fields.reason} />
                <button type="submit" className="danger">
                  Merge {duplicate.name} into {preview.kept.name}
                </button>
              </Form>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
