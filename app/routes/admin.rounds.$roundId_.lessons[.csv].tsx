import type { LoaderFunctionArgs } from "@remix-run/node";
import { CSV_BYTE_ORDER_MARK, csvHeaders } from "../csv.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { lessonsCsv } from "../lessons/lessons.server";
import { requirePermission } from "../permissions.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

// The round's lessons learnt as a file to download, in the language of the page it came from: a
// resource route, with no page of its own.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "viewLessonsLearnt");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const csv = lessonsCsv(roundIdOf(params.roundId), admin, words) ?? roundNotFound();
  return new Response(`${CSV_BYTE_ORDER_MARK}${csv.body}`, { headers: csvHeaders(csv.fileName) });
}
