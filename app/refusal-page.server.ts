import { kosovoFootnoteIn } from "../workflows/countries";
import { escapeHtml } from "../emails/layout";
import { pageLanguage, translatorOf } from "./i18n.server";

// The answer the Express layer gives before a request reaches Remix (a form from another site,
// a body too large, an address that cannot be decoded): a small page in the portal's colours,
// so a person who meets it knows what happened and how to go on, not a bare line of text. It is
// in the language the person chose (the cookie) or their browser asks for, as the portal's pages are.

/** Why a request was refused here: its title and explanation. */
const REFUSALS = {
  methodNotAllowed: { title: "refusalPage.methodNotAllowed.title", explanation: "refusalPage.methodNotAllowed.explanation" },
  crossSite: { title: "refusalPage.crossSite.title", explanation: "refusalPage.crossSite.explanation" },
  notAForm: { title: "refusalPage.notAForm.title", explanation: "refusalPage.notAForm.explanation" },
  noLength: { title: "refusalPage.noLength.title", explanation: "refusalPage.noLength.explanation" },
  tooLarge: { title: "refusalPage.tooLarge.title", explanation: "refusalPage.tooLarge.explanation" },
  tooLargeUpload: { title: "refusalPage.tooLargeUpload.title", explanation: "refusalPage.tooLargeUpload.explanation" },
  unreadable: { title: "refusalPage.unreadable.title", explanation: "refusalPage.unreadable.explanation" },
  broken: { title: "refusalPage.broken.title", explanation: "refusalPage.broken.explanation" },
} as const;

export type RefusalKind = keyof typeof REFUSALS;

/** The headers the language is read from: the `taf_lng` cookie, then Accept-Language. */
type Asking = { cookie?: string; acceptLanguage?: string };

export async function refusalPage(asking: Asking, kind: RefusalKind, status: number, values: Record<string, string> = {}) {
  const headers = new Headers();
  if (asking.cookie) headers.set("Cookie", asking.cookie);
  if (asking.acceptLanguage) headers.set("Accept-Language", asking.acceptLanguage);
  const request = new Request("http://portal/", { headers });
  const [t, language] = [await translatorOf(request), await pageLanguage(request)];
  const title = t(REFUSALS[kind].title);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t("layout.pageTitle", { page: title }))}</title>
<style>
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; }
header { background: #003399; color: #fff; padding: 0.85rem 1.25rem; font-weight: 700; }
main { max-width: 40rem; padding: 1.5rem 1.25rem; }
a { color: #003399; }
footer { border-top: 1px solid #c8ccd4; background: #f3f5f9; color: #4d4d4d; font-size: 0.85rem; padding: 1rem 1.25rem; }
</style></head>
<body>
<header>${escapeHtml(t("layout.portalTitle"))}</header>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t(REFUSALS[kind].explanation, values))}</p>
<p style="color:#4d4d4d">${escapeHtml(t("layout.error.status", { status }))}</p>
<p><a href="/">${escapeHtml(t("layout.error.home"))}</a></p>
</main>
<footer>${escapeHtml(kosovoFootnoteIn(t))}</footer>
</body>
</html>`;
}
