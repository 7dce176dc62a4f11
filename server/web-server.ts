// The web server of a portal process: express with the portal's own checks in front of Remix
// (security headers, methods, cross-site forms, body sizes), the built files, and Remix's pages.
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { readdirSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import type { Env } from "../app/env.server";
import type { RefusalKind } from "../app/refusal-page.server";
import type { LoadedApp, PortalParts } from "./app-build";

const MAX_BODY_BYTES = 1024 * 1024;
// An attachment upload carries one file of at most 10 MB, plus the form around it.
const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;
const TOO_LARGE = "too-large";

export function startWebServer(config: Env, { parts, build, vite }: LoadedApp): Server {
  const production = config.NODE_ENV === "production";
  const app = express();
  app.disable("x-powered-by");
  if (config.TRUST_PROXY) app.set("trust proxy", true);
  app.use(compression());

  app.use((req, res, next) => {
    // Loaders read the client's address from this header; whatever a client sent in it is replaced.
    req.headers["x-taf-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const nonce = production ? randomBytes(16).toString("base64") : undefined;
    res.locals.cspNonce = nonce;
    // The defaults go on just before the headers are sent, and only where the answer set none of
    // its own: an attachment download brings its own sandboxing policy, and each header is sent once.
    whenHeadersAreSent(res, () => {
      setUnlessSet(res, "X-Content-Type-Options", "nosniff");
      setUnlessSet(res, "Referrer-Policy", "same-origin");
      setUnlessSet(res, "X-Frame-Options", "DENY");
      if (nonce) setUnlessSet(res, "Content-Security-Policy", pagePolicy(nonce));
    });
    next();
  });

  // Remix pages take GET and POST (HEAD with GET); any other method answers 405 here, with the
  // methods that work, rather than reaching a route that cannot answer it.
  const ALLOWED_METHODS = ["GET", "HEAD", "POST"];
  app.use((req, res, next) => {
    if (ALLOWED_METHODS.includes(req.method)) return next();
    res.setHeader("Allow", ALLOWED_METHODS.join(", "));
    refuse(parts, req, res, 405, "methodNotAllowed", { methods: ALLOWED_METHODS.join(", ") });
  });

  app.use((req, res, next) => {
    if (req.method === "GET" || req.method === "HEAD") return next();
    // A form posted from another site is refused: cookies are SameSite=Lax, and this checks too
    // (ADR 018). (Remix itself also compares Origin and Host, but answers a mismatch with a 500.)
    if (!sentFromThisSite(req, config, parts.SESSION_COOKIE_NAME)) {
      refuse(parts, req, res, 403, "crossSite");
      return;
    }
    // Forms only, and of a declared size: a body streamed without a length could not be limited.
    const type = req.get("content-type") ?? "";
    if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
      refuse(parts, req, res, 415, "notAForm");
      return;
    }
    if (req.get("content-length") === undefined) {
      refuse(parts, req, res, 411, "noLength");
      return;
    }
    const upload = req.path.endsWith("/attachments") && type.startsWith("multipart/form-data");
    const limit = upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
    if (upload && Number(req.get("content-length") ?? 0) > limit) {
      // A file far over 10 MB is not read at all: the attachments page comes back with the
      // message beside its file field (without JavaScript, nothing refused it before sending).
      res.redirect(303, `${req.path}?upload=${TOO_LARGE}`);
      return;
    }
    if (Number(req.get("content-length") ?? 0) > limit) {
      refuse(parts, req, res, 413, upload ? "tooLargeUpload" : "tooLarge");
      return;
    }
    next();
  });

  // Browsers ask for /favicon.ico wherever a page names no icon (Chromium does so when an error
  // page replaces a page): the portal's icon, rather than a 404 in every console.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

  if (vite) app.use(vite);
  else {
    // The built files do not change while the server runs, so they are listed once: a page's
    // request goes on to Remix without express.static first looking for a file of its name (a
    // stat, and an error object when there is none, on every request).
    const builtFiles = builtFilesUnder("build/client");
    const forBuiltFiles =
      (serve: express.RequestHandler): express.RequestHandler =>
      (req, res, next) =>
        builtFiles.has(req.baseUrl + req.path) ? serve(req, res, next) : next();
    // Vite names built assets by their content hash, so they can be cached for a year.
    app.use("/assets", forBuiltFiles(express.static("build/client/assets", { immutable: true, maxAge: "1y" })));
    app.use(forBuiltFiles(express.static("build/client", { maxAge: "1h" })));
  }

  // Whatever the portal answers a signed-in person (pages, their data, downloads, exports) stays
  // out of every cache, so a shared office computer keeps nothing of it. Static files came first.
  // The exceptions are answers that name themselves immutable: a language's catalogue (the same
  // for everyone) and a statechart's picture (drawn from the code; ADR 022), whose addresses
  // change whenever what they hold would. Without them each page would fetch both again.
  app.use((req, res, next) => {
    if (hasSessionCookie(req, parts.SESSION_COOKIE_NAME))
      whenHeadersAreSent(res, () => {
        if (!/\bimmutable\b/.test(String(res.getHeader("Cache-Control") ?? ""))) res.setHeader("Cache-Control", "private, no-store");
      });
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: production ? "production" : "development",
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string | undefined }),
    }),
  );

  // Express's own errors (an address that cannot be decoded, a request it cannot read) get a page
  // too; anything else is a fault of ours, logged, and answered without its details.
  app.use((error: Error & { status?: number }, req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? 500;
    if (status >= 500) console.error(error);
    if (status < 500) refuse(parts, req, res, status, "unreadable");
    else refuse(parts, req, res, 500, "broken");
  });

  const server = app.listen(config.PORT, config.HOST);
  // A port in use or an address this machine does not have: say which setting to change.
  server.on("error", (error: NodeJS.ErrnoException) => {
    const reasons: Record<string, string> = {
      EADDRINUSE: `PORT ${config.PORT} is already in use on ${config.HOST}: stop the other program or choose another PORT.`,
      EACCES: `PORT ${config.PORT} needs privileges on this machine: choose a PORT above 1023.`,
      EADDRNOTAVAIL: `HOST ${config.HOST} is not an address of this machine: use 127.0.0.1, 0.0.0.0 or one of its addresses.`,
      ENOTFOUND: `HOST ${config.HOST} is not a name this machine can resolve: use 127.0.0.1, 0.0.0.0 or one of its addresses.`,
    };
    console.error(reasons[error.code ?? ""] ?? `The portal cannot listen on ${config.HOST}:${config.PORT}: ${error.message}`);
    process.exit(1);
  });

  return server;
}

/** The address of every file under `folder` (the build's client files), as a request names it. */
function builtFilesUnder(folder: string): Set<string> {
  const paths = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((path) => statSync(join(folder, path)).isFile());
  return new Set(paths.map((path) => `/${path.split(sep).join("/")}`));
}

function pagePolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    // Inline styles only: e-mails shown in the Mailbox use them. Scripts never run there.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function setUnlessSet(res: express.Response, name: string, value: string) {
  if (!res.hasHeader(name)) res.setHeader(name, value);
}

/** Runs `fill` once, right before the status line and headers go out (Node sends them through writeHead). */
function whenHeadersAreSent(res: express.Response, fill: () => void) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: express.Response, ...args: Parameters<typeof writeHead>) {
    res.writeHead = writeHead;
    fill();
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

/**
 * Whether a form comes from the portal's own pages. With an Origin, it must be the portal's
 * whole origin (scheme, host and port: an http:// page on the same host is another site), as
 * this request reached it or as APP_URL names it. Without one, the browser's Sec-Fetch-Site
 * must say same-origin or none (typed by the person). With neither header it is not a
 * browser's form post: refused if it carries a session, accepted otherwise (a script signing in).
 */
function sentFromThisSite(req: express.Request, config: Env, sessionCookie: string) {
  const origin = req.get("origin");
  if (origin !== undefined) {
    const host = (config.TRUST_PROXY && req.get("x-forwarded-host")) || req.get("host");
    const own = [`${req.protocol}://${host}`, new URL(config.APP_URL).origin];
    return URL.canParse(origin) && own.includes(new URL(origin).origin);
  }
  const fetchSite = req.get("sec-fetch-site");
  if (fetchSite !== undefined) return fetchSite === "same-origin" || fetchSite === "none";
  return !hasSessionCookie(req, sessionCookie);
}

function hasSessionCookie(req: express.Request, name: string) {
  return (req.get("cookie") ?? "").split(";").some((pair) => pair.trim().startsWith(`${name}=`));
}

function refuse(parts: PortalParts, req: express.Request, res: express.Response, status: number, kind: RefusalKind, values?: Record<string, string>) {
  void parts.refusalPage({ cookie: req.get("cookie"), acceptLanguage: req.get("accept-language") }, kind, status, values).then((page) => res.status(status).type("html").send(page));
}
