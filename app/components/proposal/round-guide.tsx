import { Trans } from "../../trans";
import { useTranslation } from "../../translation";
import type { RoundLimits, WordLimitedPart } from "../../proposals/content-schema";
import { partLabelKey } from "../../proposals/draft-parts";
import { useTextLanguage } from "../text-language";

// A round's guide to applicants as the drafting pages show it: the TAF team's guidance, the
// eligibility criteria the automatic check reads (in the round's words), the limits and what the
// round funds. Beside the edit form on a wide screen; on a phone a disclosure above it.

export type RoundGuideData = {
  /** The round's budget limit as the page's language writes the number. */
  maxBudget: string;
  guidance: string;
  criteria: { id: string; name: string; guidance: string }[];
  limits: RoundLimits;
  themes: string[];
  supportKinds: string[];
  fundsEverything: boolean;
};

const WORD_LIMITED: WordLimitedPart[] = ["summary", "problem", "objectives", "activities", "expectedResults"];

/** The guide's content; `level` is the heading level of its sections on the page. */
export function RoundGuide({ guide, level }: { guide: RoundGuideData; level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  const { t } = useTranslation();
  // The TAF team writes the guidance and the criteria's explanations in English.
  const typed = useTextLanguage("en");
  const { limits } = guide;
  return (
    <div className="round-guide">
      {guide.guidance ? (
        <>
          <Heading>{t("roundGuide.guidance")}</Heading>
          <p className="prose" {...typed}>
            {guide.guidance}
          </p>
        </>
      ) : null}
      <Heading>{t("roundGuide.limits")}</Heading>
      <ul>
        <li>{t("roundGuide.budget", { amount: guide.maxBudget })}</li>
        <li>{t("roundGuide.duration", { count: limits.maxDurationMonths })}</li>
        <li>{t("roundGuide.partners", { count: limits.maxPartners })}</li>
        <li>
          {t("roundGuide.words")}
          <ul>
            {WORD_LIMITED.map((part) => (
              <li key={part}>
                {t("roundGuide.wordsOf", { part: t(partLabelKey(part)), count: limits.words[part] })}
              </li>
            ))}
          </ul>
        </li>
      </ul>
      <Heading>{t("roundGuide.funds")}</Heading>
      {guide.fundsEverything ? (
        <p>{t("roundGuide.fundsEverything")}</p>
      ) : (
        <>
          <p>
            <Trans i18nKey="roundGuide.themes" values={{ list: guide.themes.join("; ") }} components={{ strong: <strong /> }} />
          </p>
          <p>
            <Trans i18nKey="roundGuide.supportKinds" values={{ list: guide.supportKinds.join("; ") }} components={{ strong: <strong /> }} />
          </p>
        </>
      )}
      <Heading>{t("roundGuide.criteria")}</Heading>
      <p className="muted">{t("roundGuide.criteriaIntro")}</p>
      <ol className="criteria">
        {guide.criteria.map((criterion) => (
          <li key={criterion.id}>
            <strong>{criterion.name}</strong>
            {criterion.guidance ? (
              <span className="prose criterion-guidance" {...typed}>
                {criterion.guidance}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
