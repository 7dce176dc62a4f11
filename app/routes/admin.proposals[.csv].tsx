import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvHeaders } from "../csv.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { overviewFilterOf } from "../proposals/overview-schema";
import { overviewCsv } from "../proposals/overview.server";

// The filtered table of proposals as a file to download, streamed as it is read: a resource
// route, with no page of its own. The filters are the table page's own address.

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "viewProposalOverview");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const csv = overviewCsv(admin, overviewFilterOf(new URL(request.url).searchParams), admin, words);
  return new Response(csv.body, { headers: { ...csvHeaders(csv.fileName), "X-Row-Count": String(csv.rowCount) } });
}
