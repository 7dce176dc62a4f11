import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { INSTITUTION_TYPE_LABELS } from "../../workflows/vocabulary";
import { clientIp } from "../auth/session.server";
import { CountryName } from "../components/country";
import { CheckboxField, FormErrors } from "../components/fields";
import { FilterSelect } from "../components/filter-select";
import { countryOptions } from "../components/institution";
import { findInstitution, listCountries } from "../institutions/institutions.server";
import { applicantInstitutions, canOnProposal, requireProposal } from "../permissions.server";
import { invitePartner, ownPartnership, partnersOverview, removePartner, searchDirectory } from "../proposals/partners.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Partners of ${data?.proposal.reference ?? data?.proposal.title ?? "the proposal"} · TAF portal` }];

const inviteSchema = z.object({
  intent: z.literal("invite"),
  institutionId: z.number({ error: "Choose an institution from the list." }).int().positive("Choose an institution from the list."),
  // The search the lead was looking at, to come back to it after the invitation.
  q: z.string().max(200).optional(),
  country: z.string().max(2).optional(),
});

const removeSchema = z.object({
  intent: z.literal("remove"),
  partnerId: z.number({ error: "Reload the page and try again." }).int().positive(),
  confirm: z.boolean({ error: "Tick the box to confirm that you want to remove this partner." }),
});

const NOT_A_DRAFT = "Partners can change only while the proposal is a draft. After submission they stay as they were submitted.";

function searchOf(params: URLSearchParams, countryCodes: string[]) {
  const country = params.get("country") ?? "";
  return {
    search: params.get("q")?.trim().slice(0, 200) || undefined,
    countryCode: countryCodes.includes(country) ? country : undefined,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const overview = partnersOverview(proposal.proposalId)!;
  const manage = canOnProposal(user, "managePartners", proposal);
  const countries = listCountries();
  const url = new URL(request.url);
  const filter = searchOf(url.searchParams, countries.map((c) => c.code));
  // The status of this person's own institution, when they may still answer for it.
  const ownAnswer = canOnProposal(user, "respondAsPartner", proposal) ? (ownPartnership(user, proposal.proposalId)?.status ?? null) : null;
  return {
    proposal: { id: overview.id, title: overview.title, reference: overview.reference, stateLabel: overview.stateLabel },
    lead: overview.lead,
    partners: overview.partners,
    jointCountries: overview.jointCountries,
    isJoint: overview.isJoint,
    manage,
    isLeadApplicant: applicantInstitutions(user).includes(proposal.leadInstitutionId),
    ownAnswer,
    filter,
    countries,
    directory: manage ? searchDirectory(proposal.proposalId, proposal.leadInstitutionId, filter) : null,
    notice: noticeFor(url.searchParams, overview, ownAnswer),
  };
}

/** The message after a redirect: what was just done, in words. */
function noticeFor(params: URLSearchParams, overview: NonNullable<ReturnType<typeof partnersOverview>>, ownAnswer: string | null) {
  const institutionId = Number(params.get("institution"));
  switch (params.get("notice")) {
    case "invited": {
      const partner = overview.partners.find((p) => p.institutionId === institutionId);
      if (!partner) return null;
      if (partner.activeApplicants === 0) {
        return `${partner.name} is invited. No one there has an account on the portal yet, so no e-mail was sent: ask the TAF team to give one of its staff an account. They will find the invitation when they sign in.`;
      }
      return `${partner.name} is invited. ${partner.activeApplicants === 1 ? "Its applicant has" : `Its ${partner.activeApplicants} applicants have`} been sent an e-mail to confirm or decline.`;
    }
    case "removed": {
      const institution = findInstitution(institutionId);
      return institution ? `${institution.name} is no longer a partner of this proposal.` : null;
    }
    case "confirmed":
      if (ownAnswer !== "confirmed") return null;
      return "Thank you: your institution's participation is confirmed. The lead has been told by e-mail.";
    default:
      return null;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "managePartners");
  const formData = await readForm(request);
  const ip = clientIp(request);
  const base = `/proposals/${proposal.proposalId}/partners`;
  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: inviteSchema });
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
    const submission = parseWithZod(formData, { schema: removeSchema });
    if (submission.status !== "success") return { intent: "remove" as const, partnerId, result: submission.reply() };
    const outcome = removePartner(user, { proposalId: proposal.proposalId, partnerId: submission.value.partnerId }, ip);
    if (!outcome.ok) return { intent: "remove" as const, partnerId, result: submission.reply({ formErrors: [outcome.message] }) };
    throw redirect(`${base}?notice=removed&institution=${outcome.institutionId}`);
  }
  throw new Response("The portal does not know what to do with this form. Reload the page and try again.", { status: 400, statusText: "Bad Request" });
}

type ActionData = { intent: "invite" | "remove"; partnerId: number | null; result: SubmissionResult<string[]> };

const STATUS_BADGES = {
  invited: { tone: "warn", label: "Invited: no answer yet" },
  confirmed: { tone: "ok", label: "Confirmed" },
  declined: { tone: "off", label: "Declined" },
} as const;

function RemovePartnerForm({ partner, actionData }: { partner: { id: number; name: string }; actionData?: ActionData }) {
  const [form, fields] = useForm({
    id: `remove-partner-${partner.id}`,
    lastResult: actionData?.intent === "remove" && actionData.partnerId === partner.id ? actionData.result : undefined,
    constraint: getZodConstraint(removeSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: removeSchema }),
  });
  return (
    <Form method="post" className="stack remove-partner" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="partnerId" value={partner.id} />
      <CheckboxField label={`Yes, remove ${partner.name} from this proposal`} meta={fields.confirm} />
      <button type="submit" className="danger">
        Remove this partner
      </button>
    </Form>
  );
}

export default function Partners() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const [inviteForm] = useForm({ id: "invite-partner", lastResult: actionData?.intent === "invite" ? actionData.result : undefined });
  const inviting = navigation.state !== "idle" && navigation.formData?.get("intent") === "invite" ? navigation.formData.get("institutionId") : null;
  const filtered = Boolean(data.filter.search || data.filter.countryCode);
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

      <section aria-labelledby="joint-heading" className={data.isJoint ? "notice success" : "notice warning"}>
        <h2 id="joint-heading">{data.isJoint ? "The proposal is joint" : "The proposal is not joint yet"}</h2>
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
        {data.isJoint ? null : (
          <p>A proposal is joint when confirmed institutions from at least two Western Balkan countries stand behind it. It cannot be submitted before.</p>
        )}
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
            <li key={partner.id}>
              <h3>
                {partner.name}, <CountryName {...partner.country} />
              </h3>
              <p>
                <span className={`badge ${STATUS_BADGES[partner.status].tone}`}>{STATUS_BADGES[partner.status].label}</span>{" "}
                <span className="muted">Invited on {partner.invitedAt}.</span>
              </p>
              {partner.respondedAt ? (
                <p className="muted">
                  {partner.status === "confirmed" ? "Confirmed" : "Declined"} by {partner.respondedBy ?? "an applicant"} on {partner.respondedAt}.
                </p>
              ) : null}
              {partner.statement ? (
                <blockquote>
                  <span className="muted">{partner.status === "confirmed" ? "Their role, in their words:" : "Reason given:"}</span>{" "}
                  <span className="prose">{partner.statement}</span>
                </blockquote>
              ) : null}
              {partner.status === "invited" && partner.activeApplicants === 0 ? (
                <p className="notice warning">
                  No one at {partner.name} has an account on the portal yet, so nobody can answer. The TAF team can give one of its staff an account;
                  they will find the invitation when they sign in.
                </p>
              ) : null}
              {data.manage && partner.status !== "confirmed" ? <RemovePartnerForm partner={partner} actionData={actionData} /> : null}
              {data.manage && partner.status === "confirmed" ? (
                <p className="muted">A confirmed partner cannot be removed by the lead. Its applicants can withdraw their confirmation.</p>
              ) : null}
            </li>
          ))}
        </ul>
        {data.partners.length === 0 ? <p className="empty">No partner yet.{data.manage ? " Invite institutions from other countries below." : ""}</p> : null}
      </section>

      {data.manage && data.directory ? (
        <section aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite a partner institution</h2>
          <p>
            Find the institution in the directory and invite it. Its applicants receive an e-mail and confirm or decline here, on the portal. You can
            also invite an institution that has no applicants on the portal yet: ask the TAF team to give one of its staff an account. If an
            institution is missing from the directory, ask the TAF team to add it.
          </p>
          <Form method="get" className="filters" role="search" aria-label="Find institutions in the directory">
            <div className="field">
              <label htmlFor="directory-q">Name contains</label>
              <input id="directory-q" type="search" name="q" maxLength={200} defaultValue={data.filter.search ?? ""} />
            </div>
            <FilterSelect id="directory-country" name="country" label="Country" value={data.filter.countryCode} anyLabel="All countries" options={countryOptions(data.countries)} />
            <div className="actions">
              <button type="submit">Search the directory</button>
              {filtered ? <Link to={`/proposals/${data.proposal.id}/partners`}>Clear the search</Link> : null}
            </div>
          </Form>
          <Form method="post" {...getFormProps(inviteForm)}>
            <FormErrors errors={inviteForm.errors} />
            <input type="hidden" name="intent" value="invite" />
            <input type="hidden" name="q" value={data.filter.search ?? ""} />
            <input type="hidden" name="country" value={data.filter.countryCode ?? ""} />
            {data.directory.institutions.length ? (
              <div className="table-scroll">
                <table>
                  <caption>
                    {data.directory.more
                      ? `The first ${data.directory.institutions.length} institutions: search by name or choose a country to find others`
                      : `${data.directory.institutions.length === 1 ? "1 institution" : `${data.directory.institutions.length} institutions`} you can invite`}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Institution</th>
                      <th scope="col">Country</th>
                      <th scope="col">Type</th>
                      <th scope="col">Applicants on the portal</th>
                      <th scope="col">
                        <span className="visually-hidden">Invite</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.directory.institutions.map((institution) => (
                      <tr key={institution.id}>
                        <td>{institution.name}</td>
                        <td>
                          <CountryName name={institution.countryName} needsFootnote={institution.countryNeedsFootnote} />
                        </td>
                        <td>{INSTITUTION_TYPE_LABELS[institution.type]}</td>
                        <td>
                          {institution.activeApplicants || <span className="badge warn">None yet</span>}
                        </td>
                        <td>
                          <button type="submit" name="institutionId" value={institution.id} aria-label={`Invite ${institution.name}`} disabled={inviting !== null}>
                            {inviting === String(institution.id) ? "Inviting…" : "Invite"}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="empty">
                {filtered ? "No institution you can invite matches this search. Try fewer letters or another country." : "Every institution in the directory is already on this proposal."}
              </p>
            )}
          </Form>
        </section>
      ) : data.isLeadApplicant ? (
        <p className="muted">{NOT_A_DRAFT}</p>
      ) : null}
    </>
  );
}
