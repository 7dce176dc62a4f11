import { Link, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "../translation";
import type { PageLanguage } from "../../workflows/languages";

type Pages = { param: string; page: number; pageCount: number; total: number; first: number; last: number };

/**
 * How each language groups a count's digits, as Intl writes it on the server (formatNumberIn;
 * tests/components/pagination.test.ts holds the two together). Written out because the browser
 * may lack a language's Intl data (Debian's Chromium has no Albanian or Macedonian) and would
 * then write "10,000" where the server wrote "10 000", and the page would not hydrate as rendered.
 * `from`: the fewest digits that get grouped (Albanian leaves "1000" whole).
 */
const DIGIT_GROUPS: Record<PageLanguage, { separator: string; from: number }> = {
  en: { separator: ",", from: 4 },
  "en-XA": { separator: ",", from: 4 },
  sq: { separator: "\u00a0", from: 5 },
  "sr-Latn": { separator: ".", from: 4 },
  "sr-Cyrl": { separator: ".", from: 4 },
  mk: { separator: ".", from: 4 },
};

/** A whole count as the language writes it, the same in the browser as on the server: "10.000" in mk. */
export function countIn(language: PageLanguage, value: number): string {
  const digits = String(Math.trunc(Math.abs(value)));
  const { separator, from } = DIGIT_GROUPS[language] ?? DIGIT_GROUPS.en;
  const grouped = digits.length < from ? digits : digits.replace(/\B(?=(\d{3})+$)/g, separator);
  return value < 0 ? `-${grouped}` : grouped;
}

/** rowsShown in the page's language: "51–100 од 10.000" in mk. */
export function rowsShownIn(language: PageLanguage, t: TFunction, pages: Pages) {
  const number = (value: number) => countIn(language, value);
  return t("listPages.rowsShown", { first: number(pages.first), last: number(pages.last), total: number(pages.total) });
}

/** The address of another page of the list named `param`, keeping every other search parameter. */
export function pageHref(location: { pathname: string; search: string }, param: string, page: number) {
  const params = new URLSearchParams(location.search);
  if (page > 1) params.set(param, String(page));
  else params.delete(param);
  const search = params.toString();
  return search ? `${location.pathname}?${search}` : location.pathname;
}

/**
 * Previous and Next for a paged list: plain links that keep every other search parameter (the
 * filters, the other lists' pages) and change only this list's own. `label` names the rows in
 * words, e.g. "proposals in progress", for screen readers.
 */
export function Pagination({ pages, label }: { pages: Pages; label: string }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  if (pages.pageCount <= 1) return null;
  const language = i18n.language as PageLanguage;
  const linkTo = (page: number) => pageHref(location, pages.param, page);
  return (
    <nav className="pagination" aria-label={t("listPages.pagesOf", { label })}>
      {pages.page > 1 ? (
        <Link to={linkTo(pages.page - 1)}>
          {t("listPages.previous")}
          <span className="visually-hidden"> {t("listPages.pageOf", { label })}</span>
        </Link>
      ) : null}
      <span>
        {t("listPages.position", {
          rows: rowsShownIn(language, t, pages),
          page: countIn(language, pages.page),
          pageCount: countIn(language, pages.pageCount),
        })}
      </span>
      {pages.page < pages.pageCount ? (
        <Link to={linkTo(pages.page + 1)}>
          {t("listPages.next")}
          <span className="visually-hidden"> {t("listPages.pageOf", { label })}</span>
        </Link>
      ) : null}
    </nav>
  );
}
