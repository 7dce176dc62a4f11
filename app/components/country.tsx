import { useTranslation } from "react-i18next";

/**
 * A country's name as the EU writes it: Kosovo carries an asterisk that links to the
 * designation footnote in every page's footer.
 */
export function CountryName({ name, needsFootnote }: { name: string; needsFootnote: boolean }) {
  const { t } = useTranslation();
  if (!needsFootnote) return <>{name}</>;
  return (
    <>
      {name}
      <a href="#kosovo-footnote" className="footnote-ref" aria-label={t("countryName.footnote")}>
        *
      </a>
    </>
  );
}
