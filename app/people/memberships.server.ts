import { sql } from "drizzle-orm";
import type { Role } from "../../workflows/actors";
import { countries, institutions, memberships } from "../../db/schema";
import type { RoleView } from "./person";

// A person's memberships (their roles) as the portal reads them beside the person: each with its
// institution and its country. The session and the people pages read them the same way.

/** A membership's country: an applicant's is their institution's, a country advisor's their own. */
export const membershipCountry = sql`coalesce(${memberships.countryCode}, ${institutions.countryCode})`;

/** The columns of a membership, for a statement joining memberships, institutions and countries (on `membershipCountry`). */
export const membershipColumns = {
  role: memberships.role,
  institutionId: memberships.institutionId,
  institutionName: institutions.name,
  countryCode: countries.code,
  countryName: countries.name,
  countryNeedsFootnote: countries.needsDesignationFootnote,
  affiliation: memberships.affiliation,
};

type MembershipRow = {
  role: Role | null;
  institutionId: number | null;
  institutionName: string | null;
  countryCode: string | null;
  countryName: string | null;
  countryNeedsFootnote: boolean | null;
  affiliation: string | null;
};

/** The role a joined row carries: none for a person without memberships (the left join's empty row). */
export function roleOf(row: MembershipRow): RoleView[] {
  if (!row.role) return [];
  return [
    {
      role: row.role,
      institutionId: row.institutionId,
      institutionName: row.institutionName,
      countryCode: row.countryCode,
      countryName: row.countryName,
      countryNeedsFootnote: row.countryNeedsFootnote ?? false,
      affiliation: row.affiliation,
    },
  ];
}
