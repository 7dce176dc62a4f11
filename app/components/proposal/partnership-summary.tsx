import { Link } from "@remix-run/react";
import type { partnershipPage } from "../../proposals/partnership-page.server";
import type { JointRule } from "../../../workflows/eligibility";
import { CountryName } from "../country";
import { JointBadge } from "../joint-badge";

type PartnershipPageData = ReturnType<typeof partnershipPage>;

/** The proposal in short, as a partner institution reads it before it answers. */
export function PartnershipSummary({
  proposal,
  others,
  jointCountries,
  jointRule,
}: {
  proposal: PartnershipPageData["proposal"];
  others: PartnershipPageData["partners"];
  jointCountries: PartnershipPageData["jointCountries"];
  jointRule: JointRule;
}) {
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">The proposal in short</h2>
      <dl className="facts">
        <dt>Round</dt>
        <dd>
          {proposal.roundTitle}
          {proposal.roundClosesAt ? `, closes on ${proposal.roundClosesAt}` : " (no deadline)"}
        </dd>
        <dt>Themes</dt>
        <dd>{proposal.themes.length ? proposal.themes.join("; ") : <span className="muted">Not chosen yet</span>}</dd>
        <dt>Support wanted</dt>
        <dd>{proposal.supportKinds.length ? proposal.supportKinds.join("; ") : <span className="muted">Not chosen yet</span>}</dd>
        <dt>Other partners</dt>
        <dd>
          {others.length ? (
            <ul className="plain">
              {others.map((p) => (
                <li key={p.id}>
                  {p.name}, <CountryName {...p.country} /> <span className="muted">({p.status})</span>
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">None</span>
          )}
        </dd>
        <dt>Countries behind it</dt>
        <dd>
          {jointCountries.map((c, i) => (
            <span key={c.name}>
              {i ? ", " : ""}
              <CountryName {...c} />
            </span>
          ))}{" "}
          <JointBadge countries={jointCountries.length} rule={jointRule} />
        </dd>
      </dl>
      <dl className="answers">
        {(
          [
            ["Summary", proposal.summary],
            ["Objectives", proposal.objectives],
            ["Planned activities", proposal.activities],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value ? <span className="prose">{value}</span> : <span className="muted">Not written yet</span>}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/proposals/${proposal.id}`}>Read the whole proposal</Link> ·{" "}
        <Link to={`/proposals/${proposal.id}/comments`}>Ask the lead a question in the comments</Link>
      </p>
    </section>
  );
}
