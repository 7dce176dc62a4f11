import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "../../app/html-stream.server";

// Many short texts with a two-byte letter: somewhere one falls across the renderer's 2 KiB
// buffer, as "Të zbatuara" did on the Albanian dashboard.
const page = (
  <ul>
    {Array.from({ length: 3000 }, (_, i) => (
      <li key={i}>Të {i}</li>
    ))}
  </ul>
);

function streamed(through: PassThrough | ReturnType<typeof withoutNulBytes>) {
  return new Promise<string>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page, {
      onAllReady() {
        pipe(through);
        text(through).then(resolve, reject);
      },
      onError: reject,
    });
  });
}

describe("the page as it is streamed", () => {
  it("carries React 18's stray NUL bytes when sent as rendered", async () => {
    expect(await streamed(new PassThrough())).toContain("\0");
  });

  it("arrives without them, and otherwise byte for byte as rendered", async () => {
    const html = await streamed(withoutNulBytes());
    expect(html).not.toContain("\0");
    expect(html).toBe(renderToString(page));
  });
});
