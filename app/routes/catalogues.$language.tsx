import type { LoaderFunctionArgs } from "@remix-run/node";
import { browserCatalogue, offeredLanguage, translatorOf } from "../i18n.server";

// A language's catalogue for the browser (entry.client.tsx starts its translator with it before React
// hydrates the page). Every page used to carry it inline, nearly 200 KiB a page; now a browser
// fetches it once per language and keeps it. The address names its version (a digest of the
// words), so what is kept never outlives the words; an address with another version, or none,
// gets today's catalogue and is not kept. Public, as the sign-in page that needs it.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const language = offeredLanguage(params.language);
  if (!language) throw new Response((await translatorOf(request))("layout.error.notFound"), { status: 404, statusText: "Not Found" });
  const catalogue = browserCatalogue(language);
  const current = new URL(request.url).searchParams.get("v") === catalogue.version;
  return new Response(catalogue.json, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
    },
  });
}
