import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, tokens, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as forgotPassword from "../../app/routes/forgot-password";
import * as setPassword from "../../app/routes/set-password.$token";
import * as account from "../../app/routes/account";
import * as home from "../../app/routes/_index";
import { issueToken } from "../../app/auth/tokens.server";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";

useDatabase("demo");

function cookieFrom(response: unknown) {
  expect(response).toBeInstanceOf(Response);
  return (response as Response).headers.get("Set-Cookie")!.split(";")[0]!;
}

async function signedInName(cookie: string | null) {
  const data = (await load(root, "/", { cookie })) as { user: { name: string } | null };
  return data.user?.name ?? null;
}

function outboxTo(email: string) {
  return db().select().from(outbox).where(eq(outbox.recipient, email)).all();
}

describe("sign in", () => {
  it("signs a person in with the right password and sends them where they were going", async () => {
    const response = await submit(login, "/login", {
      email: "Applicant.AL@taf.example",
      password: DEMO_PASSWORD,
      redirectTo: "/account",
    });
    expect(statusOf(response)).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/account");
    const setCookie = (response as Response).headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(await signedInName(cookieFrom(response))).toBe("Erion Hoxha");
  });

  it("never redirects to another site after signing in", async () => {
    const response = await submit(login, "/login", {
      email: "applicant.al@taf.example",
      password: DEMO_PASSWORD,
      redirectTo: "//evil.example/phish",
    });
    expect((response as Response).headers.get("Location")).toBe("/");
  });

  it("refuses a wrong password without saying which part was wrong, and forgets the password typed", async () => {
    const result = (await submit(login, "/login", { email: "applicant.rs@taf.example", password: "not the password" })) as {
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    };
    expect(result.result.error[""]?.[0]).toMatch(/e-mail address or the password is not right/);
    expect(result.result.initialValue.email).toBe("applicant.rs@taf.example");
    expect(result.result.initialValue.password).toBeUndefined();
  });

  it("answers an unknown address exactly like a wrong password", async () => {
    const unknown = (await submit(login, "/login", { email: "nobody@taf.example", password: "whatever it is" })) as {
      result: { error: Record<string, string[]> };
    };
    expect(unknown.result.error[""]?.[0]).toMatch(/e-mail address or the password is not right/);
  });

  it("explains a malformed address next to the field and keeps what was typed", async () => {
    const result = (await submit(login, "/login", { email: "not-an-address", password: "x" })) as {
      result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    };
    expect(result.result.error.email?.[0]).toMatch(/Enter your e-mail address/);
    expect(result.result.initialValue.email).toBe("not-an-address");
  });

  it("stops guessing after ten tries for one address within 15 minutes, even with the right password", async () => {
    for (let i = 0; i < 10; i++) {
      await submit(login, "/login", { email: "applicant.ba@taf.example", password: `guess number ${i}` });
    }
    const blocked = (await submit(login, "/login", { email: "applicant.ba@taf.example", password: DEMO_PASSWORD })) as {
      result: { error: Record<string, string[]> };
    };
    expect(blocked.result.error[""]?.[0]).toMatch(/Too many attempts/);
  });

  it("stops one IP address after a hundred failed tries across many addresses, and no other", async () => {
    const fromOffice = { headers: { "X-TAF-Client-IP": "203.0.113.7" } };
    for (let i = 0; i < 100; i++) {
      await submit(login, "/login", { email: `guess${i}@taf.example`, password: "not the password" }, fromOffice);
    }
    const blocked = (await submit(login, "/login", { email: "applicant.me@taf.example", password: DEMO_PASSWORD }, fromOffice)) as {
      result: { error: Record<string, string[]> };
    };
    expect(blocked.result.error[""]?.[0]).toMatch(/Too many attempts/);
    const elsewhere = await submit(login, "/login", { email: "applicant.me@taf.example", password: DEMO_PASSWORD }, { headers: { "X-TAF-Client-IP": "198.51.100.2" } });
    expect(statusOf(elsewhere)).toBe(302);
  });

  it("treats a tampered or malformed session cookie as signed out, not as an error", async () => {
    for (const cookie of ["taf_session=%E0%A4%A", "taf_session=eyJub3QiOiJzaWduZWQifQ%3D%3D.bad", "taf_session="]) {
      expect(await signedInName(cookie)).toBeNull();
      const response = await load(home, "/", { cookie });
      expect(statusOf(response)).toBe(302);
      expect((response as Response).headers.get("Location")).toBe("/login");
    }
  });
});

describe("sign out", () => {
  it("ends the session on the server, so the old cookie no longer works", async () => {
    const cookie = await signInAs("applicant.me@taf.example");
    expect(await signedInName(cookie)).toBe("Nikola Vuković");
    const response = await submit(logout, "/logout", {}, { cookie });
    expect((response as Response).headers.get("Location")).toBe("/login?notice=signed-out");
    expect(await signedInName(cookie)).toBeNull();
  });
});

describe("forgot password", () => {
  it("mails a single-use link to a known address", async () => {
    const before = outboxTo("applicant.mk@taf.example").length;
    const result = (await submit(forgotPassword, "/forgot-password", { email: "applicant.mk@taf.example" })) as { sent: boolean };
    expect(result.sent).toBe(true);
    const mail = outboxTo("applicant.mk@taf.example");
    expect(mail).toHaveLength(before + 1);
    expect(mail.at(-1)!.text).toMatch(/http:\/\/localhost:3000\/set-password\/[\w-]{40,}/);
  });

  it("gives the same answer for an unknown address and sends nothing", async () => {
    const before = db().select({ n: count() }).from(outbox).get()!.n;
    const result = (await submit(forgotPassword, "/forgot-password", { email: "stranger@elsewhere.example" })) as { sent: boolean };
    expect(result.sent).toBe(true);
    expect(db().select({ n: count() }).from(outbox).get()!.n).toBe(before);
  });

  it("sends at most ten links to one address in 15 minutes, then says to wait", async () => {
    const before = outboxTo("reviewer.eu@taf.example").length;
    for (let i = 0; i < 10; i++) await submit(forgotPassword, "/forgot-password", { email: "reviewer.eu@taf.example" });
    const blocked = (await submit(forgotPassword, "/forgot-password", { email: "reviewer.eu@taf.example" })) as {
      sent: boolean;
      result: { error: Record<string, string[]> };
    };
    expect(blocked.sent).toBe(false);
    expect(blocked.result.error[""]?.[0]).toMatch(/Too many attempts/);
    expect(outboxTo("reviewer.eu@taf.example")).toHaveLength(before + 10);
  });
});

describe("set a password from an e-mailed link", () => {
  function linkFor(email: string, purpose: "invitation" | "passwordReset" = "passwordReset") {
    const user = db().select().from(users).where(eq(users.email, email)).get()!;
    return db().transaction((tx) => issueToken(tx, user.id, purpose));
  }

  it("sets the password once; the same link then says it was used", async () => {
    const { secret } = linkFor("reviewer.expert@taf.example");
    const params = { token: secret };
    expect(await load(setPassword, `/set-password/${secret}`, { params })).toMatchObject({ ok: true, email: "reviewer.expert@taf.example" });
    const done = await submit(setPassword, `/set-password/${secret}`, { password: "a brand new passphrase", confirmation: "a brand new passphrase" }, { params });
    expect((done as Response).headers.get("Location")).toBe("/login?notice=password-set");
    const signIn = await submit(login, "/login", { email: "reviewer.expert@taf.example", password: "a brand new passphrase" });
    expect(statusOf(signIn)).toBe(302);

    const again = (await load(setPassword, `/set-password/${secret}`, { params })) as { ok: boolean; problem: string };
    expect(again).toMatchObject({ ok: false });
    expect(again.problem).toMatch(/already been used/);
    const reuse = (await submit(setPassword, `/set-password/${secret}`, { password: "another passphrase!", confirmation: "another passphrase!" }, { params })) as {
      result: { error: Record<string, string[]> };
    };
    expect(reuse.result.error[""]?.[0]).toMatch(/already been used/);
    // What was typed in the password fields never travels back to the page.
    expect(JSON.stringify(reuse)).not.toContain("another passphrase!");
  });

  it("refuses an expired link and changes nothing", async () => {
    const { secret, tokenId } = linkFor("advisor.mk@taf.example");
    db().update(tokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(tokens.id, tokenId)).run();
    const hashBefore = db().select().from(users).where(eq(users.email, "advisor.mk@taf.example")).get()!.passwordHash;
    const result = (await submit(setPassword, "/set-password/x", { password: "a brand new passphrase", confirmation: "a brand new passphrase" }, { params: { token: secret } })) as {
      result: { error: Record<string, string[]> };
    };
    expect(result.result.error[""]?.[0]).toMatch(/expired/);
    expect(db().select().from(users).where(eq(users.email, "advisor.mk@taf.example")).get()!.passwordHash).toBe(hashBefore);
  });

  it("asks for a longer password, next to the field", async () => {
    const { secret } = linkFor("applicant.xk@taf.example");
    const result = (await submit(setPassword, "/set-password/x", { password: "short", confirmation: "short" }, { params: { token: secret } })) as {
      result: { error: Record<string, string[]> };
    };
    expect(result.result.error.password?.[0]).toMatch(/at least 12 characters/);
  });

  it("says so when the two passwords differ", async () => {
    const { secret } = linkFor("applicant.xk@taf.example");
    const result = (await submit(setPassword, "/set-password/x", { password: "a long enough passphrase", confirmation: "a long enough passphrase?" }, { params: { token: secret } })) as {
      result: { error: Record<string, string[]> };
    };
    expect(result.result.error.confirmation?.[0]).toMatch(/not the same/);
  });

  it("explains an unknown link", async () => {
    const result = (await load(setPassword, "/set-password/nonsense", { params: { token: "nonsense" } })) as { problem: string };
    expect(result.problem).toMatch(/not valid/);
  });
});

describe("change password", () => {
  it("needs the current password", async () => {
    const cookie = await signInAs("reviewer.eu@taf.example");
    const result = (await submit(account, "/account", { currentPassword: "wrong one", password: "my new passphrase", confirmation: "my new passphrase" }, { cookie })) as {
      result: { error: Record<string, string[]> };
      changed: boolean;
    };
    expect(result.changed).toBe(false);
    expect(result.result.error.currentPassword?.[0]).toMatch(/not your current password/);
  });

  it("keeps this session, ends the person's other sessions and notifies them by e-mail", async () => {
    const here = await signInAs("reviewer.eu@taf.example");
    const elsewhere = await signInAs("reviewer.eu@taf.example");
    const result = (await submit(account, "/account", { currentPassword: DEMO_PASSWORD, password: "my new passphrase", confirmation: "my new passphrase" }, { cookie: here })) as {
      changed: boolean;
    };
    expect(result.changed).toBe(true);
    expect(await signedInName(here)).toBe("Marco Bianchi");
    expect(await signedInName(elsewhere)).toBeNull();
    expect(outboxTo("reviewer.eu@taf.example").some((m) => m.template === "password-changed")).toBe(true);
  });
});

describe("deactivated people", () => {
  it("are signed out at once and cannot sign in", async () => {
    const cookie = await signInAs("applicant.me@taf.example");
    db().update(users).set({ active: false }).where(and(eq(users.email, "applicant.me@taf.example"))).run();
    expect(await signedInName(cookie)).toBeNull();
    const result = (await submit(login, "/login", { email: "applicant.me@taf.example", password: DEMO_PASSWORD })) as {
      result: { error: Record<string, string[]> };
    };
    expect(result.result.error[""]?.[0]).toMatch(/not right/);
  });
});

describe("malformed requests", () => {
  it("answers a body that is not a form with 415, and a field with an absurd list position with 400", async () => {
    const json = new Request("http://localhost:3000/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    const asJson = await login.action({ request: json, params: {}, context: {} }).catch((thrown: unknown) => thrown);
    expect(statusOf(asJson)).toBe(415);
    const huge = await submit(login, "/login", { email: "bad", "zzz[5000000]": "1" });
    expect(statusOf(huge)).toBe(400);
  });

  it("never sends a person to another site after signing in, however the address is disguised", async () => {
    for (const disguised of ["/\t/evil.example", "/\\evil.example", "/\n/evil.example", "https://evil.example"]) {
      const response = await submit(login, "/login", { email: "applicant.al@taf.example", password: DEMO_PASSWORD, redirectTo: disguised });
      expect((response as Response).headers.get("Location")).toBe("/");
    }
  });
});
