import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "../translation";
import { CountryName } from "../components/country";
import { useTextLanguage } from "../components/text-language";
import { FormErrors, SelectField, TextAreaField } from "../components/fields";
import { browserChecks, readForm } from "../forms.server";
import { checkInBrowser } from "../form-checks";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { can, canOnProposal, requireProposal } from "../permissions.server";
import { departureSchema } from "../proposals/departure-schema";
import { departuresPage, recordPartnerDeparture } from "../proposals/departures.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const t = await translatorOf(request);
  const page = departuresPage(proposal.proposalId, canOnProposal(user, "recordPartnerDeparture", proposal), { t, language: await pageLanguage(request) });
  return {
    ...page,
    pageTitle: t("layout.pageTitle", { page: t("departuresPage.title", { proposal: page.proposal.reference ?? page.proposal.title }) }),
    notice: new URL(request.url).searchParams.get("recorded"),
    forTeam: can(user, "viewInternalNotes"),
    checks: browserChecks(departureSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "recordPartnerDeparture");
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: departureSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = recordPartnerDeparture(user, { proposalId: proposal.proposalId, ...submission.value });
  if (!outcome.ok) return { result: translateReply(submission.reply({ formErrors: [outcome.message] }), t) };
  throw redirect(`/proposals/${proposal.proposalId}/departures?recorded=${outcome.stillJoint ? "joint" : "notJoint"}`);
}

const NOTICES: Record<string, string> = {
  joint: "departuresPage.recordedJoint",
  notJoint: "departuresPage.recordedNotJoint",
};

export default function Departures() {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  const { proposal, departures, partners, mayRecord, notice, forTeam, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<{ institutionId: string; reason: string }>({
    id: "record-departure",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    onValidate: ({ form, formData }) => checkInBrowser<{ institutionId: string; reason: string }>(form, formData, checks),
  });
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1>
        {t("departuresPage.heading")}{" "}
        <span className="muted" {...typed}>
          · {proposal.title}
        </span>
      </h1>
      {notice && Object.hasOwn(NOTICES, notice) ? (
        <p className="notice success" role="status">
          {t(NOTICES[notice]!)}
        </p>
      ) : null}
      {departures.length ? (
        <ol className="plain">
          {departures.map((departure) => (
            <li key={departure.id}>
              <p>
                <strong>{departure.institution}</strong>, <CountryName {...departure.country} /> {t("departuresPage.leftOn", { at: departure.leftAt })}{" "}
                <span className="muted">{t("departuresPage.recordedBy", { name: departure.recordedBy })}</span>
              </p>
              <p className="prose" {...typed}>
                {departure.reason}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("departuresPage.none")}</p>
      )}
      {mayRecord ? (
        <section aria-labelledby="record-heading" className="narrow">
          <h2 id="record-heading">{t("departuresPage.form.heading")}</h2>
          <p>{t(forTeam ? "departuresPage.form.introTeam" : "departuresPage.form.introApplicants")}</p>
          {partners.length ? (
            <Form method="post" className="stack" {...getFormProps(form)}>
              <FormErrors errors={form.errors} />
              <SelectField
                label={t("departuresPage.form.partner")}
                emptyOption={t("departuresPage.form.choose")}
                options={partners.map((p) => ({ value: String(p.institutionId), label: p.label }))}
                meta={fields.institutionId}
              />
              <TextAreaField label={t("departuresPage.form.reason")} hint={t(forTeam ? "departuresPage.form.reasonHintTeam" : "departuresPage.form.reasonHintApplicants")} meta={fields.reason} />
              <button type="submit" className="danger" disabled={navigation.state === "submitting"}>
                {navigation.state === "submitting" ? t("departuresPage.form.recording") : t("departuresPage.form.record")}
              </button>
            </Form>
          ) : (
            <p className="empty">{t("departuresPage.form.noPartner")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
