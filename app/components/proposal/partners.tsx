import type { FormMetadata, SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { INSTITUTION_TYPE_LABELS } from "../../../workflows/vocabulary";
import { removePartnerSchema } from "../../proposals/partner-schema";
import type { partnersPage } from "../../proposals/partners-page.server";
import { CountryName } from "../country";
import { CheckboxField, FormErrors } from "../fields";
import { FilterSelect } from "../filter-select";
import { countryOptions } from "../institution";

// The partners page's parts: one partner with its answer, and the lead's search of the directory.

type PartnersPageData = ReturnType<typeof partnersPage>;
type Partner = PartnersPageData["partners"][number];
type Directory = NonNullable<PartnersPageData["directory"]>;

/** What the page's action answered, to show beside the form it came from. */
export type PartnersActionData = { intent: "invite" | "remove"; partnerId: number | null; result: SubmissionResult<string[]> };

const STATUS_BADGES = {
  invited: { tone: "warn", label: "Invited: no answer yet" },
  confirmed: { tone: "ok", label: "Confirmed" },
  declined: { tone: "off", label: "Declined" },
} as const;

function RemovePartnerForm({ partner, actionData }: { partner: { id: number; name: string }; actionData?: PartnersActionData }) {
  const [form, fields] = useForm({
    id: `remove-partner-${partner.id}`,
    lastResult: actionData?.intent === "remove" && actionData.partnerId === partner.id ? actionData.result : undefined,
    constraint: getZodConstraint(removePartnerSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: removePartnerSchema }),
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

export function PartnerItem({ partner, manage }: { partner: Partner; manage: boolean }) {
  return (
    <li>
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
      {manage && partner.status === "confirmed" ? (
        <p className="muted">A confirmed partner cannot be removed by the lead. Its applicants can withdraw their confirmation.</p>
      ) : null}
    </li>
  );
}

/**
 * Removing a partner is rare and cannot be undone by the lead: it comes last on the page, each
 * partner's form folded until opened (open again when the removal was refused), with a confirmation.
 */
export function RemovePartnersSection({ partners, actionData }: { partners: Partner[]; actionData?: PartnersActionData }) {
  const removable = partners.filter((partner) => partner.status !== "confirmed");
  if (removable.length === 0) return null;
  return (
    <section aria-labelledby="remove-heading" className="rare-steps">
      <h2 id="remove-heading">Remove a partner</h2>
      {removable.map((partner) => (
        <details key={partner.id} open={actionData?.intent === "remove" && actionData.partnerId === partner.id ? true : undefined}>
          <summary className="danger">Remove {partner.name}…</summary>
          <RemovePartnerForm partner={partner} actionData={actionData} />
        </details>
      ))}
    </section>
  );
}

export function InvitePartnerSection({
  page,
  directory,
  inviteForm,
  inviting,
}: {
  page: Pick<PartnersPageData, "proposal" | "filter" | "countries">;
  directory: Directory;
  inviteForm: FormMetadata;
  inviting: FormDataEntryValue | null;
}) {
  const filtered = Boolean(page.filter.search || page.filter.countryCode);
  return (
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
        <input id="directory-q" type="search" name="q" maxLength={200} defaultValue={page.filter.search ?? ""} />
      </div>
      <FilterSelect id="directory-country" name="country" label="Country" value={page.filter.countryCode} anyLabel="All countries" options={countryOptions(page.countries)} />
      <div className="actions">
        <button type="submit">Search the directory</button>
        {filtered ? <Link to={`/proposals/${page.proposal.id}/partners`}>Clear the search</Link> : null}
      </div>
    </Form>
    <Form method="post" {...getFormProps(inviteForm)}>
      <FormErrors errors={inviteForm.errors} />
      <input type="hidden" name="intent" value="invite" />
      <input type="hidden" name="q" value={page.filter.search ?? ""} />
      <input type="hidden" name="country" value={page.filter.countryCode ?? ""} />
      {directory.institutions.length ? (
        <div className="table-scroll">
          <table className="stacked">
            <caption>
              {directory.more
                ? `The first ${directory.institutions.length} institutions: search by name or choose a country to find others`
                : `${directory.institutions.length === 1 ? "1 institution" : `${directory.institutions.length} institutions`} you can invite`}
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
              {directory.institutions.map((institution) => (
                <tr key={institution.id}>
                  <td className="text" data-label="Institution">{institution.name}</td>
                  <td data-label="Country">
                    <CountryName name={institution.countryName} needsFootnote={institution.countryNeedsFootnote} />
                  </td>
                  <td data-label="Type">{INSTITUTION_TYPE_LABELS[institution.type]}</td>
                  <td data-label="Applicants on the portal">
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
  );
}
