import type { LoaderFunctionArgs } from "@remix-run/node";
import { translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { rankingCsv } from "../reviews/ranking.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

// The ranking as a file to download, its headings in the language of the page it came from: a
// resource route, with no page of its own.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "viewRanking");
  const csv = rankingCsv(roundIdOf(params.roundId), admin, await translatorOf(request)) ?? roundNotFound();
  // A byte order mark, so that spreadsheet programs read the names' letters (ž, ć, ë) as UTF-8.
  return new Response(`\uFEFF${csv.body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csv.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
