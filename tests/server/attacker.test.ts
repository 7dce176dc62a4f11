import Database from "better-sqlite3";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInOverHttp, startPortal } from "../support/portal";

// The production server as an attacker tried it (issue 14): methods, caching, where a form
// comes from, and the headers of a download, over HTTP.

let portal: Awaited<ReturnType<typeof startPortal>>;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.stop();
});

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

const signIn = (email: string) => signInOverHttp(portal.url, email);

/** Any method, as a scanner sends it (fetch refuses to send TRACE). */
function answerTo(method: string, path: string) {
  return new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
    const sent = request(`${portal.url}${path}`, { method }, (response) => {
      response.resume();
      response.on("end", () => resolve({ status: response.statusCode!, allow: response.headers.allow }));
    });
    sent.on("error", reject);
    sent.end();
  });
}

/** The number of password reset links asked for so far: what a forged form would add to. */
function resetsAskedFor() {
  const database = new Database(portal.databasePath, { readonly: true });
  const { n } = database.prepare("select count(*) as n from audit_log where action = 'passwordResetRequested'").get() as { n: number };
  database.close();
  return n;
}

describe("the production server, tried as an attacker would", { timeout: 120_000 }, () => {
  it("answers TRACE, PUT, DELETE and OPTIONS on any address with 405 and the methods it takes", async () => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      for (const path of ["/login", "/admin/people/invite", "/no/such/page"]) {
        const response = await answerTo(method, path);
        expect({ method, path, status: response.status }).toEqual({ method, path, status: 405 });
        expect(response.allow).toBe("GET, HEAD, POST");
      }
    }
  });

  it("keeps every signed-in page, its data and its downloads out of caches, and leaves hashed assets cacheable", async () => {
    const cookie = await signIn("applicant.al@taf.example");
    for (const path of ["/", "/?_data=root", "/account", "/account?_data=routes%2Faccount"]) {
      const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie } });
      expect({ path, status: response.status, cache: response.headers.get("cache-control") }).toEqual({ path, status: 200, cache: "private, no-store" });
    }
    const html = await (await fetch(`${portal.url}/login`)).text();
    const asset = html.match(/\/assets\/[\w.-]+\.js/)![0];
    expect((await fetch(portal.url + asset, { headers: { Cookie: cookie } })).headers.get("cache-control")).toContain("immutable");
  });

  it("refuses a form from the same host over another scheme, and a cross-site form that sends no Origin", async () => {
    const before = resetsAskedFor();
    const forged: Record<string, string>[] = [
      { Origin: portal.url.replace("http:", "https:") },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of forged) {
      const response = await fetch(`${portal.url}/forgot-password`, { method: "POST", headers: { ...FORM, ...headers }, body: new URLSearchParams({ email: "admin@taf.example" }) });
      expect({ headers, status: response.status }).toEqual({ headers, status: 403 });
    }
    // Neither header, but a session: no browser posts a form so, and it is refused too.
    const cookie = await signIn("admin@taf.example");
    const bare = await fetch(`${portal.url}/forgot-password`, { method: "POST", headers: { ...FORM, Cookie: cookie }, body: new URLSearchParams({ email: "admin@taf.example" }) });
    expect(bare.status).toBe(403);
    expect(resetsAskedFor()).toBe(before);
  });

  it("takes a form from its own pages, a typed address, or a script without a session", async () => {
    const before = resetsAskedFor();
    const own: Record<string, string>[] = [{ Origin: portal.url }, { "Sec-Fetch-Site": "same-origin" }, { "Sec-Fetch-Site": "none" }, {}];
    for (const headers of own) {
      const response = await fetch(`${portal.url}/forgot-password`, { method: "POST", headers: { ...FORM, ...headers }, body: new URLSearchParams({ email: "admin@taf.example" }) });
      expect({ headers, status: response.status }).toEqual({ headers, status: 200 });
    }
    expect(resetsAskedFor()).toBe(before + own.length);
  });

  it("sends a download's sandboxing policy and nosniff once each, and the page policy on pages", async () => {
    const cookie = await signIn("applicant.al@taf.example");
    const database = new Database(portal.databasePath, { readonly: true });
    const { id } = database.prepare("select id from proposals where title = ?").get("A shared alert channel for stolen vehicles") as { id: number };
    database.close();
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", new Blob([Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")], { type: "application/pdf" }), "report (final; v2) Budget=2026.pdf");
    const uploaded = await fetch(`${portal.url}/proposals/${id}/attachments`, { method: "POST", headers: { Origin: portal.url, Cookie: cookie }, body: form });
    expect(uploaded.status).toBe(200);
    const page = await uploaded.text();
    expect(page).toContain("report (final; v2) Budget=2026.pdf");
    const link = page.match(new RegExp(`/proposals/${id}/attachments/\\d+`))![0];
    const download = await fetch(portal.url + link, { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    expect(download.headers.get("content-disposition")).toContain("filename*=UTF-8''report%20%28final%3B%20v2%29%20Budget%3D2026.pdf");
    const pageAnswer = await fetch(`${portal.url}/login`);
    expect(pageAnswer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(pageAnswer.headers.get("content-security-policy")).toContain("default-src 'self'");
  });
});
