// The app as a process loads it: the Remix build (built, or through Vite in development) and,
// from that build's server entry, the modules the process itself needs (app/process.server.ts).
// Only types are imported from app/ here, so the server's own chunks carry none of its code.
import type { ServerBuild } from "@remix-run/node";
import type { RequestHandler } from "express";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

export type PortalParts = typeof import("../app/process.server");

export type LoadedApp = {
  parts: PortalParts;
  /** The build whose routes answer a storage fault with a page (a function in development: reloaded on change). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** Vite's middleware, in development only. */
  vite?: RequestHandler;
};

export async function loadApp(production: boolean): Promise<LoadedApp> {
  if (production) {
    // From the project's root, as every path here is: the server also runs compiled, as build/start.js.
    const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
    const parts = partsOf(build);
    return { parts, build: parts.answeringStorageFaults(build) };
  }
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  const load = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  const parts = partsOf(await load());
  return { parts, build: () => load().then(parts.answeringStorageFaults), vite: vite.middlewares };
}

function partsOf(build: ServerBuild): PortalParts {
  return (build.entry.module as unknown as { portalProcess: PortalParts }).portalProcess;
}
