import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "../translation";
import { LANGUAGES } from "../../workflows/languages";
import { clientIp } from "../auth/session.server";
import { FieldError, FormErrors, TextField } from "../components/fields";
import { RoleFields } from "../components/person";
import { usualLanguageOf } from "../people/person";
import { inviteSchema } from "../people/person-schema";
import { institutionChoices, listCountries } from "../institutions/institutions.server";
import { invitePerson } from "../people/people.server";
import { requirePermission } from "../permissions.server";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import type { z } from "../zod";
import { requestLanguage, translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "managePeople");
  const t = await translatorOf(request);
  return {
    title: t("layout.pageTitle", { page: t("invitePage.title") }),
    institutions: institutionChoices(),
    countries: listCountries(),
    // Until an institution is chosen, the invitation is in the language the administrator reads.
    pageLanguage: await requestLanguage(request),
    checks: browserChecks(inviteSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "managePeople");
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: inviteSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = invitePerson(admin, submission.value, clientIp(request));
  if (!outcome.ok) return { result: translateReply(submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }), t) };
  throw redirect(`/admin/people/${outcome.userId}?notice=invited`);
}

export default function InvitePerson() {
  const { t } = useTranslation();
  const { institutions, countries, pageLanguage, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite-person",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof inviteSchema>>(form, formData, checks),
    defaultValue: { locale: pageLanguage },
  });
  // Choosing an institution proposes its country's usual language, until the administrator
  // picks a language themselves. Without JavaScript the page's language stays the default.
  const languageChosen = useRef(false);
  function proposeLanguageOf(institutionId: string) {
    const usual = usualLanguageOf(institutions.find((i) => String(i.id) === institutionId)?.countryCode);
    if (usual && !languageChosen.current) form.update({ name: fields.locale.name, value: usual });
  }
  return (
    <div className="narrow">
      <p>
        <Link to="/admin/people">{t("invitePage.back")}</Link>
      </p>
      <h1>{t("invitePage.title")}</h1>
      <p>{t("invitePage.intro")}</p>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors errors={form.errors} />
        <TextField label={t("personForms.field.name")} autoComplete="off" meta={fields.name} />
        <TextField label={t("invitePage.email")} type="email" autoComplete="off" hint={t("invitePage.emailHint")} meta={fields.email} />
        <TextField label={t("personForms.field.jobTitle")} hint={t("invitePage.jobTitleHint")} meta={fields.jobTitle} />
        <RoleFields fields={fields} institutions={institutions} countries={countries} onInstitutionChange={proposeLanguageOf} />
        <div className="field">
          <label htmlFor={fields.locale.id}>{t("invitePage.language")}</label>
          <span className="hint" id={fields.locale.descriptionId}>
            {t("invitePage.languageHint")}
          </span>
          <select
            {...getSelectProps(fields.locale, { ariaDescribedBy: fields.locale.descriptionId })}
            onChange={() => {
              languageChosen.current = true;
            }}
          >
            {LANGUAGES.map((language) => (
              // Each language is named in its own words, as the language switcher names it.
              <option key={language.tag} value={language.tag} lang={language.tag}>
                {language.name}
              </option>
            ))}
          </select>
          <FieldError meta={fields.locale} />
        </div>
        <div className="actions">
          <button type="submit">{t("invitePage.submit")}</button>
          <Link to="/admin/people">{t("personForms.cancel")}</Link>
        </div>
      </Form>
    </div>
  );
}
