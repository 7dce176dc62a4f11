import { Link, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "../translation";
import type { PageLanguage } from "../../workflows/languages";
import { countIn } from "./count";

type Pages = { param: string; page: number; pageCount: number; total: number; first: number; last: number };

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
