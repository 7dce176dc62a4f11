import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "../permissions.server";
import { statechartSvg } from "../statecharts/picture.server";

// A statechart's picture as an image (a resource route, no page of its own). The address holds
// the machine version and everything drawn, so the answer never changes: the browser keeps it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "viewStatechart");
  const svg = statechartSvg(params.machine, new URL(request.url).searchParams);
  if (svg === null) throw new Response("There is no such picture.", { status: 404, statusText: "Not Found" });
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, max-age=31536000, immutable" },
  });
}
