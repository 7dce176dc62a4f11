import { Link } from "@remix-run/react";
import { CountryName } from "../country";

type Country = { name: string; needsFootnote: boolean };
type Question = { id: string; topic: string; question: string; answered: number; average: number | null; distribution: { point: number; label: string; count: number }[] };

/** Each question's answers, average and distribution, as a table a screen reader reads row by row. */
export function QuestionTable({ questions }: { questions: Question[] }) {
  const scale = questions[0]?.distribution ?? [];
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption>Ratings from 1 (very poor) to 5 (very good), per question</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Answers</th>
            <th scope="col">Average</th>
            {scale.map((s) => (
              <th scope="col" key={s.point}>
                {s.point} · {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {questions.map((q) => (
            <tr key={q.id}>
              <th scope="row" className="text" data-label="Question">
                {q.topic}
                <br />
                <span className="muted">{q.question}</span>
              </th>
              <td data-label="Answers">{q.answered}</td>
              <td data-label="Average">{q.average === null ? "–" : q.average.toFixed(1)}</td>
              {q.distribution.map((d) => (
                <td key={d.point} data-label={`${d.point} · ${d.label}`}>
                  {d.count}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The institutions' comments, each with who they are and where from. */
export function FeedbackComments({ comments }: { comments: { institution: string; country: Country; comment: string; answeredBy: string; answeredAt: string }[] }) {
  return (
    <ol className="comment-list">
      {comments.map((c) => (
        <li key={`${c.institution}-${c.answeredAt}`}>
          <p className="comment-meta">
            <strong>{c.institution}</strong>, <CountryName {...c.country} /> <span className="muted">· saved by {c.answeredBy} on {c.answeredAt}</span>
          </p>
          <p className="prose">{c.comment}</p>
        </li>
      ))}
    </ol>
  );
}

/** The lessons learnt the completion reports wrote, by proposal. */
export function ReportLessons({ lessons }: { lessons: { proposalId: number; reference: string | null; title: string; lead: string; country: Country; lessonsLearnt: string }[] }) {
  return (
    <ol className="comment-list">
      {lessons.map((l) => (
        <li key={l.proposalId}>
          <p className="comment-meta">
            <Link to={`/proposals/${l.proposalId}`}>
              {l.reference ? `${l.reference}: ` : ""}
              {l.title || "Untitled proposal"}
            </Link>{" "}
            <span className="muted">
              · led by {l.lead}, <CountryName {...l.country} />
            </span>
          </p>
          <p className="prose">{l.lessonsLearnt}</p>
        </li>
      ))}
    </ol>
  );
}
