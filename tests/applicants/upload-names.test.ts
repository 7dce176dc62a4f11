import { describe, expect, it } from "vitest";
import { fileNameAsChosen, withEscapedFileNames } from "../../app/proposals/upload-names.server";

// The file name in a multipart header is escaped for Remix's parser however the body is cut
// into chunks, and no byte of a file's content changes, even content that looks like a header.

const BOUNDARY = "----formdata-test-7d1";
const content = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="looks=like; a header.pdf"\r\n\r\n`;
const body =
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="Budget=2026; final 100%.pdf"\r\nContent-Type: application/pdf\r\n\r\n` +
  `%PDF-1.4 ${content.replaceAll(BOUNDARY, "not-the-boundary")}\r\n--${BOUNDARY}--\r\n`;

async function escapedInChunksOf(size: number) {
  const bytes = Buffer.from(body);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += size) controller.enqueue(bytes.subarray(at, at + size));
      controller.close();
    },
  });
  const request = new Request("http://localhost/upload", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: stream,
    duplex: "half",
  } as RequestInit);
  return await withEscapedFileNames(request).text();
}

describe("file names on their way to the multipart parser", () => {
  it("escapes = ; and % in the file name only, whatever the chunks", async () => {
    const expected = body.replace('filename="Budget=2026; final 100%.pdf"', 'filename="Budget%3D2026%3B final 100%25.pdf"');
    for (const size of [1, 3, 17, 64, 100_000]) expect(await escapedInChunksOf(size)).toBe(expected);
  });

  it("gives back the name as chosen, the browser's escapes of quotes included", () => {
    expect(fileNameAsChosen("Budget%3D2026%3B final 100%25.pdf")).toBe("Budget=2026; final 100%.pdf");
    expect(fileNameAsChosen("a %22quoted%22 name.pdf")).toBe('a "quoted" name.pdf');
  });
});
