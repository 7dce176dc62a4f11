import { Link } from "@remix-run/react";
import { YourTurn } from "../your-turn";

/** The applicant's home: each open feedback survey of their institutions, marked while it is still unanswered. */
export function FeedbackInvitations({ surveys }: { surveys: { roundId: number; roundTitle: string; institutionId: number; institution: string; closes: string; yourTurn: boolean }[] }) {
  if (!surveys.length) return null;
  return (
    <ul className="plain">
      {surveys.map((survey) => (
        <li key={`${survey.roundId}-${survey.institutionId}`}>
          <Link to={`/rounds/${survey.roundId}/feedback?institution=${survey.institutionId}`}>
            {survey.yourTurn ? "Give feedback" : "Change your feedback"} on {survey.roundTitle}
          </Link>
          <YourTurn yourTurn={survey.yourTurn} />{" "}
          <span className="muted">
            · for {survey.institution}, open until {survey.closes}
          </span>
        </li>
      ))}
    </ul>
  );
}
