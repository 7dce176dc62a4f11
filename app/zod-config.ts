import { z } from "zod";

// zod compiles object schemas with `new Function` when it may, and finds out by trying it once:
// under the portal's Content-Security-Policy (no 'unsafe-eval') that try is a violation the
// browser reports on every page. Without the compiled fast path zod parses the same, and never
// tries. Imported first by entry.client.tsx, entry.server.tsx and root.tsx, before any schema
// is built, because zod asks when a schema is created.
z.config({ jitless: true });
