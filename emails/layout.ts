import { mentionsKosovo } from "../workflows/countries";
import type { Language } from "../workflows/languages";
import { translatorFor } from "../workflows/messages";

export type EmailContent = {
  heading: string;
  /** Plain text, one string per paragraph: the layout escapes it for HTML. */
  paragraphs: string[];
  action?: { label: string; url: string };
  footerNote?: string;
  /** The portal's address (APP_URL), where "your account on the TAF portal" links to. */
  appUrl: string;
  /** Why this person gets mail, completing "You receive this because … the TAF portal". */
  becauseOf?: string;
  /** The language the mail is written in, for the frame's own words (English unless given). */
  language?: Language;
};

const font = "font-family:Arial,Helvetica,sans-serif;";
// People's words longer than the screen (a pasted URL, a title without spaces) break instead of
// widening the mail on a phone: overflow-wrap for current clients, word-break for older WebKit.
const wrap = "overflow-wrap:anywhere;word-break:break-word;";
const brandBlue = "#003399";

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * The one frame of every email: HTML for mail clients and its plain-text twin. Tables and
 * inline styles because Outlook on office PCs ignores most CSS; the button is repeated as a
 * raw link because some clients block buttons or strip links.
 */
export function renderEmail(content: EmailContent): { html: string; text: string } {
  const { heading, paragraphs, action, footerNote } = content;
  const { appUrl, language = "en" } = content;
  const t = translatorFor(language);
  const because = content.becauseOf ?? t("email.becauseAccount");
  const portalName = t("email.portalName");
  // The link to the portal sits inside the translated sentence, wherever the language puts it.
  const portalMark = "\u0000portal\u0000";
  const becauseHtml = escapeHtml(t("email.because", { because, portal: portalMark })).replace(
    portalMark,
    `<a href="${escapeHtml(appUrl)}" style="color:${brandBlue};">${escapeHtml(t("email.portalLink"))}</a>`,
  );
  // A link in an email must open the portal; anything else (relative, javascript:) is a bug.
  for (const url of [appUrl, action?.url]) {
    if (url !== undefined && !/^https?:\/\//i.test(url)) throw new Error(`Email link must be an absolute http(s) URL: ${url}`);
  }
  const shown = [heading, ...paragraphs, action?.label ?? "", footerNote ?? ""];
  const footnote = shown.some(mentionsKosovo) ? t("layout.kosovoFootnote") : undefined;

  const paragraphStyle = `margin:0 0 16px 0;${font}${wrap}font-size:16px;line-height:1.5;color:#1f2937;`;
  const smallStyle = `margin:0 0 12px 0;${font}${wrap}font-size:13px;line-height:1.5;color:#4b5563;`;
  const actionHtml = action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px 0;"><tr>` +
      `<td style="background-color:${brandBlue};border-radius:4px;">` +
      `<a href="${escapeHtml(action.url)}" style="display:inline-block;padding:12px 24px;${font}${wrap}font-size:16px;font-weight:bold;color:#ffffff;text-decoration:none;">${escapeHtml(action.label)}</a>` +
      `</td></tr></table>` +
      `<p style="${smallStyle}">${escapeHtml(t("email.buttonFallback"))}<br>` +
      `<a href="${escapeHtml(action.url)}" style="color:${brandBlue};word-break:break-all;">${escapeHtml(action.url)}</a></p>`
    : "";

  const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f3f4f6;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background-color:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background-color:#ffffff;border:1px solid #d1d5db;">
<tr><td style="background-color:${brandBlue};padding:16px 24px;${font}font-size:16px;font-weight:bold;color:#ffffff;">${escapeHtml(portalName)}</td></tr>
<tr><td style="padding:24px;${wrap}">
<h1 style="margin:0 0 16px 0;${font}${wrap}font-size:22px;line-height:1.3;color:#111827;">${escapeHtml(heading)}</h1>
${paragraphs.map((paragraph) => `<p style="${paragraphStyle}">${escapeHtml(paragraph)}</p>`).join("\n")}
${actionHtml}
${footerNote ? `<p style="${smallStyle}">${escapeHtml(footerNote)}</p>` : ""}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e5e7eb;">
<p style="${smallStyle}">${becauseHtml}</p>
${footnote ? `<p style="${smallStyle}">${escapeHtml(footnote)}</p>` : ""}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

  const text = [
    portalName,
    heading,
    ...paragraphs,
    ...(action ? [`${action.label}:\n${action.url}`] : []),
    ...(footerNote ? [footerNote] : []),
    `--\n${t("email.becauseText", { because, url: appUrl })}`,
    ...(footnote ? [footnote] : []),
  ].join("\n\n");

  return { html, text: `${text}\n` };
}
