// The house's import rules (docs/architecture.md): imports point inward, towards workflows/.
// `npm run imports` checks them; tests/architecture runs it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment: "A cycle makes two modules one: neither can be read, tested or moved alone.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "workflows-stay-pure",
      comment:
        "workflows/ is the heart: statecharts, rules and words, with no I/O. It imports only itself, xstate, and the message catalogues (locales/*.json, read with i18next).",
      severity: "error",
      from: { path: "^workflows/" },
      to: { pathNot: ["^workflows/", "^node_modules/xstate/", "^locales/", "^node_modules/i18next/"] },
    },
    {
      name: "catalogues-stay-on-the-server",
      comment:
        "The browser gets only the page's language's catalogue, embedded in the page (root.tsx): code that runs in the browser never imports the catalogues, or every language would ship in the bundle.",
      severity: "error",
      from: { path: "^app/", pathNot: ["\\.server\\.tsx?$"] },
      to: { path: ["^workflows/messages\\.ts$", "^locales/"] },
    },
    {
      name: "one-zod",
      comment: "Schemas take z from app/zod.ts, which turns zod's eval probe off before any schema exists (the strict CSP forbids eval).",
      severity: "error",
      from: { path: "^app/", pathNot: "^app/zod\\.ts$" },
      to: { path: "^node_modules/zod/" },
    },
    {
      name: "db-and-emails-know-no-app",
      comment: "db/ and emails/ are used by app/, never the other way: a template is given what it shows.",
      severity: "error",
      from: { path: "^(db|emails)/" },
      to: { path: "^app/" },
    },
    {
      name: "routes-are-leaves",
      comment: "Routes are glue: nothing in the app imports a route (Remix does).",
      severity: "error",
      from: { path: "^app/", pathNot: "^app/routes/" },
      to: { path: "^app/routes/" },
    },
    {
      name: "server-modules-import-no-components",
      comment: "Rules and queries do not depend on the UI; schemas and domain types live in *-schema.ts.",
      severity: "error",
      // entry.server.tsx is the exception by nature: it renders the React app on the server.
      from: { path: "\\.server\\.tsx?$", pathNot: "^app/entry\\.server\\.tsx$" },
      to: { path: "^app/components/" },
    },
    {
      name: "components-import-no-server-modules",
      comment: "Components run in the browser too: server modules (and the database) stay out of them.",
      severity: "error",
      from: { path: "^app/components/" },
      to: { path: ["\\.server\\.tsx?$", "^db/", "^emails/"], dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^build/", "^tests/"] },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
  },
};
