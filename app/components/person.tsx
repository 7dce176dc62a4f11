import type { FieldMetadata } from "@conform-to/react";
import { getSelectProps } from "@conform-to/react";
import { useEffect, useState } from "react";
import { z } from "zod";
import type { Role } from "../../db/schema";
import { countryLabel } from "../../workflows/countries";
import { CountryName } from "./country";
import { SelectField, TextField } from "./fields";
import type { CountryChoice } from "./institution";
import { countryOptions } from "./institution";
import { ROLE_LABELS } from "./membership";

// What the people pages share: the words for a person's roles and status, and the one schema
// of the invite and edit forms (server and browser).

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const personStatuses = ["active", "invited", "deactivated"] as const;
export type PersonStatus = (typeof personStatuses)[number];

export const PERSON_STATUS_LABELS: Record<PersonStatus, string> = {
  active: "Active",
  invited: "Invited, not yet signed in",
  deactivated: "Deactivated",
};

export function personStatus(active: boolean, hasPassword: boolean): PersonStatus {
  if (!active) return "deactivated";
  return hasPassword ? "active" : "invited";
}

export function StatusBadge({ status }: { status: PersonStatus }) {
  const tone = status === "active" ? "ok" : status === "invited" ? "warn" : "off";
  return <span className={`badge ${tone}`}>{PERSON_STATUS_LABELS[status]}</span>;
}

/** A role as the people pages show it: the institution's country, or the advisor's own. */
export type RoleView = {
  role: Role;
  institutionId: number | null;
  institutionName: string | null;
  countryCode: string | null;
  countryName: string | null;
  countryNeedsFootnote: boolean;
  affiliation: string | null;
};

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

/** The same role as plain text, for the invitation e-mail ("… invited you as an applicant at …"). */
export function roleSentence(role: RoleView) {
  const country = role.countryName ? countryLabel(role.countryName, role.countryNeedsFootnote) : null;
  switch (role.role) {
    case "applicant":
      return `an applicant at ${role.institutionName ?? "an institution"}${country ? `, ${country}` : ""}`;
    case "reviewer":
      return `a reviewer${role.affiliation ? ` (${role.affiliation})` : ""}`;
    case "countryAdvisor":
      return `the country advisor for ${country ?? "a country"}`;
    case "administrator":
      return "an administrator (TAF team)";
  }
}

const AUDIT_ACTION_LABELS: Record<string, string> = {
  personInvited: "Invited",
  invitationResent: "Invitation sent again",
  invitationAccepted: "Accepted the invitation and chose a password",
  personUpdated: "Details changed",
  personDeactivated: "Deactivated",
  personReactivated: "Reactivated",
  signIn: "Signed in",
  passwordChanged: "Changed their password",
  passwordResetRequested: "Asked for a password reset link",
  passwordReset: "Chose a new password with a reset link",
};

export function auditActionLabel(action: string) {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

// Which of institution, country and affiliation a role needs. Checked with `when` so that every
// missing field is reported at once, not only after the other fields are right.
const roleFields = {
  role: z.enum(ROLES, { error: "Choose a role." }),
  institutionId: z.number({ error: "Choose the institution." }).int().positive("Choose the institution.").optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "Choose the country.").optional(),
  affiliation: z.string().trim().max(200, "Use at most 200 characters.").optional(),
};

const personFields = {
  name: z.string({ error: "Enter the person's full name." }).trim().min(2, "Enter the person's full name.").max(200, "Use at most 200 characters."),
  jobTitle: z.string().trim().max(200, "Use at most 200 characters.").optional(),
};

type RoleInput = { role?: unknown; institutionId?: unknown; countryCode?: unknown; affiliation?: unknown };

function requireRoleDetails<T extends z.ZodType<RoleInput>>(schema: T) {
  const always = { when: () => true };
  return schema
    .refine((v) => v.role !== "applicant" || v.institutionId !== undefined, {
      ...always,
      path: ["institutionId"],
      message: "An applicant belongs to an institution: choose it.",
    })
    .refine((v) => v.role !== "countryAdvisor" || v.countryCode !== undefined, {
      ...always,
      path: ["countryCode"],
      message: "A country advisor works for one country: choose it.",
    })
    .refine((v) => v.role !== "reviewer" || (typeof v.affiliation === "string" && v.affiliation.trim() !== ""), {
      ...always,
      path: ["affiliation"],
      message: "Say whom the reviewer represents, e.g. “EU Delegation to Serbia” or “Project expert”.",
    });
}

export const inviteSchema = requireRoleDetails(
  z.object({
    ...personFields,
    email: z
      .email({ error: "Enter the person's e-mail address, like name@police.gov.rs." })
      .max(254, "Use at most 254 characters.")
      .transform((e) => e.toLowerCase()),
    ...roleFields,
  }),
);

export const editPersonSchema = requireRoleDetails(z.object({ ...personFields, ...roleFields }));

export type InviteInput = z.infer<typeof inviteSchema>;
export type PersonInput = z.infer<typeof editPersonSchema>;

export type InstitutionChoice = { id: number; name: string; active: boolean; countryCode: string; countryName: string; countryNeedsFootnote: boolean };

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
      <SelectField label="Role" meta={fields.role} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} emptyOption="Choose a role" />
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
          {fields.institutionId.errors?.length ? (
            <p className="error" id={fields.institutionId.errorId}>
              {fields.institutionId.errors.join(" ")}
            </p>
          ) : null}
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
