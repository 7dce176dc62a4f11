import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { CountryName } from "../country";
import { useTextLanguage } from "../text-language";

type Country = { name: string; needsFootnote: boolean };
type Question = { id: string; topic: string; question: string; answered: number; average: number | null; distribution: { point: number; label: string; count: number }[] };

/** Each question's answers, average and distribution, as a table a screen reader reads row by row. */
export function QuestionTable({ questions }: { questions: Question[] }) {
  const { t } = useTranslation();
  const scale = questions[0]?.distribution ?? [];
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption>{t("lessonsPage.table.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("lessonsPage.table.question")}</th>
            <th scope="col">{t("lessonsPage.table.answers")}</th>
            <th scope="col">{t("lessonsPage.table.average")}</th>
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
              <th scope="row" className="text" data-label={t("lessonsPage.table.question")}>
                {q.topic}
                <br />
                <span className="muted">{q.question}</span>
              </th>
              <td data-label={t("lessonsPage.table.answers")}>{q.answered}</td>
              <td data-label={t("lessonsPage.table.average")}>{q.average === null ? "–" : q.average.toFixed(1)}</td>
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

/** The institutions' comments, each with who they are and where from; a comment stays as its institution wrote it. */
export function FeedbackComments({ comments }: { comments: { institution: string; country: Country; comment: string; answeredBy: string; answeredAt: string }[] }) {
  const { t } = useTranslation();
  const asWritten = useTextLanguage("en");
  return (
    <ol className="comment-list">
      {comments.map((c) => (
        <li key={`${c.institution}-${c.answeredAt}`}>
          <p className="comment-meta">
            <strong>{c.institution}</strong>, <CountryName {...c.country} />{" "}
            <span className="muted">· {t("lessonsPage.savedBy", { person: c.answeredBy, at: c.answeredAt })}</span>
          </p>
          <p className="prose" {...asWritten}>
            {c.comment}
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The lessons learnt the completion reports wrote, by proposal. */
export function ReportLessons({ lessons }: { lessons: { proposalId: number; reference: string | null; title: string; lead: string; country: Country; lessonsLearnt: string }[] }) {
  const { t } = useTranslation();
  const asWritten = useTextLanguage("en");
  return (
    <ol className="comment-list">
      {lessons.map((l) => (
        <li key={l.proposalId}>
          <p className="comment-meta">
            <Link to={`/proposals/${l.proposalId}`}>
              {l.reference ? `${l.reference}: ` : ""}
              {l.title ? <span {...asWritten}>{l.title}</span> : t("lessonsPage.untitled")}
            </Link>{" "}
            <span className="muted">
              · {t("lessonsPage.ledBy", { lead: l.lead })}, <CountryName {...l.country} />
            </span>
          </p>
          <p className="prose" {...asWritten}>
            {l.lessonsLearnt}
          </p>
        </li>
      ))}
    </ol>
  );
}
