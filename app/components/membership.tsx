import { Trans } from "../trans";
import { useTranslation } from "../translation";
import type { Role } from "../../workflows/actors";
import { WB6_COUNTRIES } from "../../workflows/countries";
import type { Translate } from "../../workflows/words";
import { CountryName } from "./country";

/** The roles in English, for the pages that still write English (people and person forms). */
export const ROLE_LABELS: Record<Role, string> = {
  applicant: "Applicant",
  administrator: "Administrator (TAF team)",
  reviewer: "Reviewer",
  countryAdvisor: "Country advisor",
};

const ROLE_KEYS: Record<Role, string> = {
  applicant: "membership.role.applicant",
  administrator: "membership.role.administrator",
  reviewer: "membership.role.reviewer",
  countryAdvisor: "membership.role.countryAdvisor",
};

/** A role's name in the page's language. */
export function roleLabel(role: Role, t: Translate): string {
  return t(ROLE_KEYS[role]);
}

type MembershipView = {
  role: Role;
  institutionName: string | null;
  countryName: string | null;
  countryCode: string | null;
  countryNeedsFootnote: boolean;
  affiliation: string | null;
};

/** The country's name in the reader's language; a country outside the WB6 keeps the directory's name. */
function countryOf(m: MembershipView, t: Translate) {
  const wb6 = WB6_COUNTRIES.find((country) => country.code === m.countryCode);
  return wb6 ? t(wb6.key) : (m.countryName ?? m.countryCode);
}

export function membershipText(m: MembershipView, t: Translate) {
  if (m.role === "applicant") return m.institutionName ? t("membership.applicantAt", { institution: m.institutionName }) : t("membership.applicant");
  if (m.role === "reviewer") return m.affiliation ? t("membership.reviewerFor", { affiliation: m.affiliation }) : roleLabel(m.role, t);
  if (m.role === "countryAdvisor") {
    const country = countryOf(m, t);
    return country ? t("membership.advisorFor", { country }) : t("membership.advisor");
  }
  return roleLabel(m.role, t);
}

/** A person's roles in words; Kosovo* is marked wherever a country appears. */
export function MembershipList({ memberships }: { memberships: MembershipView[] }) {
  const { t } = useTranslation();
  if (!memberships.length) return <span className="muted">{t("membership.none")}</span>;
  return (
    <ul>
      {memberships.map((m, i) => (
        <li key={i}>
          {m.role === "countryAdvisor" && m.countryName ? (
            <Trans
              i18nKey="membership.advisorForCountry"
              components={{ country: <CountryName name={countryOf(m, t) ?? m.countryName} needsFootnote={m.countryNeedsFootnote} /> }}
            />
          ) : (
            membershipText(m, t)
          )}
        </li>
      ))}
    </ul>
  );
}
