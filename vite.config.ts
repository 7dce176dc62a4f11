import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// The modules of every page; Rollup puts what they import in their chunk too.
const EVERY_PAGE = /\/app\/(root|entry\.client)\.tsx|\/node_modules\/(react|react-dom|scheduler|@remix-run\/[a-z-]+|react-router|react-router-dom|turbo-stream|react-i18next)\//;

const CONFORM_REACT_HELPERS = fileURLToPath(new URL("./node_modules/@conform-to/react/dist/_virtual/_rollupPluginBabelHelpers.mjs", import.meta.url));

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  // Native and Node-only packages stay out of the SSR bundle: they are loaded from node_modules.
  ssr: { external: ["better-sqlite3", "@node-rs/argon2", "nodemailer", "smtp-server", "mailparser"] },
  // The dev server's dependency scan follows imports into server modules; these native packages
  // are never bundled for the browser, so it should not try.
  optimizeDeps: { exclude: ["@node-rs/argon2", "better-sqlite3"] },
  // The manifest stays in build/client/.vite: tests/server/page-weight.test.ts reads it.
  build: { target: "es2022", manifest: true },
  plugins: [
    // The browser's code is minified by terser in two passes, not esbuild: 4 KiB less gzipped on
    // every page (React and Remix 82.7 → 78.7 KiB) for a few seconds more build. The server's
    // code stays unminified, as Vite leaves it, so that its stack traces read.
    {
      name: "browser-code-minified-by-terser",
      apply: "build",
      config: (_, { isSsrBuild }) => (isSsrBuild ? {} : { build: { minify: "terser", terserOptions: { compress: { passes: 2 }, format: { comments: false } } } }),
    },
    // What every page loads (React, React DOM, Remix, the client entry and the layout with the
    // modules it imports) is one chunk: as the three to five it otherwise is, each compressed on
    // its own and importing the others by name, it was 1.1 KiB gzipped more on every page.
    {
      name: "one-chunk-for-what-every-page-loads",
      apply: "build",
      config: (_, { isSsrBuild }) =>
        isSsrBuild ? {} : { build: { rollupOptions: { output: { manualChunks: (id: string) => (EVERY_PAGE.test(id) ? "layout" : undefined) } } } },
    },
    // Conform's two packages each bundle Babel's object helpers; @conform-to/dom's are the same
    // functions as some of @conform-to/react's. One copy serves both: 0.3 KiB gzipped less on
    // every page with a form. (In Conform 1.21.1 they are the same code; were one missing from
    // @conform-to/react's file, the build would fail.)
    {
      name: "one-copy-of-conforms-babel-helpers",
      apply: "build",
      enforce: "pre",
      resolveId: (source: string, importer: string | undefined) =>
        importer?.includes("/node_modules/@conform-to/dom/dist/") && source.endsWith("/_rollupPluginBabelHelpers.mjs") ? CONFORM_REACT_HELPERS : null,
    },
    // The Remix plugin builds the app; under vitest it is not wanted (it would try to serve routes).
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          // On: a page carries only its own routes' part of the manifest and asks for the
          // routes its links lead to (/__manifest, kept by the browser); the whole manifest of
          // every route was 3.5 KiB gzipped more JavaScript on every page. A page being left
          // cancels that request, which is not reported (patches/@remix-run+react+2.17.5.patch).
          v3_lazyRouteDiscovery: true,
        },
      }),
  ],
});
