import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { useTextLanguage } from "../text-language";
import { YourTurn } from "../your-turn";

/** The applicant's home: each open feedback survey of their institutions, marked while it is still unanswered. */
export function FeedbackInvitations({ surveys }: { surveys: { roundId: number; roundTitle: string; institutionId: number; institution: string; closes: string; yourTurn: boolean }[] }) {
  const { t } = useTranslation();
  const roundTitle = useTextLanguage("en");
  if (!surveys.length) return null;
  return (
    <ul className="plain">
      {surveys.map((survey) => (
        <li key={`${survey.roundId}-${survey.institutionId}`}>
          <Link to={`/rounds/${survey.roundId}/feedback?institution=${survey.institutionId}`}>
            {survey.yourTurn ? t("surveyPage.invitation.give") : t("surveyPage.invitation.change")} <span {...roundTitle}>{survey.roundTitle}</span>
          </Link>
          <YourTurn yourTurn={survey.yourTurn} />{" "}
          <span className="muted">
            · {t("surveyPage.invitation.forUntil", { institution: survey.institution, closes: survey.closes })}
          </span>
        </li>
      ))}
    </ul>
  );
}
