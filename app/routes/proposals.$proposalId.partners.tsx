import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { FormErrors } from "../components/fields";
import type { PartnersActionData } from "../components/proposal/partners";
import { InvitePartnerSection, RemovePartnersSection, PartnerItem } from "../components/proposal/partners";
import { requireProposal } from "../permissions.server";
import { invitePartnerSchema, removePartnerSchema } from "../proposals/partner-schema";
import { partnersPage } from "../proposals/partners-page.server";
import { invitePartner, removePartner } from "../proposals/partners.server";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const t = await translatorOf(request);
  const page = partnersPage(user, proposal, new URL(request.url).searchParams, { t, language: await pageLanguage(request) });
  return {
    ...page,
    title: t("layout.pageTitle", { page: t("partnersPage.title", { proposal: page.proposal.reference ?? page.proposal.title }) }),
    removeChecks: browserChecks(removePartnerSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "managePartners");
  const formData = await readForm(request);
  const t = await translatorOf(request);
  const ip = clientIp(request);
  const base = `/proposals/${proposal.proposalId}/partners`;
  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: invitePartnerSchema });
    if (submission.status !== "success") return { intent: "invite" as const, partnerId: null, result: translateReply(submission.reply(), t) };
    const outcome = invitePartner(user, { proposalId: proposal.proposalId, institutionId: submission.value.institutionId }, ip);
    if (!outcome.ok) return { intent: "invite" as const, partnerId: null, result: submission.reply({ formErrors: [t(outcome.message, outcome.values)] }) };
    const back = new URLSearchParams({ notice: "invited", institution: String(submission.value.institutionId) });
    if (submission.value.q) back.set("q", submission.value.q);
    if (submission.value.country) back.set("country", submission.value.country);
    throw redirect(`${base}?${back}`);
  }
  if (formData.get("intent") === "remove") {
    const partnerId = Number(formData.get("partnerId"));
    const submission = parseWithZod(formData, { schema: removePartnerSchema });
    if (submission.status !== "success") return { intent: "remove" as const, partnerId, result: translateReply(submission.reply(), t) };
    const outcome = removePartner(user, { proposalId: proposal.proposalId, partnerId: submission.value.partnerId }, ip);
    if (!outcome.ok) return { intent: "remove" as const, partnerId, result: submission.reply({ formErrors: [t(outcome.message, outcome.values)] }) };
    throw redirect(`${base}?notice=removed&institution=${outcome.institutionId}`);
  }
  throw new Response(t("partnersPage.unknownForm"), { status: 400, statusText: "Bad Request" });
}

export default function Partners() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as PartnersActionData | undefined;
  const navigation = useNavigation();
  const [inviteForm] = useForm({ id: "invite-partner", lastResult: actionData?.intent === "invite" ? actionData.result : undefined });
  const inviting = navigation.state !== "idle" && navigation.formData?.get("intent") === "invite" ? navigation.formData.get("institutionId") : null;
  // A removal answered for a partner no longer listed (a colleague removed it meanwhile) is shown above the list.
  const unlistedRemoval =
    actionData?.intent === "remove" && !data.partners.some((p) => p.id === actionData.partnerId) ? (actionData.result.error?.[""] ?? undefined) : undefined;
  return (
    <>
      <p>
        <Link to={`/proposals/${data.proposal.id}`}>← {data.proposal.reference ?? data.proposal.title}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("partnersPage.heading")} <span className="muted">· {data.proposal.title}</span>
        </h1>
        <span className="badge">{data.proposal.stateLabel}</span>
      </div>
      {data.notice ? (
        <p className="notice success" role="status">
          {data.notice}
        </p>
      ) : null}

      <section aria-labelledby="joint-heading" className={data.isJoint ? "notice success" : data.jointRule.required ? "notice warning" : "notice"}>
        <h2 id="joint-heading">{data.isJoint ? t("partnersPage.joint.yes") : data.jointRule.required ? t("partnersPage.joint.notYet") : t("partnersPage.joint.oneCountry")}</h2>
        <p>
          {t("partnersPage.joint.countries")}{" "}
          <strong>
            {data.jointCountries.map((c, i) => (
              <span key={c.name}>
                {i ? ", " : ""}
                <CountryName {...c} />
              </span>
            ))}
          </strong>
          .
        </p>
        {data.jointRuleWords ? <p>{data.jointRuleWords}</p> : null}
      </section>

      <section aria-labelledby="partners-heading">
        <h2 id="partners-heading">{t("partnersPage.whoTakesPart")}</h2>
        <FormErrors errors={unlistedRemoval} />
        {data.ownAnswer === "invited" ? (
          <p className="notice">
            {t("partnersPage.own.invited")} <Link to={`/proposals/${data.proposal.id}/partnership`}>{t("partnersPage.own.answer")}</Link>.
          </p>
        ) : data.ownAnswer === "confirmed" ? (
          <p className="notice">
            {t("partnersPage.own.confirmed")} <Link to={`/proposals/${data.proposal.id}/partnership`}>{t("partnersPage.own.withdraw")}</Link>.
          </p>
        ) : null}
        <ul className="partner-list">
          <li>
            <h3>
              {data.lead.name}, <CountryName {...data.lead.country} />
            </h3>
            <p>
              <span className="badge ok">{t("partnersPage.lead")}</span> {t("partnersPage.leadEdits")}
            </p>
          </li>
          {data.partners.map((partner) => (
            <PartnerItem key={partner.id} partner={partner} manage={data.manage} />
          ))}
        </ul>
        {data.partners.length === 0 ? <p className="empty">{data.manage ? t("partnersPage.noPartnerInvite") : t("partnersPage.noPartner")}</p> : null}
      </section>

      {data.manage && data.directory ? (
        <InvitePartnerSection page={data} directory={data.directory} inviteForm={inviteForm} inviting={inviting} />
      ) : data.isLeadApplicant ? (
        <p className="muted">{t("partnerRefusal.closed")}</p>
      ) : null}
      {data.manage ? <RemovePartnersSection partners={data.partners} checks={data.removeChecks} actionData={actionData} /> : null}
    </>
  );
}
