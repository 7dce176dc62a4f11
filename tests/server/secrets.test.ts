import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startPortal } from "../support/portal";

// Issue 14, secrets: no password, sign-in link or session id reaches the server's output or a
// page it answers with, and the database keeps only their hashes. The production server is
// driven over HTTP through a sign-in, a wrong password, a reset link and a failing mail server.

const SMTP_PASSWORD = "smtp-Secret-4f9a2c";
const WRONG_PASSWORD = "Wrong-guess-7d1e5b9c";
const NEW_PASSWORD = "A new passphrase, 3b8f0e2a";
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

let portal: Awaited<ReturnType<typeof startPortal>>;
beforeAll(async () => {
  // A mail server that is not there, reached with a password: its errors are logged and stored.
  portal = await startPortal({ SMTP_URL: `smtp://taf-mailer:${SMTP_PASSWORD}@127.0.0.1:9` });
});
afterAll(async () => {
  await portal?.stop();
});

function post(path: string, form: Record<string, string>, cookie?: string) {
  return fetch(`${portal.url}${path}`, {
    method: "POST",
    headers: { ...FORM, Origin: portal.url, ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
}

function database() {
  return new Database(portal.databasePath, { readonly: true });
}

it("keeps passwords, reset links and session ids out of the output, the pages and the database", async () => {
  const pages: string[] = [];
  const wrong = await post("/login", { email: "applicant.xk@taf.example", password: WRONG_PASSWORD });
  pages.push(await wrong.text());

  expect((await post("/forgot-password", { email: "applicant.xk@taf.example" })).status).toBeLessThan(500);
  const sqlite = database();
  const mail = sqlite.prepare("select text from outbox where recipient = 'applicant.xk@taf.example' order by id desc").pluck().get() as string;
  const secret = /\/set-password\/([A-Za-z0-9_-]+)/.exec(mail)![1]!;
  sqlite.close();

  // (The reset page itself holds its own address, the link, in its form: it is the link's holder's.)
  expect((await fetch(`${portal.url}/set-password/${secret}`)).status).toBe(200);
  const reset = await post(`/set-password/${secret}`, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
  expect(reset.status).toBe(302);
  const signedIn = await post("/login", { email: "applicant.xk@taf.example", password: NEW_PASSWORD });
  expect(signedIn.status).toBe(302);
  const session = signedIn.headers.get("set-cookie")!.split(";")[0]!;
  const sessionSecret = decodeURIComponent(session.split("=")[1]!);
  pages.push(await (await fetch(`${portal.url}/`, { headers: { Cookie: session } })).text());
  // Let the dispatcher fail against the mail server at least once.
  await expect.poll(() => {
    const check = database();
    try {
      return check.prepare("select count(*) from outbox_attempts where ok = 0").pluck().get() as number;
    } finally {
      check.close();
    }
  }, { timeout: 15_000 }).toBeGreaterThan(0);

  const secrets = { SMTP_PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, secret, sessionSecret };
  for (const [name, value] of Object.entries(secrets)) {
    expect(portal.output().includes(value), `${name} in the server's output`).toBe(false);
    expect(pages.some((page) => page.includes(value)), `${name} in a page`).toBe(false);
  }
  const stored = database();
  try {
    const everyText = stored
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
      .pluck()
      .all()
      .flatMap((table) => (stored.prepare(`select * from "${table as string}"`).raw().all() as unknown[][]).flat())
      .filter((value): value is string => typeof value === "string");
    for (const [name, value] of Object.entries({ SMTP_PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, sessionSecret })) {
      expect(everyText.some((text) => text.includes(value)), `${name} in the database`).toBe(false);
    }
    // The reset link's secret is only in the mail still waiting for the (absent) mail server;
    // the tokens table holds its hash.
    expect((stored.prepare("select count(*) from tokens where token_hash = ?").pluck().get(secret) as number)).toBe(0);
  } finally {
    stored.close();
  }
}, 60_000);
