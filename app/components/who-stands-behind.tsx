import { useTranslation } from "../translation";
import type { PartnerStatus } from "../../db/schema";
import type { JointRule } from "../../workflows/joint-rule";
import { CountryName } from "./country";
import { JointBadge } from "./joint-badge";

type Country = { name: string; needsFootnote: boolean };
type Partner = { institutionId: number; name: string; country: Country; status: string; statement?: string | null };

const PARTNER_STATUSES: Record<PartnerStatus, string> = {
  invited: "proposalFacts.status.invited",
  confirmed: "proposalFacts.status.confirmed",
  declined: "proposalFacts.status.declined",
};

/**
 * Round, lead, partners with their answers, and the countries behind the proposal: whether it is
 * joint yet. The first facts of a proposal's page and of its preview.
 */
export function WhoStandsBehind({
  roundTitle,
  lead,
  partners,
  jointCountries,
  jointRule,
  submitted = null,
  showStatements = false,
}: {
  roundTitle: string;
  lead: { name: string; country: Country };
  partners: Partner[];
  jointCountries: Country[];
  /** The round's joint rule: whether it asks for a joint proposal, and from how many countries. */
  jointRule: JointRule;
  /** When it was first submitted, and whether after the deadline (in the round's grace period). */
  submitted?: { at: string; late: boolean } | null;
  showStatements?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <dt>{t("proposalFacts.round")}</dt>
      <dd>{roundTitle}</dd>
      <dt>{t("proposalFacts.lead")}</dt>
      <dd>
        {lead.name}, <CountryName {...lead.country} />
      </dd>
      <dt>{t("proposalFacts.partners")}</dt>
      <dd>
        {partners.length ? (
          <ul className="plain">
            {partners.map((partner) => (
              <li key={partner.institutionId}>
                {partner.name}, <CountryName {...partner.country} />{" "}
                <span className={partner.status === "confirmed" ? "badge ok" : partner.status === "declined" ? "badge off" : "badge warn"}>
                  {Object.hasOwn(PARTNER_STATUSES, partner.status) ? t(PARTNER_STATUSES[partner.status as PartnerStatus]) : partner.status}
                </span>
                {showStatements && partner.statement ? <blockquote className="prose">{partner.statement}</blockquote> : null}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{t("proposalFacts.noPartner")}</span>
        )}
      </dd>
      <dt>{t("proposalFacts.countries")}</dt>
      <dd>
        {jointCountries.map((country, i) => (
          <span key={country.name}>
            {i ? ", " : ""}
            <CountryName {...country} />
          </span>
        ))}{" "}
        <JointBadge countries={jointCountries.length} rule={jointRule} />
      </dd>
      {submitted ? (
        <>
          <dt>{t("proposalFacts.submitted")}</dt>
          <dd>
            {submitted.at} {submitted.late ? <span className="badge warn">{t("proposalFacts.late")}</span> : null}
          </dd>
        </>
      ) : null}
    </>
  );
}
