// A long answer sent as it is made: the next text is asked of `texts` only when the connection
// has taken the last one, so a slow reader holds one chunk in memory, never the whole answer.

/** The texts as a byte stream, one text made per pull. */
export function textStream(texts: Iterator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = texts.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel() {
      texts.return?.();
    },
  });
}
