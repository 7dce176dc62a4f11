import type { FormMetadata, SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { institutionTypeLabel } from "../../../workflows/vocabulary";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import type { removePartnerSchema } from "../../proposals/partner-schema";
import type { z } from "../../zod";
import type { partnersPage } from "../../proposals/partners-page.server";
import { CountryName } from "../country";
import { CheckboxField, FormErrors } from "../fields";
import { FilterSelect } from "../filter-select";
import { countryOptions } from "../institution";
import { useTextLanguage } from "../text-language";

// The partners page's parts: one partner with its answer, and the lead's search of the directory.

type PartnersPageData = ReturnType<typeof partnersPage>;
type Partner = PartnersPageData["partners"][number];
type Directory = NonNullable<PartnersPageData["directory"]>;

/** What the page's action answered, to show beside the form it came from. */
export type PartnersActionData = { intent: "invite" | "remove"; partnerId: number | null; result: SubmissionResult<string[]> };

const STATUS_BADGES = {
  invited: { tone: "warn", label: "partnersPage.status.invited" },
  confirmed: { tone: "ok", label: "partnersPage.status.confirmed" },
  declined: { tone: "off", label: "partnersPage.status.declined" },
} as const;

function RemovePartnerForm({ partner, checks, actionData }: { partner: { id: number; name: string }; checks: BrowserChecks; actionData?: PartnersActionData }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: `remove-partner-${partner.id}`,
    lastResult: actionData?.intent === "remove" && actionData.partnerId === partner.id ? actionData.result : undefined,
    constraint: checks.constraint,
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof removePartnerSchema>>(form, formData, checks),
  });
  return (
    <Form method="post" className="stack remove-partner" {...getFormProps(form)}>
      <FormErrors errors={form.errors} />
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="partnerId" value={partner.id} />
      <CheckboxField label={t("partnersPage.remove.confirm", { institution: partner.name })} meta={fields.confirm} />
      <button type="submit" className="danger">
        {t("partnersPage.remove.button")}
      </button>
    </Form>
  );
}

export function PartnerItem({ partner, manage }: { partner: Partner; manage: boolean }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <li>
      <h3>
        {partner.name}, <CountryName {...partner.country} />
      </h3>
      <p>
        <span className={`badge ${STATUS_BADGES[partner.status].tone}`}>{t(STATUS_BADGES[partner.status].label)}</span>{" "}
        <span className="muted">{t("partnersPage.invitedOn", { at: partner.invitedAt })}</span>
      </p>
      {partner.respondedAt ? (
        <p className="muted">
          {t(partner.status === "confirmed" ? "partnersPage.confirmedBy" : "partnersPage.declinedBy", {
            person: partner.respondedBy ?? t("partnersPage.anApplicant"),
            at: partner.respondedAt,
          })}
        </p>
      ) : null}
      {partner.statement ? (
        <blockquote>
          <span className="muted">{partner.status === "confirmed" ? t("partnersPage.theirRole") : t("partnersPage.reasonGiven")}</span>{" "}
          <span className="prose" {...typed}>
            {partner.statement}
          </span>
        </blockquote>
      ) : null}
      {partner.status === "invited" && partner.activeApplicants === 0 ? (
        <p className="notice warning">{t("partnersPage.nobodyToAnswer", { institution: partner.name })}</p>
      ) : null}
      {manage && partner.status === "confirmed" ? (
        <p className="muted">{t("partnersPage.confirmedStays")}</p>
      ) : null}
    </li>
  );
}

/**
 * Removing a partner is rare and cannot be undone by the lead: it comes last on the page, each
 * partner's form folded until opened (open again when the removal was refused), with a confirmation.
 */
/** `checks`: the removal form's, from its schema (the loader's `browserChecks`), so that zod stays on the server. */
export function RemovePartnersSection({ partners, checks, actionData }: { partners: Partner[]; checks: BrowserChecks; actionData?: PartnersActionData }) {
  const { t } = useTranslation();
  const removable = partners.filter((partner) => partner.status !== "confirmed");
  if (removable.length === 0) return null;
  return (
    <section aria-labelledby="remove-heading" className="rare-steps">
      <h2 id="remove-heading">{t("partnersPage.remove.heading")}</h2>
      {removable.map((partner) => (
        <details key={partner.id} open={actionData?.intent === "remove" && actionData.partnerId === partner.id ? true : undefined}>
          <summary className="danger">{t("partnersPage.remove.summary", { institution: partner.name })}</summary>
          <RemovePartnerForm partner={partner} checks={checks} actionData={actionData} />
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
  const { t } = useTranslation();
  const filtered = Boolean(page.filter.search || page.filter.countryCode);
  return (
  <section aria-labelledby="invite-heading">
    <h2 id="invite-heading">{t("partnersPage.invite.heading")}</h2>
    <p>{t("partnersPage.invite.intro")}</p>
    <Form method="get" className="filters" role="search" aria-label={t("partnersPage.invite.searchLabel")}>
      <div className="field">
        <label htmlFor="directory-q">{t("partnersPage.invite.nameContains")}</label>
        <input id="directory-q" type="search" name="q" maxLength={200} defaultValue={page.filter.search ?? ""} />
      </div>
      <FilterSelect
        id="directory-country"
        name="country"
        label={t("partnersPage.invite.country")}
        value={page.filter.countryCode}
        anyLabel={t("partnersPage.invite.allCountries")}
        options={countryOptions(page.countries, t)}
      />
      <div className="actions">
        <button type="submit">{t("partnersPage.invite.search")}</button>
        {filtered ? <Link to={`/proposals/${page.proposal.id}/partners`}>{t("partnersPage.invite.clear")}</Link> : null}
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
                ? t("partnersPage.directory.first", { count: directory.institutions.length })
                : t("partnersPage.directory.count", { count: directory.institutions.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("partnersPage.directory.institution")}</th>
                <th scope="col">{t("partnersPage.directory.country")}</th>
                <th scope="col">{t("partnersPage.directory.type")}</th>
                <th scope="col">{t("partnersPage.directory.applicants")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("partnersPage.directory.invite")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {directory.institutions.map((institution) => (
                <tr key={institution.id}>
                  <td className="text" data-label={t("partnersPage.directory.institution")}>
                    {institution.name}
                  </td>
                  <td data-label={t("partnersPage.directory.country")}>
                    <CountryName name={institution.countryName} needsFootnote={institution.countryNeedsFootnote} />
                  </td>
                  <td data-label={t("partnersPage.directory.type")}>{institutionTypeLabel(institution.type, t)}</td>
                  <td data-label={t("partnersPage.directory.applicants")}>
                    {institution.activeApplicants || <span className="badge warn">{t("partnersPage.directory.noneYet")}</span>}
                  </td>
                  <td>
                    <button
                      type="submit"
                      name="institutionId"
                      value={institution.id}
                      aria-label={t("partnersPage.directory.inviteNamed", { institution: institution.name })}
                      disabled={inviting !== null}
                    >
                      {inviting === String(institution.id) ? t("partnersPage.directory.inviting") : t("partnersPage.directory.invite")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">
          {filtered ? t("partnersPage.directory.noMatch") : t("partnersPage.directory.allOnProposal")}
        </p>
      )}
    </Form>
  </section>
  );
}
