import { KOSOVO_FOOTNOTE } from "../../../workflows/countries";
import { PROPOSAL_PARTS } from "../../../workflows/proposal-content";
import { CountryName } from "../country";
import { ProposalAnswer } from "../proposal-answer";

// A proposal as submitted, for the applicants' files: the same markup on the printable page and
// in the portal's PDF. Links are written out in full, since paper has no "click here".

type Country = { name: string; needsFootnote: boolean };

export type ProposalPrintoutProps = {
  proposal: {
    id: number;
    reference: string;
    round: { title: string; code: string };
    stage: string;
    submitted: { number: number; at: string; title: string; answers: Record<string, unknown> };
    lead: { name: string; country: Country };
    partners: { institutionId: number; name: string; country: Country; status: string }[];
    attachments: { id: number; name: string; size: string }[];
    decisions: { at: string; what: string; outcome: string; texts: { label: string; text: string }[] }[];
    namesKosovo: boolean;
  };
  portalUrl: string;
};

export function ProposalPrintout({ proposal, portalUrl }: ProposalPrintoutProps) {
  const url = `${portalUrl}/proposals/${proposal.id}`;
  return (
    <article className="printable" aria-labelledby="printout-title">
      <header className="printout-head">
        <p className="muted">
          Technical Assistance Facility · {proposal.round.title} ({proposal.round.code})
        </p>
        <h1 id="printout-title">
          <span className="reference">{proposal.reference}</span>: {proposal.submitted.title}
        </h1>
        <p>
          As submitted on {proposal.submitted.at}
          {proposal.submitted.number > 1 ? ` (version ${proposal.submitted.number}, with the answer to a clarification request)` : ""}. Stage now:{" "}
          {proposal.stage}.
        </p>
        <p className="muted">
          In the portal:{" "}
          <a className="url" href={url}>
            {url}
          </a>
        </p>
      </header>

      <section aria-labelledby="printout-partners">
        <h2 id="printout-partners">Who stands behind it</h2>
        <table className="print-table stacked">
          <thead>
            <tr>
              <th scope="col">Institution</th>
              <th scope="col">Country</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td data-label="Institution">{proposal.lead.name}</td>
              <td data-label="Country">
                <CountryName {...proposal.lead.country} />
              </td>
              <td data-label="Role">Lead institution</td>
            </tr>
            {proposal.partners.map((partner) => (
              <tr key={partner.institutionId}>
                <td data-label="Institution">{partner.name}</td>
                <td data-label="Country">
                  <CountryName {...partner.country} />
                </td>
                <td data-label="Role">Partner, {partner.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="printout-content">
        <h2 id="printout-content">The proposal as submitted</h2>
        <dl className="answers">
          {PROPOSAL_PARTS.map((part) => (
            <div key={part.key}>
              <dt>{part.label}</dt>
              <dd>
                <ProposalAnswer value={proposal.submitted.answers[part.key]} partKey={part.key} missing="quiet" />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="printout-attachments">
        <h2 id="printout-attachments">Attachments submitted with it</h2>
        {proposal.attachments.length ? (
          <ul>
            {proposal.attachments.map((file) => (
              <li key={file.id}>
                {file.name} ({file.size})
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No attachments.</p>
        )}
      </section>

      <section aria-labelledby="printout-decisions" className="new-page">
        <h2 id="printout-decisions">Decisions of the TAF team</h2>
        {proposal.decisions.length ? (
          <ol className="print-decisions">
            {proposal.decisions.map((decision, i) => (
              <li key={i}>
                <p>
                  <strong>{decision.at}</strong>: {decision.what} Stage after it: {decision.outcome}.
                </p>
                {decision.texts.map((text) => (
                  <p key={text.label}>
                    {text.label}: <span className="prose">{text.text}</span>
                  </p>
                ))}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">No decision yet: the TAF team has not decided on this proposal.</p>
        )}
      </section>
      {proposal.namesKosovo ? <p className="printed-footnote">{KOSOVO_FOOTNOTE}</p> : null}
    </article>
  );
}
