import type { ReactNode } from "react";
import { KOSOVO_FOOTNOTE } from "../../../workflows/countries";
import { CountryName } from "../country";
import { FeedbackComments, QuestionTable } from "../lessons/lessons-summary";

// The steering committee's report, per round or per period: the same markup on the printable
// page and in the portal's PDF. Each main part starts a new sheet on paper.

type Country = { name: string; needsFootnote: boolean };

/** A round's lessons learnt, as its lessons page summarises them: the survey and the completion reports. */
type RoundLessons = {
  round: { id: number; code: string; title: string };
  survey: { open: boolean; closesAt: string; closedAt: string | null } | null;
  asked: number;
  answered: number;
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
  return (
    <article className="printable steering-report" aria-labelledby="report-title">
      <header className="printout-head">
        <p className="muted">Technical Assistance Facility · Report to the steering committee</p>
        <h1 id="report-title">{report.heading}</h1>
        <p>{report.covers}</p>
        {summary}
      </header>
      {charts}

      <section aria-labelledby="report-proposals" className={charts ? "new-page" : undefined}>
        <h2 id="report-proposals">The proposals, their stage and decision</h2>
        {report.proposals.length ? (
          <div className="table-scroll">
            <table className="print-table stacked">
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  {showRound ? <th scope="col">Round</th> : null}
                  <th scope="col">Title</th>
                  <th scope="col">Lead institution</th>
                  <th scope="col">Partner countries</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Decision</th>
                </tr>
              </thead>
              <tbody>
                {report.proposals.map((proposal) => (
                  <tr key={proposal.id}>
                    <td data-label="Reference">
                      <a href={`${portalUrl}/proposals/${proposal.id}`} className="url">
                        {proposal.reference}
                      </a>
                    </td>
                    {showRound ? <td data-label="Round">{proposal.roundCode}</td> : null}
                    <td data-label="Title">{proposal.title}</td>
                    <td data-label="Lead institution">
                      {proposal.lead.name}, <CountryName {...proposal.lead.country} />
                    </td>
                    <td data-label="Partner countries">{proposal.partnerCountries.length ? countries(proposal.partnerCountries) : <span className="muted">none</span>}</td>
                    <td data-label="Stage">{proposal.stage}</td>
                    <td data-label="Decision">{proposal.decision ?? <span className="muted">not decided or not released</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No proposal was submitted.</p>
        )}
      </section>

      <section aria-labelledby="report-implementation">
        <h2 id="report-implementation">Implementation</h2>
        {report.implementation.length ? (
          <div className="table-scroll">
            <table className="print-table stacked">
              <thead>
                <tr>
                  <th scope="col">Reference</th>
                  <th scope="col">Title</th>
                  <th scope="col">Where it stands</th>
                  <th scope="col" className="number">
                    Activities held
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.implementation.map((proposal) => (
                  <tr key={proposal.id}>
                    <td data-label="Reference">{proposal.reference}</td>
                    <td data-label="Title">{proposal.title}</td>
                    <td data-label="Where it stands">{proposal.stage}</td>
                    <td className="number" data-label="Activities held">
                      {proposal.implementation!.held} of {proposal.implementation!.planned}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">No proposal has reached implementation yet.</p>
        )}
      </section>

      <section aria-labelledby="report-lessons" className="new-page">
        <h2 id="report-lessons">Lessons learnt</h2>
        <p className="muted">What the institutions answered in the round's feedback survey, and what the completion reports record.</p>
        {report.lessons.length ? (
          report.lessons.map((lessons) => <LessonsOfRound key={lessons.round.id} lessons={lessons} named={showRound} />)
        ) : (
          <p className="muted">No proposal was submitted, so no one was asked.</p>
        )}
      </section>
      {report.namesKosovo ? <p className="printed-footnote">{KOSOVO_FOOTNOTE}</p> : null}
    </article>
  );
}

function surveyState(survey: RoundLessons["survey"]) {
  if (!survey) return "The survey opens when the round's decisions are released.";
  if (survey.closedAt) return `The survey was closed on ${survey.closedAt}.`;
  return survey.open ? `The survey is open until ${survey.closesAt}.` : `The survey closed on ${survey.closesAt}.`;
}

/** One round's lessons learnt; in a report that spans rounds, under the round's name. */
function LessonsOfRound({ lessons, named }: { lessons: RoundLessons; named: boolean }) {
  const Heading = named ? "h4" : "h3";
  return (
    <div className="report-lessons-round">
      {named ? (
        <h3>
          {lessons.round.title} ({lessons.round.code})
        </h3>
      ) : null}
      <Heading>The feedback survey</Heading>
      <p>
        {lessons.answered} {lessons.answered === 1 ? "answer" : "answers"} in of {lessons.asked} {lessons.asked === 1 ? "institution" : "institutions"} asked.{" "}
        {surveyState(lessons.survey)}
      </p>
      {lessons.answered ? <QuestionTable questions={lessons.questions} /> : null}
      <Heading>The institutions&apos; comments</Heading>
      {lessons.comments.length ? <FeedbackComments comments={lessons.comments} /> : <p className="muted">No comment was written.</p>}
      <Heading>From the completion reports</Heading>
      {lessons.lessonsLearnt.length ? (
        lessons.lessonsLearnt.map((lesson) => (
          <div key={lesson.proposalId} className="report-lesson">
            <p className="comment-meta">
              <strong>
                {lesson.reference ? `${lesson.reference}: ` : ""}
                {lesson.title}
              </strong>{" "}
              <span className="muted">
                · led by {lesson.lead}, <CountryName {...lesson.country} />
              </span>
            </p>
            <p className="prose">{lesson.lessonsLearnt}</p>
          </div>
        ))
      ) : (
        <p className="muted">No completion report has been submitted yet.</p>
      )}
    </div>
  );
}
