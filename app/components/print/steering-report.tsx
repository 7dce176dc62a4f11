import type { ReactNode } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "../../translation";
import { kosovoFootnoteIn } from "../../../workflows/countries";
import { CountryName } from "../country";
import { useTextLanguage } from "../text-language";
import { FeedbackComments, QuestionTable } from "../lessons/lessons-summary";

// The steering committee's report, per round or per period: the same markup on the printable
// page and in the portal's PDF, in the reader's language; what people wrote (titles, comments,
// lessons) stays as written. Each main part starts a new sheet on paper.

type Country = { name: string; needsFootnote: boolean };

/** A round's lessons learnt, as its lessons page summarises them: the survey and the completion reports. */
type RoundLessons = {
  round: { id: number; code: string; title: string };
  survey: { open: boolean; closesAt: string; closedAt: string | null } | null;
  asked: number;
  answered: number;
  response: { inWords: string };
  questions: { id: string; topic: string; question: string; answered: number; average: number | null; distribution: { point: number; label: string; count: number }[] }[];
  comments: { institution: string; country: Country; comment: string; answeredBy: string; answeredAt: string }[];
  lessonsLearnt: { proposalId: number; reference: string | null; title: string; lead: string; country: Country; lessonsLearnt: string }[];
};

export type SteeringReportProps = {
  /** The one-line summary in words, and the charts, where the figures are computed. */
  summary?: ReactNode;
  charts?: ReactNode;
  report: {
    heading: string;
    /** The round's window or the period, in words. */
    covers: string;
    proposals: {
      id: number;
      reference: string;
      title: string;
      roundCode: string;
      lead: { name: string; country: Country };
      partnerCountries: Country[];
      stage: string;
      decision: string | null;
      implementation: { planned: number; held: number; completed: boolean } | null;
    }[];
    implementation: {
      id: number;
      reference: string;
      title: string;
      stage: string;
      implementation: { planned: number; held: number; completed: boolean } | null;
    }[];
    /** Each round the report covers, in the order they opened. */
    lessons: RoundLessons[];
    namesKosovo: boolean;
  };
  portalUrl: string;
  /** Whether the report spans rounds: then the table says each proposal's round. */
  showRound: boolean;
};

function countries(list: Country[]) {
  return list.map((country, i) => (
    <span key={country.name}>
      {i ? ", " : ""}
      <CountryName {...country} />
    </span>
  ));
}

export function SteeringReport({ summary, charts, report, portalUrl, showRound }: SteeringReportProps) {
  const { t } = useTranslation();
  const asWritten = useTextLanguage("en");
  const column = {
    reference: t("steeringReport.columns.reference"),
    round: t("steeringReport.columns.round"),
    title: t("steeringReport.columns.title"),
    lead: t("steeringReport.columns.lead"),
    partners: t("steeringReport.columns.partners"),
    stage: t("steeringReport.columns.stage"),
    decision: t("steeringReport.columns.decision"),
    standing: t("steeringReport.columns.standing"),
    held: t("steeringReport.columns.held"),
  };
  return (
    <article className="printable steering-report" aria-labelledby="report-title">
      <header className="printout-head">
        <p className="muted">{t("steeringReport.kicker")}</p>
        <h1 id="report-title">{report.heading}</h1>
        <p>{report.covers}</p>
        {summary}
      </header>
      {charts}

      <section aria-labelledby="report-proposals" className={charts ? "new-page" : undefined}>
        <h2 id="report-proposals">{t("steeringReport.proposalsHeading")}</h2>
        {report.proposals.length ? (
          <div className="table-scroll">
            <table className="print-table stacked">
              <thead>
                <tr>
                  <th scope="col">{column.reference}</th>
                  {showRound ? <th scope="col">{column.round}</th> : null}
                  <th scope="col">{column.title}</th>
                  <th scope="col">{column.lead}</th>
                  <th scope="col">{column.partners}</th>
                  <th scope="col">{column.stage}</th>
                  <th scope="col">{column.decision}</th>
                </tr>
              </thead>
              <tbody>
                {report.proposals.map((proposal) => (
                  <tr key={proposal.id}>
                    <td data-label={column.reference}>
                      <a href={`${portalUrl}/proposals/${proposal.id}`} className="url">
                        {proposal.reference}
                      </a>
                    </td>
                    {showRound ? <td data-label={column.round}>{proposal.roundCode}</td> : null}
                    <td data-label={column.title} {...asWritten}>
                      {proposal.title}
                    </td>
                    <td data-label={column.lead}>
                      {proposal.lead.name}, <CountryName {...proposal.lead.country} />
                    </td>
                    <td data-label={column.partners}>{proposal.partnerCountries.length ? countries(proposal.partnerCountries) : <span className="muted">{t("steeringReport.noPartners")}</span>}</td>
                    <td data-label={column.stage}>{proposal.stage}</td>
                    <td data-label={column.decision}>{proposal.decision ?? <span className="muted">{t("steeringReport.notDecided")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("steeringReport.noProposals")}</p>
        )}
      </section>

      <section aria-labelledby="report-implementation">
        <h2 id="report-implementation">{t("steeringReport.implementationHeading")}</h2>
        {report.implementation.length ? (
          <div className="table-scroll">
            <table className="print-table stacked">
              <thead>
                <tr>
                  <th scope="col">{column.reference}</th>
                  <th scope="col">{column.title}</th>
                  <th scope="col">{column.standing}</th>
                  <th scope="col" className="number">
                    {column.held}
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.implementation.map((proposal) => (
                  <tr key={proposal.id}>
                    <td data-label={column.reference}>{proposal.reference}</td>
                    <td data-label={column.title} {...asWritten}>
                      {proposal.title}
                    </td>
                    <td data-label={column.standing}>{proposal.stage}</td>
                    <td className="number" data-label={column.held}>
                      {t("steeringReport.heldOf", { held: proposal.implementation!.held, planned: proposal.implementation!.planned })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("steeringReport.noImplementation")}</p>
        )}
      </section>

      <section aria-labelledby="report-lessons" className="new-page">
        <h2 id="report-lessons">{t("steeringReport.lessonsHeading")}</h2>
        <p className="muted">{t("steeringReport.lessonsIntro")}</p>
        {report.lessons.length ? (
          report.lessons.map((lessons) => <LessonsOfRound key={lessons.round.id} lessons={lessons} named={showRound} />)
        ) : (
          <p className="muted">{t("steeringReport.noOneAsked")}</p>
        )}
      </section>
      {report.namesKosovo ? <p className="printed-footnote">{kosovoFootnoteIn(t)}</p> : null}
    </article>
  );
}

function surveyState(survey: RoundLessons["survey"], t: TFunction) {
  if (!survey) return t("steeringReport.survey.notYet");
  if (survey.closedAt) return t("surveyPage.closing.closedEarly", { at: survey.closedAt });
  return survey.open ? t("steeringReport.survey.open", { at: survey.closesAt }) : t("surveyPage.closing.closed", { at: survey.closesAt });
}

/** One round's lessons learnt; in a report that spans rounds, under the round's name. */
function LessonsOfRound({ lessons, named }: { lessons: RoundLessons; named: boolean }) {
  const { t } = useTranslation();
  const asWritten = useTextLanguage("en");
  const Heading = named ? "h4" : "h3";
  return (
    <div className="report-lessons-round">
      {named ? (
        <h3>
          <span {...asWritten}>{lessons.round.title}</span> ({lessons.round.code})
        </h3>
      ) : null}
      <Heading>{t("steeringReport.surveyHeading")}</Heading>
      <p>
        {lessons.response.inWords}{" "}
        {surveyState(lessons.survey, t)}
      </p>
      {lessons.answered ? <QuestionTable questions={lessons.questions} /> : null}
      <Heading>{t("steeringReport.commentsHeading")}</Heading>
      {lessons.comments.length ? <FeedbackComments comments={lessons.comments} /> : <p className="muted">{t("steeringReport.noComments")}</p>}
      <Heading>{t("steeringReport.fromReports")}</Heading>
      {lessons.lessonsLearnt.length ? (
        lessons.lessonsLearnt.map((lesson) => (
          <div key={lesson.proposalId} className="report-lesson">
            <p className="comment-meta">
              <strong>
                {lesson.reference ? `${lesson.reference}: ` : ""}
                <span {...asWritten}>{lesson.title}</span>
              </strong>{" "}
              <span className="muted">
                · {t("lessonsPage.ledBy", { lead: lesson.lead })}, <CountryName {...lesson.country} />
              </span>
            </p>
            <p className="prose" {...asWritten}>
              {lesson.lessonsLearnt}
            </p>
          </div>
        ))
      ) : (
        <p className="muted">{t("steeringReport.noReports")}</p>
      )}
    </div>
  );
}
