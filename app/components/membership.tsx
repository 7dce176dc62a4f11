import type { Role } from "../../workflows/actors";
import { CountryName } from "./country";

export const ROLE_LABELS: Record<Role, string> = {
  applicant: "Applicant",
  administrator: "Administrator (TAF team)",
  reviewer: "Reviewer",
  countryAdvisor: "Country advisor",
};

type MembershipView = {
  role: Role;
  institutionName: string | null;
  countryName: string | null;
  countryCode: string | null;
  countryNeedsFootnote: boolean;
  affiliation: string | null;
};

export function membershipText(m: MembershipView) {
  if (m.role === "applicant") return `Applicant at ${m.institutionName ?? "an institution"}`;
  if (m.role === "reviewer") return `Reviewer${m.affiliation ? ` (${m.affiliation})` : ""}`;
  if (m.role === "countryAdvisor") return `Country advisor for ${m.countryName ?? m.countryCode ?? "a country"}`;
  return ROLE_LABELS[m.role];
}

/** A person's roles in words; Kosovo* is marked wherever a country appears. */
export function MembershipList({ memberships }: { memberships: MembershipView[] }) {
  if (!memberships.length) return <span className="muted">No role yet</span>;
  return (
    <ul>
      {memberships.map((m, i) => (
        <li key={i}>
          {m.role === "countryAdvisor" && m.countryName ? (
            <>
              Country advisor for <CountryName name={m.countryName} needsFootnote={m.countryNeedsFootnote} />
            </>
          ) : (
            membershipText(m)
          )}
        </li>
      ))}
    </ul>
  );
}

