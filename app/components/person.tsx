import type { FieldMetadata } from "@conform-to/react";
import { getSelectProps } from "@conform-to/react";
import { useEffect, useState } from "react";
import { useTranslation } from "../translation";
import type { Role } from "../../workflows/actors";
import { roles } from "../../workflows/actors";
import { countryNameIn } from "../../workflows/countries";
import type { Translate } from "../../workflows/words";
import type { CountryChoice, InstitutionChoice } from "../institutions/institution-schema";
import type { PersonStatus, RoleView } from "../people/person";
import { CountryName } from "./country";
import { FieldError, SelectField, TextField } from "./fields";
import { countryWordIn } from "./institution";

// What the people pages show: the words for a person's roles and status, and the role fields of
// the invite and edit forms.

/** A role's name in the reader's words. */
export function roleLabel(role: Role, t: Translate): string {
  switch (role) {
    case "applicant":
      return t("personForms.role.applicant");
    case "administrator":
      return t("personForms.role.administrator");
    case "reviewer":
      return t("personForms.role.reviewer");
    case "countryAdvisor":
      return t("personForms.role.countryAdvisor");
  }
}

export function personStatusLabel(status: PersonStatus, t: Translate): string {
  switch (status) {
    case "active":
      return t("personForms.status.active");
    case "invited":
      return t("personForms.status.invited");
    case "deactivated":
      return t("personForms.status.deactivated");
  }
}

export function StatusBadge({ status }: { status: PersonStatus }) {
  const { t } = useTranslation();
  const tone = status === "active" ? "ok" : status === "invited" ? "warn" : "off";
  return <span className={`badge ${tone}`}>{personStatusLabel(status, t)}</span>;
}

/** A role in words; Kosovo* keeps its asterisk linked to the footnote. */
export function RoleText({ role }: { role: RoleView }) {
  const { t } = useTranslation();
  const country = role.countryCode ? <CountryName name={countryWordIn(role.countryCode, t)} needsFootnote={role.countryNeedsFootnote} /> : null;
  switch (role.role) {
    case "applicant":
      return (
        <>
          {t("personForms.roleText.applicantAt", { institution: role.institutionName ?? t("personForms.roleText.someInstitution") })}
          {country ? <>, {country}</> : null}
        </>
      );
    case "reviewer":
      return <>{role.affiliation ? t("personForms.roleText.reviewerFor", { affiliation: role.affiliation }) : roleLabel("reviewer", t)}</>;
    case "countryAdvisor":
      return (
        <>
          {t("personForms.roleText.advisorFor")} {country ?? t("personForms.roleText.someCountry")}
        </>
      );
    case "administrator":
      return <>{roleLabel("administrator", t)}</>;
  }
}

export function RoleList({ roles }: { roles: RoleView[] }) {
  const { t } = useTranslation();
  if (!roles.length) return <span className="muted">{t("personForms.roleText.none")}</span>;
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
  onInstitutionChange,
}: {
  fields: Record<"role" | "institutionId" | "countryCode" | "affiliation", Meta>;
  institutions: InstitutionChoice[];
  countries: CountryChoice[];
  /** Called with the institution chosen, in the browser. */
  onInstitutionChange?: (institutionId: string) => void;
}) {
  const { t } = useTranslation();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // The role as chosen in this browser: Conform's own value of a field can lag behind a choice
  // made right after another field was validated, and the fields below must follow the choice.
  const [chosenRole, setChosenRole] = useState<string | null>(null);
  const role = chosenRole ?? fields.role.value;
  const shows = (needed: Role) => !hydrated || role === needed;
  const groups = countries
    .map((country) => ({ country, institutions: institutions.filter((i) => i.countryCode === country.code) }))
    .filter((group) => group.institutions.length > 0);
  return (
    <>
      <SelectField
        label={t("personForms.field.role")}
        meta={fields.role}
        options={roles.map((r) => ({ value: r, label: roleLabel(r, t) }))}
        emptyOption={t("personForms.field.chooseRole")}
        onChange={setChosenRole}
      />
      {shows("applicant") ? (
        <div className="field">
          <label htmlFor={fields.institutionId.id}>{t("personForms.field.institution")}</label>
          <span className="hint" id={fields.institutionId.descriptionId}>
            {hydrated ? t("personForms.field.institutionHint") : t("personForms.field.institutionHintAll")}
          </span>
          <select
            {...getSelectProps(fields.institutionId, { ariaDescribedBy: fields.institutionId.descriptionId })}
            onChange={(event) => onInstitutionChange?.(event.currentTarget.value)}
          >
            <option value="">{t("personForms.field.chooseInstitution")}</option>
            {groups.map((group) => (
              <optgroup key={group.country.code} label={countryNameIn(group.country.code, t)}>
                {group.institutions.map((institution) => (
                  <option key={institution.id} value={String(institution.id)}>
                    {institution.active ? institution.name : t("personForms.field.inactiveInstitution", { name: institution.name })}
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
          label={t("personForms.field.country")}
          hint={hydrated ? t("personForms.field.countryHint") : t("personForms.field.countryHintAll")}
          meta={fields.countryCode}
          options={countries.map((c) => ({ value: c.code, label: countryNameIn(c.code, t) }))}
          emptyOption={t("personForms.field.chooseCountry")}
        />
      ) : null}
      {shows("reviewer") ? (
        <TextField
          label={t("personForms.field.affiliation")}
          hint={hydrated ? t("personForms.field.affiliationHint") : t("personForms.field.affiliationHintAll")}
          meta={fields.affiliation}
        />
      ) : null}
    </>
  );
}
