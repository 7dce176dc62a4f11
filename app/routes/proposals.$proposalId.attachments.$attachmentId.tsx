import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { createReadStream, existsSync } from "node:fs";
import { translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { attachmentFile } from "../proposals/attachments.server";

// The one way to an attachment's file: only for those who may see the proposal, and only an
// attachment of that proposal (anything else answers 404, as if it did not exist).

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  const attachmentId = Number(params.attachmentId);
  const file = Number.isSafeInteger(attachmentId) ? attachmentFile(proposal.proposalId, attachmentId) : null;
  if (!file) throw new Response((await translatorOf(request))("access.noSuchAttachment"), { status: 404 });
  if (!existsSync(file.path)) throw new Response((await translatorOf(request))("access.attachmentFileMissing"), { status: 404 });
  return new Response(createReadableStreamFromReadable(createReadStream(file.path)), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": contentDisposition(file.downloadName),
      // The type was checked when the file arrived; the browser must not guess another one.
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // Should a browser show it in place anyway, nothing in it may run or load.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}

/**
 * `attachment` with the name twice: `filename*` (RFC 6266/8187) carries it exactly in UTF-8, and
 * `filename` an ASCII stand-in for old clients. Quotes, backslashes and line breaks never reach
 * the header as themselves.
 */
function contentDisposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
