import { Form } from "@remix-run/react";
import { Trans } from "../../trans";
import { useTranslation } from "../../translation";
import { CountryName } from "../country";

type Sharing = {
  proposalId: number;
  isDraft: boolean;
  shared: { at: string; byName: string } | null;
  countries: { name: string; needsFootnote: boolean; label: string }[];
  advisorCount: number;
  mayChange: boolean;
};

/**
 * The countries in the page's words: "Kosovo* and Serbia", "Kosova* dhe Serbia", each name with
 * its footnote mark. The catalogue's word, not Intl.ListFormat, whose data differs between the
 * server's and a browser's ICU and would change the text as the page hydrates.
 */
function CountryList({ countries }: { countries: Sharing["countries"] }) {
  const { t } = useTranslation();
  return (
    <>
      {countries.map((country, index) => (
        <span key={country.name}>
          {index === 0 ? "" : index === countries.length - 1 ? ` ${t("advisorShare.and")} ` : ", "}
          <CountryName name={country.name} needsFootnote={country.needsFootnote} />
        </span>
      ))}
    </>
  );
}

function inWords(names: string[], and: string) {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} ${and} ${names.at(-1)}` : (names[0] ?? "");
}

/**
 * On a draft: whether the country advisors of the countries taking part see it, and, for the
 * lead, the button to share it or stop sharing it. Nothing once the proposal is submitted.
 */
export function AdvisorShare({ sharing, error, headed = true }: { sharing: Sharing; error?: string | null; headed?: boolean }) {
  const { t } = useTranslation();
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
            {t("advisorShare.share", { countries: inWords(sharing.countries.map((c) => c.label), t("advisorShare.and")) })}
          </button>
        )}
      </Form>
    </section>
  );
}
