import { useTranslation } from "../translation";
import { WB6_COUNTRIES } from "../../workflows/countries";

/**
 * A country's name as the EU writes it, in the reader's language: Kosovo carries an asterisk
 * that links to the designation footnote in every page's footer. Pages pass the name as the
 * `countries` table stores it (the English of workflows/countries.ts) or already in the reader's
 * words; a WB6 country's English name is said here in the page's language, so that no page has
 * to remember it.
 */
export function CountryName({ name, needsFootnote }: { name: string; needsFootnote: boolean }) {
  const { t } = useTranslation();
  const known = WB6_COUNTRIES.find((country) => country.name === name);
  const shown = known ? t(known.key) : name;
  if (!needsFootnote) return <>{shown}</>;
  return (
    <>
      {shown}
      <a href="#kosovo-footnote" className="footnote-ref" aria-label={t("countryName.footnote")}>
        *
      </a>
    </>
  );
}
