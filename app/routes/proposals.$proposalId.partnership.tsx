import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { CheckboxField, FormErrors, TextAreaField } from "../components/fields";
import { PartnershipSummary } from "../components/proposal/partnership-summary";
import { useTextLanguage } from "../components/text-language";
import { browserChecks, readForm } from "../forms.server";
import { checkInBrowser } from "../form-checks";
import type { z } from "../zod";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { confirmPartnershipSchema, declinePartnershipSchema } from "../proposals/partner-schema";
import { partnershipPage } from "../proposals/partnership-page.server";
import { answerInvitation } from "../proposals/partners.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "respondAsPartner");
  const t = await translatorOf(request);
  const page = partnershipPage(user, proposal.proposalId, { t, language: await pageLanguage(request) });
  return {
    ...page,
    title: t("layout.pageTitle", { page: t("partnershipPage.title", { proposal: page.proposal.title }) }),
    checks: { confirm: browserChecks(confirmPartnershipSchema), decline: browserChecks(declinePartnershipSchema) },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "respondAsPartner");
  const formData = await readForm(request);
  const intent = formData.get("intent");
  const t = await translatorOf(request);
  const ip = clientIp(request);
  if (intent === "confirm") {
    const submission = parseWithZod(formData, { schema: confirmPartnershipSchema });
    if (submission.status !== "success") return { intent, result: translateReply(submission.reply(), t) };
    const outcome = answerInvitation(user, proposal.proposalId, { answer: "confirm", statement: submission.value.statement }, ip);
    if (!outcome.ok) return { intent, result: submission.reply({ formErrors: [t(outcome.message, outcome.values)] }) };
    throw redirect(`/proposals/${proposal.proposalId}/partners?notice=confirmed`);
  }
  if (intent === "decline") {
    const submission = parseWithZod(formData, { schema: declinePartnershipSchema });
    if (submission.status !== "success") return { intent, result: translateReply(submission.reply(), t) };
    const outcome = answerInvitation(user, proposal.proposalId, { answer: "decline", reason: submission.value.reason }, ip);
    if (!outcome.ok) return { intent, result: submission.reply({ formErrors: [t(outcome.message, outcome.values)] }) };
    // A declined institution no longer sees the proposal, so the answer lands on the home page.
    throw redirect(`/?notice=partnership-${outcome.answer}`);
  }
  throw new Response(t("partnersPage.unknownForm"), { status: 400, statusText: "Bad Request" });
}

type ActionData = { intent: "confirm" | "decline"; result: SubmissionResult<string[]> };

export default function Partnership() {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  const { proposal, lead, partners, jointCountries, jointRule, mine, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const confirmed = mine.status === "confirmed";
  const [confirmForm, confirmFields] = useForm({
    id: "confirm-partnership",
    lastResult: actionData?.intent === "confirm" ? actionData.result : undefined,
    constraint: checks.confirm.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof confirmPartnershipSchema>>(form, formData, checks.confirm),
  });
  const [declineForm, declineFields] = useForm({
    id: "decline-partnership",
    lastResult: actionData?.intent === "decline" ? actionData.result : undefined,
    constraint: checks.decline.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof declinePartnershipSchema>>(form, formData, checks.decline),
  });
  const others = partners.filter((p) => p.id !== mine.id);
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1>
        {confirmed ? t("partnershipPage.headingConfirmed") : t("partnershipPage.headingInvited")} <span className="muted">· {proposal.title}</span>
      </h1>
      {confirmed ? (
        <p>
          <Trans
            i18nKey="partnershipPage.confirmedIntro"
            values={{ institution: mine.name, at: mine.respondedAt, lead: lead.name }}
            components={{ strong: <strong />, country: <CountryName {...mine.country} />, leadCountry: <CountryName {...lead.country} /> }}
          />
        </p>
      ) : (
        <p>
          <Trans
            i18nKey="partnershipPage.invitedIntro"
            values={{ institution: mine.name, lead: lead.name }}
            components={{ strong: <strong />, country: <CountryName {...mine.country} />, leadCountry: <CountryName {...lead.country} /> }}
          />
        </p>
      )}

      <PartnershipSummary proposal={proposal} others={others} jointCountries={jointCountries} jointRule={jointRule} />

      {confirmed ? (
        <section aria-labelledby="statement-heading">
          <h2 id="statement-heading">{t("partnershipPage.roleHeading")}</h2>
          <blockquote>
            <span className="prose" {...typed}>
              {mine.statement}
            </span>
          </blockquote>
          <p className="muted">{t("partnersPage.confirmedBy", { person: mine.respondedBy ?? t("partnersPage.anApplicant"), at: mine.respondedAt })}</p>
        </section>
      ) : (
        <section aria-labelledby="confirm-heading" className="narrow">
          <h2 id="confirm-heading">{t("partnershipPage.confirm.heading")}</h2>
          <Form method="post" className="stack" {...getFormProps(confirmForm)}>
            <FormErrors errors={confirmForm.errors} />
            <input type="hidden" name="intent" value="confirm" />
            <TextAreaField
              label={t("partnershipPage.confirm.label")}
              hint={t("partnershipPage.confirm.hint")}
              meta={confirmFields.statement}
            />
            <button type="submit">{t("partnershipPage.confirm.button")}</button>
          </Form>
        </section>
      )}

      <section aria-labelledby="decline-heading" className="narrow">
        <h2 id="decline-heading">{confirmed ? t("partnershipPage.decline.headingWithdraw") : t("partnershipPage.decline.heading")}</h2>
        <p>
          {confirmed ? t("partnershipPage.decline.introWithdraw") : t("partnershipPage.decline.intro")} {t("partnershipPage.decline.afterwards")}
        </p>
        <Form method="post" className="stack" {...getFormProps(declineForm)}>
          <FormErrors errors={declineForm.errors} />
          <input type="hidden" name="intent" value="decline" />
          <TextAreaField label={t("partnershipPage.decline.reason")} hint={t("partnershipPage.decline.reasonHint")} meta={declineFields.reason} />
          <CheckboxField
            label={confirmed ? t("partnershipPage.decline.confirmWithdraw") : t("partnershipPage.decline.confirm")}
            meta={declineFields.confirm}
          />
          <button type="submit" className="danger">
            {confirmed ? t("partnershipPage.decline.buttonWithdraw") : t("partnershipPage.decline.heading")}
          </button>
        </Form>
      </section>
    </>
  );
}
