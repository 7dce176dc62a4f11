import type { LoaderFunctionArgs } from "@remix-run/node";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { statechartSvg } from "../statecharts/picture.server";

// A statechart's picture as an image (a resource route, no page of its own). The address holds
// the machine version, the language and everything drawn, so the answer never changes: the
// browser keeps it. An address without a language is drawn in the requester's.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "viewStatechart");
  const svg = statechartSvg(params.machine, new URL(request.url).searchParams, await pageLanguage(request));
  if (svg === null) throw new Response((await translatorOf(request))("statechartPicture.noSuchPicture"), { status: 404, statusText: "Not Found" });
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, max-age=31536000, immutable" },
  });
}
