import { PROPOSAL_PARTS } from "../../../workflows/proposal-content";
import { CountryName } from "../country";
import { EligibilityResults } from "../proposal/eligibility-check";
import { ProposalAnswer } from "../proposal-answer";

type Country = { name: string; needsFootnote: boolean };

/** Who takes part: the lead, the partners and their countries. All a reviewer reads before declaring a conflict. */
export function ReviewWhoTakesPart({ lead, partners, countries }: { lead: { name: string; country: Country }; partners: { name: string; country: Country }[]; countries: Country[] }) {
  return (
    <dl className="facts">
      <dt>Lead institution</dt>
      <dd>
        {lead.name} (<CountryName {...lead.country} />)
      </dd>
      <dt>Partners</dt>
      <dd>
        {partners.length ? (
          <ul className="plain">
            {partners.map((partner) => (
              <li key={partner.name}>
                {partner.name} (<CountryName {...partner.country} />)
              </li>
            ))}
          </ul>
        ) : (
          "None"
        )}
      </dd>
      <dt>Countries</dt>
      <dd>
        {countries.map((country, index) => (
          <span key={country.name}>
            {index ? ", " : ""}
            <CountryName {...country} />
          </span>
        ))}
      </dd>
    </dl>
  );
}

type Submitted = {
  version: { number: number; submitted: string } | null;
  answers: Record<string, unknown> | null;
  attachments: { id: number; name: string; type: string; size: string; href: string }[];
  eligibility: { at: string; results: { id: string; label: string; outcome: string; reason: string }[] } | null;
};


/** The proposal as the applicants submitted it: answers, attachments, and the eligibility result per criterion. */
export function ReviewProposalAsSubmitted({ proposal }: { proposal: Submitted }) {
  const answers = proposal.answers;
  return (
    <section aria-labelledby="submitted-heading" className="review-proposal">
      <h2 id="submitted-heading">The proposal as submitted</h2>
      {proposal.version ? <p className="muted">Version {proposal.version.number}, submitted {proposal.version.submitted}.</p> : null}
      {answers ? (
        <dl className="answers">
          {PROPOSAL_PARTS.map((part) => (
            <div key={part.key}>
              <dt>{part.label}</dt>
              <dd>
                <ProposalAnswer value={answers[part.key]} partKey={part.key} missing="quiet" />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="empty">No submitted version is kept.</p>
      )}
      <h3>Attachments</h3>
      {proposal.attachments.length ? (
        <ul>
          {proposal.attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={attachment.href}>{attachment.name}</a> <span className="muted">({attachment.type}, {attachment.size})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No attachments.</p>
      )}
      <h3>Eligibility</h3>
      {proposal.eligibility ? (
        <>
          <p className="muted">Checked {proposal.eligibility.at}.</p>
          <EligibilityResults results={proposal.eligibility.results} />
        </>
      ) : (
        <p className="empty">No eligibility check is recorded.</p>
      )}
    </section>
  );
}

type OtherReview = { id: number; label: string; scores: { name: string; score: number | null }[]; weighted: string; recommendation: string | null; commentForApplicants: string };

/** The other reviewers' submitted reviews, names withheld: shown once one's own is submitted. */
export function ReviewOthers({ others }: { others: OtherReview[] | null }) {
  return (
    <section aria-labelledby="others-heading">
      <h2 id="others-heading">The other reviews</h2>
      {others === null ? (
        <p className="muted">The other reviewers' reviews are shown once you have submitted yours, so that each review is your own judgement.</p>
      ) : others.length === 0 ? (
        <p className="empty">No other reviewer has submitted a review yet.</p>
      ) : (
        others.map((other) => (
          <article key={other.id} className="card">
            <h3>{other.label}</h3>
            <table>
              <tbody>
                {other.scores.map((score) => (
                  <tr key={score.name}>
                    <th scope="row">{score.name}</th>
                    <td>{score.score ?? "—"}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">Weighted score</th>
                  <td>{other.weighted}</td>
                </tr>
              </tbody>
            </table>
            <p>
              <strong>Recommendation:</strong> {other.recommendation ?? "—"}
            </p>
            {other.commentForApplicants ? <blockquote className="prose">{other.commentForApplicants}</blockquote> : null}
          </article>
        ))
      )}
    </section>
  );
}
