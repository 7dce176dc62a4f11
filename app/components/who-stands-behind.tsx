import { countInWords } from "../../workflows/eligibility";
import { CountryName } from "./country";

type Country = { name: string; needsFootnote: boolean };
type Partner = { institutionId: number; name: string; country: Country; status: string; statement?: string | null };

/**
 * Round, lead, partners with their answers, and the countries behind the proposal: whether it is
 * joint yet. The first facts of a proposal's page and of its preview.
 */
export function WhoStandsBehind({
  roundTitle,
  lead,
  partners,
  jointCountries,
  isJoint,
  minimumCountries = 2,
  submitted = null,
  showStatements = false,
}: {
  roundTitle: string;
  lead: { name: string; country: Country };
  partners: Partner[];
  jointCountries: Country[];
  isJoint: boolean;
  /** The round's number of countries that make a proposal joint. */
  minimumCountries?: number;
  /** When it was first submitted, and whether after the deadline (in the round's grace period). */
  submitted?: { at: string; late: boolean } | null;
  showStatements?: boolean;
}) {
  return (
    <>
      <dt>Round</dt>
      <dd>{roundTitle}</dd>
      <dt>Lead institution</dt>
      <dd>
        {lead.name}, <CountryName {...lead.country} />
      </dd>
      <dt>Partners</dt>
      <dd>
        {partners.length ? (
          <ul className="plain">
            {partners.map((partner) => (
              <li key={partner.institutionId}>
                {partner.name}, <CountryName {...partner.country} />{" "}
                <span className={partner.status === "confirmed" ? "badge ok" : partner.status === "declined" ? "badge off" : "badge warn"}>{partner.status}</span>
                {showStatements && partner.statement ? <blockquote className="prose">{partner.statement}</blockquote> : null}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">No partner yet</span>
        )}
      </dd>
      <dt>Countries behind it</dt>
      <dd>
        {jointCountries.map((country, i) => (
          <span key={country.name}>
            {i ? ", " : ""}
            <CountryName {...country} />
          </span>
        ))}{" "}
        {isJoint ? <span className="badge ok">joint</span> : <span className="badge warn">not joint yet: needs confirmed institutions from {countInWords(minimumCountries)} countries</span>}
      </dd>
      {submitted ? (
        <>
          <dt>Submitted</dt>
          <dd>
            {submitted.at} {submitted.late ? <span className="badge warn">submitted late, after the deadline</span> : null}
          </dd>
        </>
      ) : null}
    </>
  );
}
