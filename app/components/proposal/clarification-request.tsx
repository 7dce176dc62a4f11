import { Link } from "@remix-run/react";
import { Trans } from "../../trans";
import { useTranslation } from "../../translation";
import { useTextLanguage } from "../text-language";
import { DueBy } from "../deadline";
import type { DueView } from "../../proposals/deadline-words.server";

/**
 * The TAF team's open question, at the top of the proposal page: its words, when the answer is
 * due and how long is left. Only the lead institution answers; everyone else reads it.
 */
export function ClarificationRequest({
  clarification,
  internal,
}: {
  /** `answerAt`: where the lead answers, null for whoever may not answer. */
  clarification: { question: string; due?: DueView | null; answerAt: string | null; mayComment: boolean };
  /** The TAF team reads its own question as asked, not as addressed to them. */
  internal: boolean;
}) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <section aria-labelledby="clarification-heading" className="notice warning clarification">
      <h2 id="clarification-heading">{internal ? t("clarification.headingTeam") : t("clarification.heading")}</h2>
      {clarification.question ? <blockquote className="prose" {...typed}>
          {clarification.question}
        </blockquote> : null}
      {clarification.due ? <DueBy due={clarification.due} /> : null}
      {clarification.answerAt ? (
        <p>
          <Trans i18nKey="clarification.answer" components={{ answer: <Link to={clarification.answerAt} /> }} />
        </p>
      ) : internal ? (
        <p>{t("clarification.team")}</p>
      ) : (
        <p>
          {t("clarification.others")}
          {clarification.mayComment ? ` ${t("clarification.comment")}` : ""}
        </p>
      )}
    </section>
  );
}
