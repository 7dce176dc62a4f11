import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { FormErrors } from "../components/fields";
import { institutionTypeLabel } from "../../workflows/vocabulary";
import { countryWordIn, InstitutionFields, mandateText } from "../components/institution";
import { useTextLanguage } from "../components/text-language";
import { institutionSchema } from "../institutions/institution-schema";
import { StatusBadge } from "../components/person";
import { AuditTable } from "../components/audit-table";
import { institutionIdOf, institutionNotFound, institutionPage } from "../institutions/institution-page.server";
import { findInstitution, updateInstitution } from "../institutions/institutions.server";
import { requirePermission } from "../permissions.server";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import type { z } from "../zod";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageInstitutions");
  const t = await translatorOf(request);
  const page = institutionPage(institutionIdOf(params.institutionId), t, await pageLanguage(request));
  return { ...page, title: t("layout.pageTitle", { page: page.institution.name }), checks: browserChecks(institutionSchema) };
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
  const { t } = useTranslation();
  // The directory names institutions as they are registered: in English.
  const namesLanguage = useTextLanguage("en");
  const { institution, people, activity, countries, mergedInto, mergedAt, mergedHere, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    id: "edit-institution",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof institutionSchema>>(form, formData, checks),
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
  const mandate = mandateText(institution.chapter23, institution.chapter24, t);
  return (
    <>
      <p>
        <Link to="/admin/institutions">{t("institutionPage.back")}</Link>
      </p>
      <div className="page-head">
        <h1 {...namesLanguage}>{institution.name}</h1>
        {mergedInto ? (
          <span className="badge off">{t("institutionPage.merged")}</span>
        ) : institution.active ? (
          <span className="badge ok">{t("institutionsPage.active")}</span>
        ) : (
          <span className="badge off">{t("institutionsPage.inactive")}</span>
        )}
      </div>
      {mergedInto ? (
        <p className="notice" role="note">
          <Trans
            i18nKey="institutionPage.mergedInto"
            values={{ name: mergedInto.name, at: mergedAt }}
            components={{ link: <Link to={`/admin/institutions/${mergedInto.id}`} {...namesLanguage} /> }}
          />
        </p>
      ) : null}
      {notice === "merged" ? (
        <p className="notice success" role="status">
          {t("institutionPage.notice.merged")}
        </p>
      ) : null}
      {notice === "created" || notice === "updated" ? (
        <p className="notice success" role="status">
          {notice === "created" ? t("institutionPage.notice.created") : t("personPage.notice.updated")}
        </p>
      ) : null}
      {mandate ? null : (
        <div className="notice warning" role="note">
          <p>{t("institutionPage.noMandate")}</p>
        </div>
      )}
      <dl className="facts">
        <dt>{t("institutionForm.country")}</dt>
        <dd>
          <CountryName name={countryWordIn(institution.countryCode, t)} needsFootnote={institution.countryNeedsFootnote} />
        </dd>
        <dt>{t("institutionsPage.column.type")}</dt>
        <dd>{institutionTypeLabel(institution.type, t)}</dd>
        <dt>{t("institutionsPage.column.mandate")}</dt>
        <dd>{mandate ?? t("institutionPage.noneRecorded")}</dd>
        <dt>{t("institutionPage.since")}</dt>
        <dd>{institution.createdAt}</dd>
      </dl>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t("institutionPage.applicants")}</h2>
        {people.length ? (
          <div className="table-scroll">
            <table className="stacked">
              <caption className="visually-hidden">{t("institutionPage.applicantsCaption", { name: institution.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("peoplePage.column.name")}</th>
                  <th scope="col">{t("peoplePage.column.email")}</th>
                  <th scope="col">{t("personPage.jobTitle")}</th>
                  <th scope="col">{t("peoplePage.column.status")}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person) => (
                  <tr key={person.id}>
                    <td className="text" data-label={t("peoplePage.column.name")}>
                      <Link to={`/admin/people/${person.id}`}>{person.name}</Link>
                    </td>
                    <td className="text address" data-label={t("peoplePage.column.email")}>{person.email}</td>
                    <td className="text" data-label={t("personPage.jobTitle")}>{person.jobTitle ?? ""}</td>
                    <td data-label={t("peoplePage.column.status")}>
                      <StatusBadge status={person.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">
            <Trans i18nKey="institutionPage.noApplicants" components={{ link: <Link to="/admin/people/invite" /> }} />
          </p>
        )}
      </section>

      {mergedHere.length ? (
        <section aria-labelledby="merged-heading">
          <h2 id="merged-heading">{t("institutionPage.mergedHere")}</h2>
          <ul>
            {mergedHere.map((duplicate) => (
              <li key={duplicate.id}>
                <Link to={`/admin/institutions/${duplicate.id}`} {...namesLanguage}>
                  {duplicate.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {mergedInto ? null : (
        <section aria-labelledby="edit-heading" className="narrow">
          <h2 id="edit-heading">{t("institutionPage.edit")}</h2>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <FormErrors errors={form.errors} />
            <InstitutionFields fields={fields} countries={countries} />
            <button type="submit">{t("personForms.edit.submit")}</button>
          </Form>
          <p>
            <Trans i18nKey="institutionPage.mergeLink" components={{ link: <Link to={`/admin/institutions/${institution.id}/merge`} /> }} />
          </p>
        </section>
      )}

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t("institutionPage.activity")}</h2>
        <AuditTable entries={activity} caption={t("institutionPage.activityCaption")} empty={t("institutionPage.activityEmpty")} />
      </section>
    </>
  );
}
