import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { PageLanguage } from "../../../workflows/languages";
import { formatBrusselsDayIn } from "../../../workflows/time";
import { useTextLanguage } from "../text-language";
import { YourTurn } from "../your-turn";

/** The applicant's home: each open feedback survey of their institutions, marked while it is still unanswered. */
export function FeedbackInvitations({ surveys }: { surveys: { roundId: number; roundTitle: string; institutionId: number; institution: string; closesAt: Date | string; yourTurn: boolean }[] }) {
  const { t, i18n } = useTranslation();
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
            · {t("surveyPage.invitation.forUntil", { institution: survey.institution, closes: formatBrusselsDayIn(i18n.language as PageLanguage, new Date(survey.closesAt)) })}
          </span>
        </li>
      ))}
    </ul>
  );
}
