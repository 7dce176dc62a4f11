import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { FormErrors } from "../components/fields";
import { INSTITUTION_TYPE_LABELS } from "../../workflows/vocabulary";
import { InstitutionFields, mandateText } from "../components/institution";
import { institutionSchema } from "../institutions/institution-schema";
import { StatusBadge } from "../components/person";
import { AuditTable } from "../components/audit-table";
import { institutionIdOf, institutionNotFound, institutionPage } from "../institutions/institution-page.server";
import { findInstitution, updateInstitution } from "../institutions/institutions.server";
import { requirePermission } from "../permissions.server";
import { readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageInstitutions");
  const t = await translatorOf(request);
  const page = institutionPage(institutionIdOf(params.institutionId), t, await pageLanguage(request));
  return { ...page, title: t("layout.pageTitle", { page: page.institution.name }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageInstitutions");
  const id = institutionIdOf(params.institutionId);
  if (!findInstitution(id)) institutionNotFound();
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: institutionSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = updateInstitution(admin, id, submission.value, clientIp(request));
  if (!outcome.ok) return { result: translateReply(submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }), t) };
  throw redirect(`/admin/institutions/${id}?notice=updated`);
}

export default function Institution() {
  const { institution, people, activity, countries, mergedInto, mergedAt, mergedHere } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "edit-institution",
    lastResult: actionData?.result,
    constraint: getZodConstraint(institutionSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: institutionSchema }),
    defaultValue: {
      name: institution.name,
      countryCode: institution.countryCode,
      type: institution.type,
      chapter23: institution.chapter23,
      chapter24: institution.chapter24,
      active: institution.active,
    },
  });
  const notice = searchParams.get("notice");
  const mandate = mandateText(institution.chapter23, institution.chapter24);
  return (
    <>
      <p>
        <Link to="/admin/institutions">← Institutions</Link>
      </p>
      <div className="page-head">
        <h1>{institution.name}</h1>
        {mergedInto ? <span className="badge off">Merged</span> : institution.active ? <span className="badge ok">Active</span> : <span className="badge off">Not active</span>}
      </div>
      {mergedInto ? (
        <p className="notice" role="note">
          Merged into <Link to={`/admin/institutions/${mergedInto.id}`}>{mergedInto.name}</Link> on {mergedAt}. Its proposals, partners, people and comments
          are there now; this record stays to show what was merged.
        </p>
      ) : null}
      {notice === "merged" ? (
        <p className="notice success" role="status">
          The duplicate is merged into this institution.
        </p>
      ) : null}
      {notice === "created" || notice === "updated" ? (
        <p className="notice success" role="status">
          {notice === "created" ? "The institution is added to the directory." : "The changes are saved."}
        </p>
      ) : null}
      {mandate ? null : (
        <div className="notice warning" role="note">
          <p>
            No Chapter 23 or 24 mandate is recorded for this institution. Proposals it takes part in may fail the
            eligibility check, which requires every institution to be a security institution with such a mandate.
          </p>
        </div>
      )}
      <dl className="facts">
        <dt>Country</dt>
        <dd>
          <CountryName name={institution.countryName} needsFootnote={institution.countryNeedsFootnote} />
        </dd>
        <dt>Type</dt>
        <dd>{INSTITUTION_TYPE_LABELS[institution.type]}</dd>
        <dt>Mandate</dt>
        <dd>{mandate ?? "None recorded"}</dd>
        <dt>In the directory since</dt>
        <dd>{institution.createdAt}</dd>
      </dl>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">Applicants of this institution</h2>
        {people.length ? (
          <div className="table-scroll">
            <table className="stacked">
              <caption className="visually-hidden">People with an applicant account at {institution.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">E-mail address</th>
                  <th scope="col">Job title</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td className="text" data-label="Name">
                      <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                    </td>
                    <td className="text address" data-label="E-mail address">{person.email}</td>
                    <td className="text" data-label="Job title">{person.jobTitle ?? ""}</td>
                    <td data-label="Status">
                      <StatusBadge status={person.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">
            Nobody from this institution has an account yet. <Link to="/admin/people/invite">Invite a person</Link>.
          </p>
        )}
      </section>

      {mergedHere.length ? (
        <section aria-labelledby="merged-heading">
          <h2 id="merged-heading">Duplicates merged into this institution</h2>
          <ul>
            {mergedHere.map((duplicate) => (
              <li key={duplicate.id}>
                <Link to={`/admin/institutions/${duplicate.id}`}>{duplicate.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {mergedInto ? null : (
        <section aria-labelledby="edit-heading" className="narrow">
          <h2 id="edit-heading">Change the institution</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <InstitutionFields fields={fields} countries={countries} />
            <button type="submit">Save changes</button>
          </Form>
          <p>
            Is this record a duplicate of another institution in the directory?{" "}
            <Link to={`/admin/institutions/${institution.id}/merge`}>Merge it into the institution to keep</Link>.
          </p>
        </section>
      )}

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent changes</h2>
        <AuditTable entries={activity} caption="Latest changes to this institution, newest first" empty="No change recorded since the institution was added." />
      </section>
    </>
  );
}
