import { Form } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { CountryName } from "../country";

type Sharing = {
  proposalId: number;
  isDraft: boolean;
  shared: { at: string; byName: string } | null;
  countries: { name: string; needsFootnote: boolean; label: string }[];
  advisorCount: number;
  mayChange: boolean;
};

/** The countries in the page's words: "Kosovo* and Serbia", "Kosova* dhe Serbia", each name with its footnote mark. */
function CountryList({ countries }: { countries: Sharing["countries"] }) {
  const { i18n } = useTranslation();
  const parts = new Intl.ListFormat(i18n.language, { type: "conjunction" }).formatToParts(countries.map((country) => country.name));
  let next = 0;
  return (
    <>
      {parts.map((part, index) => {
        if (part.type === "literal") return <span key={index}>{part.value}</span>;
        const country = countries[next++]!;
        return <CountryName key={index} name={country.name} needsFootnote={country.needsFootnote} />;
      })}
    </>
  );
}

/**
 * On a draft: whether the country advisors of the countries taking part see it, and, for the
 * lead, the button to share it or stop sharing it. Nothing once the proposal is submitted.
 */
export function AdvisorShare({ sharing, error, headed = true }: { sharing: Sharing; error?: string | null; headed?: boolean }) {
  const { t, i18n } = useTranslation();
  if (!sharing.isDraft) return null;
  const countries = { countries: <CountryList countries={sharing.countries} /> };
  if (!sharing.mayChange) {
    return sharing.shared ? (
      <p className="notice" role="note">
        <Trans i18nKey="advisorShare.sharedBy" values={{ person: sharing.shared.byName, at: sharing.shared.at }} components={countries} />
      </p>
    ) : null;
  }
  return (
    <section aria-labelledby="advisors-heading" className="narrow">
      {headed ? <h2 id="advisors-heading">{t("advisorShare.heading")}</h2> : null}
      {sharing.shared ? (
        <p>
          <Trans i18nKey="advisorShare.sharedSince" values={{ person: sharing.shared.byName, at: sharing.shared.at }} components={countries} />
        </p>
      ) : (
        <p>
          {t("advisorShare.intro")}
          {sharing.advisorCount === 0 ? ` ${t("advisorShare.noAdvisorYet")}` : ""}
        </p>
      )}
      {error ? (
        <p className="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <Form method="post" action={`/proposals/${sharing.proposalId}/advisors`}>
        {sharing.shared ? (
          <button type="submit" name="intent" value="stop" className="secondary">
            {t("advisorShare.stop")}
          </button>
        ) : (
          <button type="submit" name="intent" value="share">
            {/* Plain words: a link (the footnote mark) cannot sit inside a button. */}
            {t("advisorShare.share", {
              countries: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(sharing.countries.map((c) => c.label)),
            })}
          </button>
        )}
      </Form>
    </section>
  );
}
