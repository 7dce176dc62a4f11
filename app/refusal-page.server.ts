import { KOSOVO_FOOTNOTE } from "../workflows/countries";
import { escapeHtml } from "../emails/layout";

// The answer the Express layer gives before a request reaches Remix (a form from another site,
// a body too large, an address that cannot be decoded): a small page in the portal's colours,
// so a person who meets it knows what happened and how to go on, not a bare line of text.

export function refusalPage(title: string, explanation: string, status: number) {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · TAF portal</title>
<style>
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; }
header { background: #003399; color: #fff; padding: 0.85rem 1.25rem; font-weight: 700; }
main { max-width: 40rem; padding: 1.5rem 1.25rem; }
a { color: #003399; }
footer { border-top: 1px solid #c8ccd4; background: #f3f5f9; color: #4d4d4d; font-size: 0.85rem; padding: 1rem 1.25rem; }
</style></head>
<body>
<header>TAF portal</header>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(explanation)}</p>
<p style="color:#4d4d4d">Error ${status}</p>
<p><a href="/">Go to the home page</a></p>
</main>
<footer>${escapeHtml(KOSOVO_FOOTNOTE)}</footer>
</body>
</html>`;
}
