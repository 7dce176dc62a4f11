import { useTranslation } from "../translation";
import type { JointRule } from "../../workflows/joint-rule";
import { jointStanding, numberWordKey } from "../../workflows/joint-rule";
import type { PageLanguage } from "../../workflows/languages";
import { countIn } from "./count";

/**
 * Whether a proposal is joint, as its round judges it: "not joint yet" only where the round asks
 * for a joint proposal, with its own number of countries.
 */
export function JointBadge({ countries, rule }: { countries: number; rule: JointRule }) {
  const { t, i18n } = useTranslation();
  const minimum = rule.minimumCountries;
  const inWords = i18n.language === "en" ? numberWordKey(minimum) : undefined;
  switch (jointStanding(countries, rule)) {
    case "joint":
      return <span className="badge ok">{t("proposalFacts.joint")}</span>;
    case "notJointYet":
      return (
        <span className="badge warn">
          {/* English writes small numbers in words ("three"); the catalogues' other languages in figures (countInWords). */}
          {t("proposalFacts.notJointYet", { count: minimum, countries: inWords ? t(inWords) : countIn(i18n.language as PageLanguage, minimum) })}
        </span>
      );
    case "notRequired":
      return <span className="badge">{t("proposalFacts.notRequired")}</span>;
  }
}
