import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import { get } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import Database from "better-sqlite3";
import { BUILT_SERVER, signInOverHttp, startPortal } from "../support/portal";

// The production server as a browser (or an attacker) meets it: over HTTP, on a free port.

let portal: Awaited<ReturnType<typeof startPortal>>;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

const signIn = (email: string, url = portal.url) => signInOverHttp(url, email);

describe("the production server", { timeout: 120_000 }, () => {
  it("sends pages compressed, with a strict Content-Security-Policy and no framing", async () => {
    const response = await fetch(`${portal.url}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const html = await response.text();
    const nonce = csp.match(/'nonce-([\w+/=]+)'/)![1];
    // Every inline script carries the nonce, or the browser would refuse to run the app.
    for (const script of html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? []) expect(script).toContain(`nonce="${nonce}"`);
    expect(html).toContain("UNSCR 1244/1999");
  });

  it("serves hashed assets with a year-long immutable cache", async () => {
    const html = await (await fetch(`${portal.url}/login`)).text();
    const asset = html.match(/\/assets\/[\w.-]+\.js/)![0];
    const response = await fetch(portal.url + asset);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("max-age=31536000");
    expect(response.headers.get("cache-control")).toContain("immutable");
  });

  it("refuses a form posted from another site, and changes nothing", async () => {
    const response = await fetch(`${portal.url}/forgot-password`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: new URLSearchParams({ email: "admin@taf.example" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/sent from another site.*Go to the home page/s);
  });

  it("answers an oversized body with 413 and a sentence, not a 500", async () => {
    const cookie = await signIn("admin@taf.example");
    const response = await fetch(`${portal.url}/admin/people/invite`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: portal.url, Cookie: cookie },
      body: new URLSearchParams({ name: "x".repeat(2 * 1024 * 1024), email: "big@example.org", role: "administrator" }),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toMatch(/larger than the portal accepts/);
    const people = await (await fetch(`${portal.url}/admin/people?search=big%40example.org`, { headers: { Cookie: cookie } })).text();
    expect(people).not.toContain("big@example.org");
  });

  it("answers an upload far over 10 MB with the attachments page again, the message beside the file field", async () => {
    const cookie = await signIn("applicant.al@taf.example");
    const database = new Database(portal.databasePath, { readonly: true });
    const { id } = database.prepare("select id from proposals where title = ?").get("A shared alert channel for stolen vehicles") as { id: number };
    database.close();
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new Blob([new Uint8Array(12 * 1024 * 1024)], { type: "application/pdf" }), "scan.pdf");
    const response = await fetch(`${portal.url}/proposals/${id}/attachments`, { method: "POST", headers: { Origin: portal.url, Cookie: cookie }, body: form, redirect: "manual" });
    expect(response.status).toBe(303);
    const page = await (await fetch(new URL(response.headers.get("location")!, portal.url), { headers: { Cookie: cookie } })).text();
    expect(page).toMatch(/<p class="error" id="attachment-file-error" role="alert">The file you chose is larger than 10 MB/);
    expect(page).toContain('id="attachment-file"');
  });

  it("refuses a body that is not a form (415) or has no declared length (411)", async () => {
    const json = await fetch(`${portal.url}/login`, { method: "POST", headers: { "Content-Type": "application/json", Origin: portal.url }, body: "{}" });
    expect(json.status).toBe(415);
    const streamed = await fetch(`${portal.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: portal.url },
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode("email=a%40b.example&password=x"));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(411);
  });

  it("sets the session cookie HttpOnly, SameSite=Lax and Secure", async () => {
    const response = await fetch(`${portal.url}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: portal.url },
      body: new URLSearchParams({ email: "admin@taf.example", password: DEMO_PASSWORD }),
      redirect: "manual",
    });
    const attributes = response.headers.get("set-cookie")!.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "secure"]));
  });

  it("answers an address that cannot be decoded with a page, not a bare error", async () => {
    const response = await fetch(`${portal.url}/%E0%A4%A`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/This address could not be read.*Go to the home page/s);
  });

  it("answers a malformed cookie as signed out", async () => {
    const response = await fetch(`${portal.url}/`, { headers: { Cookie: "taf_session=%E0%A4%A; other=%%%" }, redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login");
  });

  it("shows the 404 page for an unknown address, in the layout", async () => {
    const response = await fetch(`${portal.url}/no/such/page`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("Page not found");
  });

  it("stops gracefully on SIGTERM: a request already under way still gets its answer", async () => {
    // A portal of its own, as the other tests go on using theirs, with two workers: the primary
    // passes the signal on. Half a sign-in form is sent, the server is told to stop, then the rest arrives.
    const stopping = await startPortal({ WORKERS: "2" });
    const body = new URLSearchParams({ email: "admin@taf.example", password: DEMO_PASSWORD }).toString();
    const { host, port } = new URL(stopping.url);
    const socket = connect(Number(port), host.replace(/:.*$/, ""));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    const ended = new Promise((resolve) => socket.on("close", resolve));
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST /login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const stopped = stopping.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.write(body.slice(10));
    await stopped;
    await ended;
    expect(answer).toMatch(/^HTTP\/1\.1 302/);
    expect(stopping.output()).toContain("SIGTERM: finishing requests and jobs, then stopping.");
    expect(stopping.exitCode()).toBe(0);
  });
});

/** The processes a process started (Linux: /proc). */
function childrenOf(pid: number) {
  return readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean));
}

/** A password link asked for over HTTP, as the forgot-password form does without JavaScript. */
function askForPasswordLink(url: string, email: string) {
  return fetch(`${url}/forgot-password`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email }),
    redirect: "manual",
  });
}

/** Waits until the password link to `email` is sent, and checks that it took exactly one attempt. */
async function expectSentOnce(databasePath: string, email: string) {
  const database = new Database(databasePath, { readonly: true });
  try {
    const attemptsOfTheLink = () =>
      database
        .prepare("select o.status, count(a.id) as attempts from outbox o left join outbox_attempts a on a.outbox_id = o.id where o.recipient = ? and o.template = 'password-reset' group by o.id")
        .all(email);
    await vi.waitFor(() => expect(attemptsOfTheLink()).toEqual([{ status: "sent", attempts: 1 }]), { timeout: 30_000, interval: 200 });
  } finally {
    database.close();
  }
}

/** The files a process has open (Linux: /proc). */
function openFiles(pid: number) {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

/** The process the start's announcement names as running mail and the scheduler. */
function jobsProcessOf(output: string) {
  const pid = /mail and the scheduler run in process (\d+)/.exec(output)?.[1];
  if (!pid) throw new Error(`the announcement names no process for the jobs:\n${output}`);
  return pid;
}

/** A GET on a connection of its own, so that each one may reach another worker. */
function statusOnNewConnection(url: string, cookie: string) {
  return new Promise<number>((resolve, reject) => {
    get(url, { agent: false, headers: { Cookie: cookie } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on("error", reject);
  });
}

describe("the production server on two cores", { timeout: 120_000 }, () => {
  it("serves from two worker processes that share a sign-in, and sends each e-mail once", async () => {
    const both = await startPortal({ WORKERS: "2" });
    try {
      // The primary says so once its workers listen, which may be just after the port first answers.
      await expect.poll(() => both.output()).toContain("Requests: 2 worker processes");
      expect(childrenOf(both.pid)).toHaveLength(2);
      // The primary only supervises: it has no database open (ADR 028); the worker it names runs the jobs.
      expect(openFiles(both.pid).filter((file) => file.startsWith(both.databasePath))).toEqual([]);
      expect(childrenOf(both.pid)).toContain(jobsProcessOf(both.output()));
      const cookie = await signIn("admin@taf.example", both.url);
      // Connections go to the workers in turn: the session made by one is read by the other.
      const statuses = [];
      for (let i = 0; i < 6; i += 1) statuses.push(await statusOnNewConnection(`${both.url}/`, cookie));
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);

      expect((await askForPasswordLink(both.url, "reviewer.eu@taf.example")).status).toBeLessThan(400);
      await expectSentOnce(both.databasePath, "reviewer.eu@taf.example");
    } finally {
      await both.stop();
    }
    expect(both.exitCode()).toBe(0);
  });
});

describe("a worker that dies", { timeout: 120_000 }, () => {
  it("is replaced in its role: mail asked for while the jobs' process was gone is sent once by the next", async () => {
    const both = await startPortal({ WORKERS: "2" });
    try {
      await expect.poll(() => both.output()).toContain("Requests: 2 worker processes");
      const jobs = jobsProcessOf(both.output());
      process.kill(Number(jobs), "SIGKILL");
      await expect.poll(() => both.output()).toContain("A worker process ended (SIGKILL); starting another.");
      // The other worker answers meanwhile; the message waits in the outbox.
      expect((await askForPasswordLink(both.url, "reviewer.eu@taf.example")).status).toBeLessThan(400);
      await expect.poll(() => childrenOf(both.pid), { timeout: 30_000 }).toHaveLength(2);
      expect(childrenOf(both.pid)).not.toContain(jobs);
      await expectSentOnce(both.databasePath, "reviewer.eu@taf.example");
    } finally {
      await both.stop();
    }
    expect(both.exitCode()).toBe(0);
  });
});

describe("the environment", { timeout: 120_000 }, () => {
  it("stops the app at start with a message naming a wrong variable", () => {
    const result = spawnSync(process.execPath, [BUILT_SERVER], {
      env: { ...process.env, NODE_ENV: "production", PORT: "not-a-port", SMTP_URL: "http://wrong", DATABASE_PATH: "/tmp/never-created.db" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Invalid environment");
    expect(result.stderr).toContain("PORT");
    expect(result.stderr).toContain("SMTP_URL");
  });

  it("stops the app with a message naming PORT when the port is taken", async () => {
    const first = await startPortal();
    try {
      const result = spawnSync(process.execPath, [BUILT_SERVER], {
        env: { ...process.env, NODE_ENV: "production", PORT: new URL(first.url).port, EMBEDDED_SMTP_PORT: "0", DATABASE_PATH: first.databasePath },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/PORT \d+ is already in use/);
    } finally {
      await first.stop();
    }
  });
});
