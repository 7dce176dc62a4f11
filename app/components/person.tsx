import type { FieldMetadata } from "@conform-to/react";
import { getSelectProps } from "@conform-to/react";
import { useEffect, useState } from "react";
import type { Role } from "../../workflows/actors";
import { roles } from "../../workflows/actors";
import { countryLabel } from "../../workflows/countries";
import type { CountryChoice, InstitutionChoice } from "../institutions/institution-schema";
import type { PersonStatus, RoleView } from "../people/person-schema";
import { CountryName } from "./country";
import { FieldError, SelectField, TextField } from "./fields";
import { countryOptions } from "./institution";
import { ROLE_LABELS } from "./membership";

// What the people pages show: the words for a person's roles and status, and the role fields of
// the invite and edit forms.


export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = {
  active: "Active",
  invited: "Invited, not yet signed in",
  deactivated: "Deactivated",
};

export function StatusBadge({ status }: { status: PersonStatus }) {
  const tone = status === "active" ? "ok" : status === "invited" ? "warn" : "off";
  return <span className={`badge ${tone}`}>{PERSON_STATUS_LABELS[status]}</span>;
}

/** A role in words; Kosovo* keeps its asterisk linked to the footnote. */
export function RoleText({ role }: { role: RoleView }) {
  const country = role.countryName ? <CountryName name={role.countryName} needsFootnote={role.countryNeedsFootnote} /> : null;
  switch (role.role) {
    case "applicant":
      return (
        <>
          Applicant at {role.institutionName ?? "an institution"}
          {country ? <>, {country}</> : null}
        </>
      );
    case "reviewer":
      return <>Reviewer{role.affiliation ? ` (${role.affiliation})` : ""}</>;
    case "countryAdvisor":
      return <>Country advisor for {country ?? "a country"}</>;
    case "administrator":
      return <>{ROLE_LABELS.administrator}</>;
  }
}

export function RoleList({ roles }: { roles: RoleView[] }) {
  if (!roles.length) return <span className="muted">No role</span>;
  if (roles.length === 1) return <RoleText role={roles[0]!} />;
  return (
    <ul>
      {roles.map((role, i) => (
        <li key={i}>
          <RoleText role={role} />
        </li>
      ))}
    </ul>
  );
}

type Meta = FieldMetadata<string | number | boolean | undefined | null>;

/**
 * Role, and the institution, country or affiliation it needs. Without JavaScript all three show
 * with hints saying which role needs which; with it, only the one the chosen role needs.
 */
export function RoleFields({
  fields,
  institutions,
  countries,
}: {
  fields: Record<"role" | "institutionId" | "countryCode" | "affiliation", Meta>;
  institutions: InstitutionChoice[];
  countries: CountryChoice[];
}) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const role = fields.role.value;
  const shows = (needed: Role) => !hydrated || role === needed;
  const groups = countries
    .map((country) => ({ country, institutions: institutions.filter((i) => i.countryCode === country.code) }))
    .filter((group) => group.institutions.length > 0);
  return (
    <>
      <SelectField label="Role" meta={fields.role} options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} emptyOption="Choose a role" />
      {shows("applicant") ? (
        <div className="field">
          <label htmlFor={fields.institutionId.id}>Institution</label>
          <span className="hint" id={fields.institutionId.descriptionId}>
            {hydrated ? "The institution the applicant works for." : "Needed for applicants only: the institution they work for."}
          </span>
          <select {...getSelectProps(fields.institutionId, { ariaDescribedBy: fields.institutionId.descriptionId })}>
            <option value="">Choose an institution</option>
            {groups.map((group) => (
              <optgroup key={group.country.code} label={countryLabel(group.country.name, group.country.needsFootnote)}>
                {group.institutions.map((institution) => (
                  <option key={institution.id} value={String(institution.id)}>
                    {institution.name}
                    {institution.active ? "" : " (not active)"}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError meta={fields.institutionId} />
        </div>
      ) : null}
      {shows("countryAdvisor") ? (
        <SelectField
          label="Country"
          hint={hydrated ? "The country the advisor works in." : "Needed for country advisors only: the country they work in."}
          meta={fields.countryCode}
          options={countryOptions(countries)}
          emptyOption="Choose a country"
        />
      ) : null}
      {shows("reviewer") ? (
        <TextField
          label="Affiliation"
          hint={
            hydrated
              ? "Whom the reviewer represents, e.g. “EU Delegation to Serbia”, “DG HOME” or “Project expert”."
              : "Needed for reviewers only: whom they represent, e.g. “EU Delegation to Serbia”, “DG HOME” or “Project expert”."
          }
          meta={fields.affiliation}
        />
      ) : null}
    </>
  );
}
