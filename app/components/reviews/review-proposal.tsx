import { useTranslation } from "../../translation";
import { PROPOSAL_PARTS } from "../../../workflows/proposal-content";
import { CountryName } from "../country";
import { EligibilityResults } from "../proposal/eligibility-check";
import { ProposalAnswer } from "../proposal-answer";
import type { AnswerInWords } from "../../proposals/answers-in-words.server";
import { partLabelKey } from "../../proposals/draft-parts";
import { useTextLanguage } from "../text-language";

type Country = { name: string; needsFootnote: boolean };

/** Who takes part: the lead, the partners and their countries. All a reviewer reads before declaring a conflict. */
export function ReviewWhoTakesPart({ lead, partners, countries }: { lead: { name: string; country: Country }; partners: { name: string; country: Country }[]; countries: Country[] }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t("reviewPage.proposal.lead")}</dt>
      <dd>
        {lead.name} (<CountryName {...lead.country} />)
      </dd>
      <dt>{t("reviewPage.proposal.partners")}</dt>
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
          t("reviewPage.proposal.noPartners")
        )}
      </dd>
      <dt>{t("reviewPage.proposal.countries")}</dt>
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
  answersInWords: Record<string, AnswerInWords>;
  attachments: { id: number; name: string; type: string; size: string; href: string }[];
  eligibility: { at: string; results: { id: string; label: string; outcome: string; reason: string }[] } | null;
};


/** The proposal as the applicants submitted it: answers, attachments, and the eligibility result per criterion. */
export function ReviewProposalAsSubmitted({ proposal }: { proposal: Submitted }) {
  const { t } = useTranslation();
  const answers = proposal.answers;
  return (
    <section aria-labelledby="submitted-heading" className="review-proposal">
      <h2 id="submitted-heading">{t("reviewPage.proposal.heading")}</h2>
      {proposal.version ? <p className="muted">{t("reviewPage.proposal.version", { number: proposal.version.number, at: proposal.version.submitted })}</p> : null}
      {answers ? (
        <dl className="answers">
          {PROPOSAL_PARTS.map((part) => (
            <div key={part.key}>
              <dt>{t(partLabelKey(part.key))}</dt>
              <dd>
                <ProposalAnswer value={answers[part.key]} missing="quiet" inWords={proposal.answersInWords[part.key]} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="empty">{t("reviewPage.proposal.noVersion")}</p>
      )}
      <h3>{t("reviewPage.proposal.attachments")}</h3>
      {proposal.attachments.length ? (
        <ul>
          {proposal.attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={attachment.href}>{attachment.name}</a> <span className="muted">({attachment.type}, {attachment.size})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("reviewPage.proposal.noAttachments")}</p>
      )}
      <h3>{t("reviewPage.proposal.eligibility")}</h3>
      {proposal.eligibility ? (
        <>
          <p className="muted">{t("reviewPage.proposal.checkedAt", { at: proposal.eligibility.at })}</p>
          <EligibilityResults results={proposal.eligibility.results} />
        </>
      ) : (
        <p className="empty">{t("reviewPage.proposal.noEligibility")}</p>
      )}
    </section>
  );
}

type OtherReview = { id: number; label: string; scores: { name: string; score: number | null }[]; weighted: string; recommendation: string | null; commentForApplicants: string };

/** The other reviewers' submitted reviews, names withheld: shown once one's own is submitted. */
export function ReviewOthers({ others }: { others: OtherReview[] | null }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <section aria-labelledby="others-heading">
      <h2 id="others-heading">{t("reviewPage.others.heading")}</h2>
      {others === null ? (
        <p className="muted">{t("reviewPage.others.blind")}</p>
      ) : others.length === 0 ? (
        <p className="empty">{t("reviewPage.others.none")}</p>
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
                  <th scope="row">{t("reviewPage.others.weighted")}</th>
                  <td>{other.weighted}</td>
                </tr>
              </tbody>
            </table>
            <p>
              <strong>{t("reviewPage.others.recommendation")}</strong> {other.recommendation ?? "—"}
            </p>
            {other.commentForApplicants ? <blockquote className="prose" {...typed}>{other.commentForApplicants}</blockquote> : null}
          </article>
        ))
      )}
    </section>
  );
}
