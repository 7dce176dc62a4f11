import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import type { partnershipPage } from "../../proposals/partnership-page.server";
import type { JointRule } from "../../../workflows/joint-rule";
import { CountryName } from "../country";
import { JointBadge } from "../joint-badge";
import { useTextLanguage } from "../text-language";

type PartnershipPageData = ReturnType<typeof partnershipPage>;

const STATUS_WORDS = {
  invited: "partnershipPage.summary.invited",
  confirmed: "partnershipPage.summary.confirmed",
  declined: "partnershipPage.summary.declined",
} as const;

/** The proposal in short, as a partner institution reads it before it answers. */
export function PartnershipSummary({
  proposal,
  others,
  jointCountries,
  jointRule,
}: {
  proposal: PartnershipPageData["proposal"];
  others: PartnershipPageData["partners"];
  jointCountries: PartnershipPageData["jointCountries"];
  jointRule: JointRule;
}) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <section aria-labelledby="summary-heading">
      <h2 id="summary-heading">{t("partnershipPage.summary.heading")}</h2>
      <dl className="facts">
        <dt>{t("partnershipPage.summary.round")}</dt>
        <dd>
          {proposal.roundClosesAt
            ? t("partnershipPage.summary.roundCloses", { round: proposal.roundTitle, at: proposal.roundClosesAt })
            : t("partnershipPage.summary.roundRolling", { round: proposal.roundTitle })}
        </dd>
        <dt>{t("partnershipPage.summary.themes")}</dt>
        <dd>{proposal.themes.length ? proposal.themes.join("; ") : <span className="muted">{t("partnershipPage.summary.notChosen")}</span>}</dd>
        <dt>{t("partnershipPage.summary.support")}</dt>
        <dd>{proposal.supportKinds.length ? proposal.supportKinds.join("; ") : <span className="muted">{t("partnershipPage.summary.notChosen")}</span>}</dd>
        <dt>{t("partnershipPage.summary.otherPartners")}</dt>
        <dd>
          {others.length ? (
            <ul className="plain">
              {others.map((p) => (
                <li key={p.id}>
                  {p.name}, <CountryName {...p.country} /> <span className="muted">({t(STATUS_WORDS[p.status])})</span>
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">{t("partnershipPage.summary.none")}</span>
          )}
        </dd>
        <dt>{t("partnershipPage.summary.countries")}</dt>
        <dd>
          {jointCountries.map((c, i) => (
            <span key={c.name}>
              {i ? ", " : ""}
              <CountryName {...c} />
            </span>
          ))}{" "}
          <JointBadge countries={jointCountries.length} rule={jointRule} />
        </dd>
      </dl>
      <dl className="answers">
        {(
          [
            [t("partnershipPage.summary.summary"), proposal.summary],
            [t("partnershipPage.summary.objectives"), proposal.objectives],
            [t("partnershipPage.summary.activities"), proposal.activities],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              {value ? (
                <span className="prose" {...typed}>
                  {value}
                </span>
              ) : (
                <span className="muted">{t("partnershipPage.summary.notWritten")}</span>
              )}
            </dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/proposals/${proposal.id}`}>{t("partnershipPage.summary.readAll")}</Link> ·{" "}
        <Link to={`/proposals/${proposal.id}/comments`}>{t("partnershipPage.summary.ask")}</Link>
      </p>
    </section>
  );
}
