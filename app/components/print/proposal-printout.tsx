import { useTranslation } from "../../translation";
import { kosovoFootnoteIn } from "../../../workflows/countries";
import { PROPOSAL_PARTS } from "../../../workflows/proposal-content";
import { CountryName } from "../country";
import { ProposalAnswer } from "../proposal-answer";
import type { AnswerInWords } from "../../proposals/answers-in-words.server";
import { partLabelKey } from "../../proposals/draft-parts";
import { useTextLanguage } from "../text-language";

// A proposal as submitted, for the applicants' files: the same markup on the printable page and
// in the portal's PDF, in the reader's language; what the applicants and the TAF team wrote stays
// as written. Links are written out in full, since paper has no "click here".

type Country = { name: string; needsFootnote: boolean };

export type ProposalPrintoutProps = {
  proposal: {
    id: number;
    reference: string;
    round: { title: string; code: string };
    stage: string;
    submitted: { number: number; at: string; title: string; answers: Record<string, unknown>; answersInWords: Record<string, AnswerInWords> };
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
  const { t } = useTranslation();
  const asWritten = useTextLanguage("en");
  const column = { institution: t("printout.columns.institution"), country: t("printout.columns.country"), role: t("printout.columns.role") };
  return (
    <article className="printable" aria-labelledby="printout-title">
      <header className="printout-head">
        <p className="muted">
          {t("printout.programme")} · <span {...asWritten}>{proposal.round.title}</span> ({proposal.round.code})
        </p>
        <h1 id="printout-title">
          <span className="reference">{proposal.reference}</span>: <span {...asWritten}>{proposal.submitted.title}</span>
        </h1>
        <p>
          {proposal.submitted.number > 1
            ? t("printout.asSubmittedVersion", { at: proposal.submitted.at, number: proposal.submitted.number })
            : t("printout.asSubmitted", { at: proposal.submitted.at })}{" "}
          {t("printout.stageNow", { stage: proposal.stage })}
        </p>
        <p className="muted">
          {t("printout.inThePortal")}{" "}
          <a className="url" href={url}>
            {url}
          </a>
        </p>
      </header>

      <section aria-labelledby="printout-partners">
        <h2 id="printout-partners">{t("printout.whoStandsBehind")}</h2>
        <table className="print-table stacked">
          <thead>
            <tr>
              <th scope="col">{column.institution}</th>
              <th scope="col">{column.country}</th>
              <th scope="col">{column.role}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td data-label={column.institution}>{proposal.lead.name}</td>
              <td data-label={column.country}>
                <CountryName {...proposal.lead.country} />
              </td>
              <td data-label={column.role}>{t("printout.leadInstitution")}</td>
            </tr>
            {proposal.partners.map((partner) => (
              <tr key={partner.institutionId}>
                <td data-label={column.institution}>{partner.name}</td>
                <td data-label={column.country}>
                  <CountryName {...partner.country} />
                </td>
                <td data-label={column.role}>{t("printout.partner", { status: partner.status })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="printout-content">
        <h2 id="printout-content">{t("printout.asSubmittedHeading")}</h2>
        <dl className="answers">
          {PROPOSAL_PARTS.map((part) => (
            <div key={part.key}>
              <dt>{t(partLabelKey(part.key))}</dt>
              <dd>
                <ProposalAnswer value={proposal.submitted.answers[part.key]} missing="quiet" inWords={proposal.submitted.answersInWords[part.key]} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="printout-attachments">
        <h2 id="printout-attachments">{t("printout.attachmentsHeading")}</h2>
        {proposal.attachments.length ? (
          <ul>
            {proposal.attachments.map((file) => (
              <li key={file.id}>
                {file.name} ({file.size})
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("printout.noAttachments")}</p>
        )}
      </section>

      <section aria-labelledby="printout-decisions" className="new-page">
        <h2 id="printout-decisions">{t("printout.decisionsHeading")}</h2>
        {proposal.decisions.length ? (
          <ol className="print-decisions">
            {proposal.decisions.map((decision, i) => (
              <li key={i}>
                <p>
                  <strong>{decision.at}</strong>: {decision.what} {t("printout.stageAfter", { stage: decision.outcome })}
                </p>
                {decision.texts.map((text) => (
                  <p key={text.label}>
                    {text.label}:{" "}
                    <span className="prose" {...asWritten}>
                      {text.text}
                    </span>
                  </p>
                ))}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t("printout.noDecision")}</p>
        )}
      </section>
      {proposal.namesKosovo ? <p className="printed-footnote">{kosovoFootnoteIn(t)}</p> : null}
    </article>
  );
}
