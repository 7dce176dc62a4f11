import { z } from "zod";

// The one zod the portal's schemas use, configured before any of them is built.
// zod compiles object schemas with `new Function` when it may, and finds out by trying it once,
// when a schema is created: under the portal's Content-Security-Policy (no 'unsafe-eval') that
// try is a violation the browser reports on every page. Without the compiled fast path zod parses
// the same, and never tries. Every schema module imports z from here (not from "zod"), so the
// setting is in place before any schema exists, whatever order the bundler evaluates chunks in.
z.config({ jitless: true });

export { z };
