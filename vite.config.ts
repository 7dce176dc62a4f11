import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

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
    // The Remix plugin builds the app; under vitest it is not wanted (it would try to serve routes).
    !process.env.VITEST &&
      remix({
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          // Off: the whole route manifest (a few kB) loads with the page, so no link ever
          // waits on, or logs a failed, manifest fetch when a person navigates quickly.
          v3_lazyRouteDiscovery: false,
        },
      }),
  ],
});
