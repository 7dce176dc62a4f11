import { Transform } from "node:stream";

/**
 * React 18's streaming renderer sends its 2 KiB buffer whole when a character of two or more
 * bytes does not fit at its end, so a NUL byte lands in the page before the character ("T\0ë"),
 * which breaks hydration in Albanian, BCMS and Macedonian (react/react#31134, fixed in React 19).
 * A NUL byte is never part of another character in UTF-8 and the portal refuses it in every
 * text typed, so the ones in the page are React's, and are dropped on the way out.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}
