import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { chromium } from "playwright-core";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";

// Browser tests run the real production server (build/start.js, as `npm start` runs it) on a free port,
// with its own SQLite file and its own embedded SMTP server, and drive Debian's Chromium.

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/** The server as `npm run build` compiles it from server.ts. */
export const BUILT_SERVER = "build/start.js";

/**
 * `env` adds to the portal's environment, e.g. { PSEUDO_LANGUAGE: "true" }. `hostName` is the
 * name in its address: WebAuthn takes a domain name ("localhost"), never an IP address.
 */
export async function startPortal(env: Record<string, string> = {}, hostName = "127.0.0.1") {
  if (!existsSync(BUILT_SERVER)) throw new Error("No build: run `npm run build` first (npm test does).");
  const port = await freePort();
  const url = `http://${hostName}:${port}`;
  const databasePath = join(tmpdir(), `taf-browser-${randomUUID()}.db`);
  const child = spawn(process.execPath, [BUILT_SERVER], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: url,
      DATABASE_PATH: databasePath,
      EMBEDDED_SMTP_PORT: "0",
      SMTP_URL: "",
      SESSION_SECRET: "",
      DEMO_DATA: "auto",
      // One process per portal: the tests run many portals at once on a shared machine. The
      // server tests start WORKERS=2 where the workers themselves are what is tested.
      WORKERS: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start:\n${output}`)), 60_000);
    child.stdout.on("data", () => {
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    databasePath,
    pid: child.pid!,
    output: () => output,
    exitCode: () => child.exitCode,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function openBrowser(options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install Debian's chromium (apt-get install chromium), as .ci/run does.`);
  }
  return chromium.launchPersistentContext(join(tmpdir(), `taf-chromium-${randomUUID()}`), {
    executablePath,
    headless: true,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Signs in over HTTP as a browser without JavaScript does, with the demo password: the session
 * cookie ("taf_session=…") to send with the next requests. Fails unless the portal let them in.
 */
export async function signInOverHttp(url: string, email: string) {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  if (response.status !== 302) throw new Error(`${email} could not sign in: ${response.status}`);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}
