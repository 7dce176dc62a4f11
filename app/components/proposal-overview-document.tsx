import type { ReactNode } from "react";
import { useTranslation } from "../translation";
import type { OverviewSort, SortOrder } from "../proposals/overview-order";
import { OverviewHeadings } from "./proposal-overview-table";
import { SiteFooter } from "./site-footer";

// The TAF team's table with every row on one page (app/routes/admin.proposals.all.tsx): sent as
// plain HTML while the rows are read, without scripts, so that ten thousand rows arrive, print
// and are searched with the browser's Find as fast as the server reads them. The portal's
// header and footer, without its menu: the way on is back to the paged table. This is the
// page's shell; its rows are written by app/proposals/overview-rows.server.ts.

function PlainLink({ href, children, lang }: { href: string; lang?: string; children: ReactNode }) {
  return (
    <a href={href} lang={lang}>
      {children}
    </a>
  );
}

type Document = {
  language: string;
  title: string;
  stylesheet: string;
  /** The table page's address with the same filters and order, and the CSV export's. */
  paged: string;
  csv: string;
  /** This address's search part, which the headings re-sort. */
  search: string;
  order: { sort: OverviewSort; order: SortOrder };
  caption: string;
  /** Said instead of the table when no proposal matches. */
  empty: string | null;
  /** Where the rows go (the server's mark, replaced by the rows as they are read). */
  rows: ReactNode;
};

export function ProposalOverviewDocument(page: Document) {
  const { t } = useTranslation();
  return (
    <html lang={page.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t("layout.pageTitle", { page: page.title })}</title>
        <link rel="stylesheet" href={page.stylesheet} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <header className="site-header">
          <a className="skip-link" href="#main">
            {t("layout.skipToContent")}
          </a>
          <div className="inner">
            <a href="/" className="brand">
              {t("layout.brand")}
              <small>{t("layout.brandTagline")}</small>
            </a>
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          <div className="inner">
            <div className="page-head">
              <h1>{page.title}</h1>
            </div>
            <p className="export">
              <a href={page.paged}>{t("proposalOverview.all.back")}</a>
              {page.empty ? null : (
                <>
                  {" · "}
                  <a href={page.csv} download>
                    {t("proposalOverview.all.csv")}
                  </a>
                </>
              )}
            </p>
            {page.empty ? (
              <>
                <p className="empty">{page.empty}</p>
                {page.rows /* none come */}
              </>
            ) : (
              <div className="table-scroll">
                <table className="stacked">
                  <caption>{page.caption}</caption>
                  <OverviewHeadings order={page.order} search={page.search} link={PlainLink} />
                  {page.rows}
                </table>
              </div>
            )}
          </div>
        </main>
        <SiteFooter link={PlainLink} />
      </body>
    </html>
  );
}
