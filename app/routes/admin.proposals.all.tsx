import type { LoaderFunctionArgs } from "@remix-run/node";
import { countIn } from "../components/count";
import { ProposalOverviewDocument } from "../components/proposal-overview-document";
import { pageLanguage, pageTranslatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { isFiltered } from "../proposals/overview-order";
import { overviewFilterOf } from "../proposals/overview-schema";
import { overviewRowsHtml } from "../proposals/overview-rows.server";
import { overviewAll } from "../proposals/overview.server";
import { ROWS_GO_HERE, streamedPage } from "../static-markup.server";
import styles from "../styles/app.css?url";

// The TAF team's table with every row the filters match on one page, streamed as it is read
// (ADR 027): a resource route, so that no row is held, hydrated or sent twice. The filters and
// the order are the paged table's own address.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewProposalOverview");
  const { search } = new URL(request.url);
  const filter = overviewFilterOf(new URLSearchParams(search));
  const language = await pageLanguage(request);
  const translator = pageTranslatorOf(language);
  const { t } = translator;
  const all = overviewAll(user, filter, { t, language });
  const filtered = isFiltered(filter);
  const counted = { count: all.total, number: countIn(language, all.total) };
  const shell = (
    <ProposalOverviewDocument
      language={language}
      title={t("proposalOverview.all.title")}
      stylesheet={styles}
      paged={`/admin/proposals${search}`}
      csv={`/admin/proposals.csv${search}`}
      search={search}
      order={filter}
      caption={filtered ? t("proposalOverview.captionMatching", counted) : t("proposalOverview.caption", counted)}
      empty={all.total ? null : filtered ? t("proposalOverview.noMatch") : t("proposalOverview.none")}
      rows={ROWS_GO_HERE}
    />
  );
  const chunks = (function* () {
    for (const rows of all.chunks) yield overviewRowsHtml(rows, t, language);
  })();
  return new Response(streamedPage(translator, shell, chunks), {
    headers: { "Content-Type": "text/html; charset=utf-8", "X-Row-Count": String(all.total) },
  });
}
