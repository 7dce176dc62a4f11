// The portal's one process: serves the Remix app and runs the background jobs (mail dispatch,
// the workflow scheduler). `npm start` runs it in production mode; `npm run dev` with Vite.
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { randomBytes } from "node:crypto";
import { connection, closeDatabase } from "./app/db.server";
import { env } from "./app/env.server";
import { startBackgroundJobs } from "./app/background.server";
import { KOSOVO_FOOTNOTE } from "./emails/kosovo";
import { DEMO_PASSWORD, demoPeople, hasDemoPeople, loadDemoData } from "./db/demo";

const MAX_BODY_BYTES = 1024 * 1024;
// An attachment upload carries one file of at most 10 MB, plus the form around it.
const MAX_UPLOAD_BYTES = 11 * 1024 * 1024;

let config;
try {
  config = env();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const production = config.NODE_ENV === "production";

const { db } = connection();
if (config.DEMO_DATA === "auto" && (await loadDemoData(db))) {
  console.log("Loaded the demo data into a new database.");
}
const jobs = await startBackgroundJobs(db, config);

const app = express();
app.disable("x-powered-by");
if (config.TRUST_PROXY) app.set("trust proxy", true);
app.use(compression());

app.use((req, res, next) => {
  // Loaders read the client's address from this header; whatever a client sent in it is replaced.
  req.headers["x-taf-client-ip"] = req.ip ?? req.socket.remoteAddress ?? "unknown";
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  if (production) {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        // Inline styles only: e-mails shown in the Mailbox use them. Scripts never run there.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  }
  next();
});

app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  // A form posted from another site is refused: cookies are SameSite=Lax, and this checks too.
  // (Remix itself also compares Origin and Host, but answers a mismatch with a 500.)
  const origin = req.get("origin");
  const host = (config.TRUST_PROXY && req.get("x-forwarded-host")) || req.get("host");
  if (origin && (!URL.canParse(origin) || new URL(origin).host !== host)) {
    res.status(403).type("text/plain").send("This form was sent from another site and was refused.");
    return;
  }
  // Forms only, and of a declared size: a body streamed without a length could not be limited.
  const type = req.get("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
    res.status(415).type("text/plain").send("The portal accepts forms only. Go back to the page and send the form again.");
    return;
  }
  if (req.get("content-length") === undefined) {
    res.status(411).type("text/plain").send("The form was sent without its length and was refused. Send it again from the page.");
    return;
  }
  const upload = req.path.endsWith("/attachments") && type.startsWith("multipart/form-data");
  const limit = upload ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
  if (Number(req.get("content-length") ?? 0) > limit) {
    res
      .status(413)
      .type("text/plain")
      .send(`What you sent is larger than the portal accepts (${upload ? "10 MB per file" : "1 MB"}). Nothing was saved. Go back and try again.`);
    return;
  }
  next();
});

let build: ServerBuild | (() => Promise<ServerBuild>);
if (production) {
  // Vite names built assets by their content hash, so they can be cached for a year.
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
  // @ts-expect-error: the build exists only after `npm run build`.
  build = (await import("./build/server/index.js")) as ServerBuild;
} else {
  const vite = await import("vite").then((v) => v.createServer({ server: { middlewareMode: true } }));
  app.use(vite.middlewares);
  build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
}

app.all(
  "*",
  createRequestHandler({
    build,
    mode: production ? "production" : "development",
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string | undefined }),
  }),
);

const server = app.listen(config.PORT, config.HOST, () => {
  console.log(`\nTAF portal listening on http://${config.HOST}:${config.PORT}  (links in e-mails use ${config.APP_URL})`);
  console.log(`Database: ${config.DATABASE_PATH}`);
  console.log(jobs.mailDescription);
  if (hasDemoPeople(db)) {
    console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
    for (const person of demoPeople) console.log(`  ${person.email.padEnd(30)} ${person.summary}`);
    console.log(`  ${KOSOVO_FOOTNOTE}`);
  }
  console.log("");
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests and jobs, then stopping.`);
  server.close();
  server.closeIdleConnections();
  await jobs.stop();
  closeDatabase();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
