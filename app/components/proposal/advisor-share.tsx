import { Form } from "@remix-run/react";
import { CountryName } from "../country";

type Sharing = {
  proposalId: number;
  isDraft: boolean;
  shared: { at: string; byName: string } | null;
  countries: { name: string; needsFootnote: boolean; label: string }[];
  advisorCount: number;
  mayChange: boolean;
};

/** The countries in words: "Kosovo* and Serbia", each name with its footnote mark. */
function CountryList({ countries }: { countries: Sharing["countries"] }) {
  return (
    <>
      {countries.map((country, index) => (
        <span key={country.name}>
          {index === 0 ? "" : index === countries.length - 1 ? " and " : ", "}
          <CountryName name={country.name} needsFootnote={country.needsFootnote} />
        </span>
      ))}
    </>
  );
}

function inWords(names: string[]) {
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? "");
}

/**
 * On a draft: whether the country advisors of the countries taking part see it, and, for the
 * lead, the button to share it or stop sharing it. Nothing once the proposal is submitted.
 */
export function AdvisorShare({ sharing, error, headed = true }: { sharing: Sharing; error?: string | null; headed?: boolean }) {
  if (!sharing.isDraft) return null;
  if (!sharing.mayChange) {
    return sharing.shared ? (
      <p className="notice" role="note">
        {sharing.shared.byName} shared this draft with the country advisors of <CountryList countries={sharing.countries} /> on {sharing.shared.at}.
      </p>
    ) : null;
  }
  return (
    <section aria-labelledby="advisors-heading" className="narrow">
      {headed ? <h2 id="advisors-heading">Country advisors</h2> : null}
      {sharing.shared ? (
        <p>
          Shared with the country advisors of <CountryList countries={sharing.countries} /> since {sharing.shared.at} (by {sharing.shared.byName}). They can read
          the draft and its comments and write comments; they cannot change it. You can stop sharing it until you submit it.
        </p>
      ) : (
        <p>
          The project's country advisors help applicants prepare their proposals. They see your proposal once it is submitted; share the draft now and
          they can read it and comment before then. They cannot change it.
          {sharing.advisorCount === 0 ? " No country advisor has an account for these countries yet; one who gets an account later sees the shared draft." : ""}
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
            Stop sharing the draft with the country advisors
          </button>
        ) : (
          <button type="submit" name="intent" value="share">
            {/* Plain words: a link (the footnote mark) cannot sit inside a button. */}
            Share this draft with the country advisors of {inWords(sharing.countries.map((c) => c.label))}
          </button>
        )}
      </Form>
    </section>
  );
}
