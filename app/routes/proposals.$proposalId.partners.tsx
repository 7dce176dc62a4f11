import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { FormErrors } from "../components/fields";
import type { PartnersActionData } from "../components/proposal/partners";
import { InvitePartnerSection, RemovePartnersSection, PartnerItem } from "../components/proposal/partners";
import { requireProposal } from "../permissions.server";
import { invitePartnerSchema, removePartnerSchema } from "../proposals/partner-schema";
import { partnersPage } from "../proposals/partners-page.server";
import { invitePartner, removePartner } from "../proposals/partners.server";
import { readForm } from "../forms.server";
import { jointRuleInWords } from "../../workflows/eligibility";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Partners of ${data?.proposal.reference ?? data?.proposal.title ?? "the proposal"} · TAF portal` }];

const NOT_A_DRAFT = "Partners can change only while the proposal is a draft or answers the TAF team's clarification request. Otherwise they stay as they were submitted.";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  return partnersPage(user, proposal, new URL(request.url).searchParams);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "managePartners");
  const formData = await readForm(request);
  const ip = clientIp(request);
  const base = `/proposals/${proposal.proposalId}/partners`;
  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: invitePartnerSchema });
    if (submission.status !== "success") return { intent: "invite" as const, partnerId: null, result: submission.reply() };
    const outcome = invitePartner(user, { proposalId: proposal.proposalId, institutionId: submission.value.institutionId }, ip);
    if (!outcome.ok) return { intent: "invite" as const, partnerId: null, result: submission.reply({ formErrors: [outcome.message] }) };
    const back = new URLSearchParams({ notice: "invited", institution: String(submission.value.institutionId) });
    if (submission.value.q) back.set("q", submission.value.q);
    if (submission.value.country) back.set("country", submission.value.country);
    throw redirect(`${base}?${back}`);
  }
  if (formData.get("intent") === "remove") {
    const partnerId = Number(formData.get("partnerId"));
    const submission = parseWithZod(formData, { schema: removePartnerSchema });
    if (submission.status !== "success") return { intent: "remove" as const, partnerId, result: submission.reply() };
    const outcome = removePartner(user, { proposalId: proposal.proposalId, partnerId: submission.value.partnerId }, ip);
    if (!outcome.ok) return { intent: "remove" as const, partnerId, result: submission.reply({ formErrors: [outcome.message] }) };
    throw redirect(`${base}?notice=removed&institution=${outcome.institutionId}`);
  }
  throw new Response("The portal does not know what to do with this form. Reload the page and try again.", { status: 400, statusText: "Bad Request" });
}

export default function Partners() {
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
          Partners <span className="muted">· {data.proposal.title}</span>
        </h1>
        <span className="badge">{data.proposal.stateLabel}</span>
      </div>
      {data.notice ? (
        <p className="notice success" role="status">
          {data.notice}
        </p>
      ) : null}

      <section aria-labelledby="joint-heading" className={data.isJoint ? "notice success" : data.jointRule.required ? "notice warning" : "notice"}>
        <h2 id="joint-heading">{data.isJoint ? "The proposal is joint" : data.jointRule.required ? "The proposal is not joint yet" : "One country is enough in this round"}</h2>
        <p>
          Countries behind it (the lead and the partners that confirmed):{" "}
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
        {data.isJoint ? null : <p>{data.jointRule.required ? `${jointRuleInWords(data.jointRule)} It cannot be submitted before.` : jointRuleInWords(data.jointRule)}</p>}
      </section>

      <section aria-labelledby="partners-heading">
        <h2 id="partners-heading">Who takes part</h2>
        <FormErrors errors={unlistedRemoval} />
        {data.ownAnswer === "invited" ? (
          <p className="notice">
            Your institution is invited to take part. <Link to={`/proposals/${data.proposal.id}/partnership`}>Confirm or decline the invitation</Link>.
          </p>
        ) : data.ownAnswer === "confirmed" ? (
          <p className="notice">
            Your institution has confirmed. <Link to={`/proposals/${data.proposal.id}/partnership`}>See your answer, or withdraw it</Link>.
          </p>
        ) : null}
        <ul className="partner-list">
          <li>
            <h3>
              {data.lead.name}, <CountryName {...data.lead.country} />
            </h3>
            <p>
              <span className="badge ok">Lead institution</span> Only its applicants edit and submit the proposal.
            </p>
          </li>
          {data.partners.map((partner) => (
            <PartnerItem key={partner.id} partner={partner} manage={data.manage} />
          ))}
        </ul>
        {data.partners.length === 0 ? <p className="empty">No partner yet.{data.manage ? " Invite institutions from other countries below." : ""}</p> : null}
      </section>

      {data.manage && data.directory ? (
        <InvitePartnerSection page={data} directory={data.directory} inviteForm={inviteForm} inviting={inviting} />
      ) : data.isLeadApplicant ? (
        <p className="muted">{NOT_A_DRAFT}</p>
      ) : null}
      {data.manage ? <RemovePartnersSection partners={data.partners} actionData={actionData} /> : null}
    </>
  );
}
