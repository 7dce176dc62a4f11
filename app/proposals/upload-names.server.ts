// Remix's streaming multipart parser splits a part's Content-Disposition header at every `;` and
// `=`, even inside the quoted file name, and throws on `Budget=2026.pdf` or
// `report (final; v2).pdf`: names any computer produces. The upload is still read as a stream
// (never held in memory); on its way to the parser, the file name in each part's header has
// those characters percent-escaped, and `fileNameAsChosen` turns them back.
//
// Only the header block right after a boundary line is touched: the boundary is chosen by the
// browser so that it never occurs in a file's content, so no byte of a file is ever changed.

const HEADER_END = Buffer.from("\r\n\r\n");
// A part's headers are a few hundred bytes; past this, whatever follows is passed on unread.
const MAX_HEADER_BYTES = 16 * 1024;

/** The request with every part's file name escaped for the parser; unchanged if it is no multipart form. */
export function withEscapedFileNames(request: Request): Request {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(request.headers.get("Content-Type") ?? "");
  if (!boundary || !request.body) return request;
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}\r\n`);
  let pending = Buffer.alloc(0);

  const escaping = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const start = pending.indexOf(marker);
        if (start === -1) {
          // The end of this chunk may be the start of a boundary line: keep that much back.
          const keep = Math.min(pending.length, marker.length - 1);
          if (pending.length > keep) controller.enqueue(pending.subarray(0, pending.length - keep));
          pending = pending.subarray(pending.length - keep);
          return;
        }
        const headersStart = start + marker.length;
        const headersEnd = pending.indexOf(HEADER_END, headersStart);
        if (headersEnd === -1) {
          if (pending.length - headersStart <= MAX_HEADER_BYTES) {
            // The headers are not all here yet: wait for the next chunk.
            if (start > 0) controller.enqueue(pending.subarray(0, start));
            pending = pending.subarray(start);
            return;
          }
          controller.enqueue(pending.subarray(0, headersStart));
          pending = pending.subarray(headersStart);
          continue;
        }
        controller.enqueue(pending.subarray(0, headersStart));
        controller.enqueue(escapeHeaders(pending.subarray(headersStart, headersEnd)));
        pending = pending.subarray(headersEnd);
      }
    },
    flush(controller) {
      if (pending.length) controller.enqueue(pending);
    },
  });

  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body.pipeThrough(escaping),
    duplex: "half",
  } as RequestInit);
}

/**
 * Browsers send the name quoted, with `"` and line breaks already escaped (as %22, %0D, %0A), so
 * the quoted value ends at the next `"`. Read byte for byte (latin1): the characters escaped are
 * ASCII, which never occur inside a UTF-8 sequence.
 */
function escapeHeaders(headers: Buffer) {
  const text = headers.toString("latin1");
  const escaped = text.replace(/(; *filename=")([^"]*)(")/i, (_all, before: string, name: string, after: string) => before + name.replace(/[%;=]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) + after);
  return Buffer.from(escaped, "latin1");
}

/**
 * The file name as the person's computer gave it: `withEscapedFileNames` undone, then the
 * browser's own escapes of `"` and line breaks, as the HTML standard's form parsers read them.
 */
export function fileNameAsChosen(escaped: string) {
  const unescape = (pattern: RegExp) => (text: string) => text.replace(pattern, (_all, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return unescape(/%(22|0D|0A)/gi)(unescape(/%(25|3B|3D)/g)(escaped));
}
