import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, tokens } from "../../db/schema";
import { DEMO_PASSWORD, loadDemoData } from "../../app/demo/demo.server";
import { db } from "../../app/db.server";
import { issueToken } from "../../app/auth/tokens.server";
import * as root from "../../app/root";
import * as account from "../../app/routes/account";
import * as forgotPassword from "../../app/routes/forgot-password";
import * as login from "../../app/routes/login";
import * as setPassword from "../../app/routes/set-password.$token";
import { addPerson, KOSOVO_POLICE, userId } from "../workflow-server/builders";
import { load, signInAs, statusOf, submit } from "../support/http";

// What the account flows leave behind for the TAF team: an audit row for each, sessions ended
// where a password changed, and nothing at all for an address without an account.

beforeAll(async () => {
  await loadDemoData(db());
});

function auditOf(email: string) {
  return db()
    .select({ action: auditLog.action, actorUserId: auditLog.actorUserId, ip: auditLog.ip })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "user"), eq(auditLog.subjectId, String(userId(email)))))
    .orderBy(desc(auditLog.id))
    .all();
}

function sessionCount(email: string) {
  return db().select({ n: count() }).from(sessions).where(eq(sessions.userId, userId(email))).get()!.n;
}

async function signedIn(cookie: string) {
  const data = (await load(root, "/", { cookie })) as { user: { name: string } | null };
  return data.user !== null;
}

function linkFor(email: string, purpose: "invitation" | "passwordReset") {
  return db().transaction((tx) => issueToken(tx, userId(email), purpose)).secret;
}

describe("signing in", () => {
  it("records a sign-in against the person, with the address it came from", async () => {
    const response = await submit(login, "/login", { email: "applicant.ba@taf.example", password: DEMO_PASSWORD }, { headers: { "X-TAF-Client-IP": "198.51.100.9" } });
    expect(statusOf(response)).toBe(302);
    expect(auditOf("applicant.ba@taf.example")[0]).toEqual({ action: "signIn", actorUserId: userId("applicant.ba@taf.example"), ip: "198.51.100.9" });
  });

  it("records a failed try with the address typed, and no one as its actor", async () => {
    await submit(login, "/login", { email: "applicant.me@taf.example", password: "not the password at all" });
    const failed = db().select().from(auditLog).where(eq(auditLog.action, "signInFailed")).orderBy(desc(auditLog.id)).get()!;
    expect(failed.actorUserId).toBeNull();
    expect(failed.detail).toEqual({ email: "applicant.me@taf.example" });
  });
});

describe("choosing a password from a link", () => {
  it("records an accepted invitation, and the new person can sign in", async () => {
    addPerson({ email: "new.colleague@taf.example", name: "Lena Novak", role: "applicant", institution: KOSOVO_POLICE });
    const secret = linkFor("new.colleague@taf.example", "invitation");
    const done = await submit(setPassword, `/set-password/${secret}`, { password: "a passphrase of my own", confirmation: "a passphrase of my own" }, { params: { token: secret } });
    expect((done as Response).headers.get("Location")).toBe("/login?notice=password-set");
    expect(auditOf("new.colleague@taf.example")[0]?.action).toBe("invitationAccepted");
    expect(statusOf(await submit(login, "/login", { email: "new.colleague@taf.example", password: "a passphrase of my own" }))).toBe(302);
  });

  it("records a reset and signs the person out everywhere they were signed in", async () => {
    const before = await signInAs("applicant.rs@taf.example");
    const secret = linkFor("applicant.rs@taf.example", "passwordReset");
    await submit(setPassword, `/set-password/${secret}`, { password: "a reset passphrase here", confirmation: "a reset passphrase here" }, { params: { token: secret } });
    expect(auditOf("applicant.rs@taf.example")[0]?.action).toBe("passwordReset");
    expect(await signedIn(before)).toBe(false);
    expect(sessionCount("applicant.rs@taf.example")).toBe(0);
  });
});

describe("changing a password", () => {
  it("records the change; the old password no longer signs in, the new one does", async () => {
    const cookie = await signInAs("advisor.mk@taf.example");
    const result = (await submit(account, "/account", { currentPassword: DEMO_PASSWORD, password: "an advisor's new passphrase", confirmation: "an advisor's new passphrase" }, { cookie })) as {
      changed: boolean;
    };
    expect(result.changed).toBe(true);
    expect(auditOf("advisor.mk@taf.example")[0]?.action).toBe("passwordChanged");
    expect(statusOf(await submit(login, "/login", { email: "advisor.mk@taf.example", password: DEMO_PASSWORD }))).toBe(200);
    expect(statusOf(await submit(login, "/login", { email: "advisor.mk@taf.example", password: "an advisor's new passphrase" }))).toBe(302);
  });

  it("changes nothing when the current password is wrong", async () => {
    const cookie = await signInAs("applicant.al@taf.example");
    const auditBefore = auditOf("applicant.al@taf.example").length;
    await submit(account, "/account", { currentPassword: "a wrong guess here", password: "never to be stored", confirmation: "never to be stored" }, { cookie });
    // The wrong guess is recorded (ADR 018: it counts against the account's limit), nothing else.
    const audit = auditOf("applicant.al@taf.example");
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit[0]?.action).toBe("passwordCheckFailed");
    expect(statusOf(await submit(login, "/login", { email: "applicant.al@taf.example", password: DEMO_PASSWORD }))).toBe(302);
  });
});

describe("asking for a reset link", () => {
  it("for a known address, issues one link and records the request", async () => {
    const linksBefore = db().select({ n: count() }).from(tokens).where(eq(tokens.userId, userId("reviewer.expert@taf.example"))).get()!.n;
    await submit(forgotPassword, "/forgot-password", { email: "reviewer.expert@taf.example" });
    expect(db().select({ n: count() }).from(tokens).where(eq(tokens.userId, userId("reviewer.expert@taf.example"))).get()!.n).toBe(linksBefore + 1);
    expect(auditOf("reviewer.expert@taf.example")[0]?.action).toBe("passwordResetRequested");
  });

  it("for an unknown address, issues no link and records nothing", async () => {
    const links = db().select({ n: count() }).from(tokens).get()!.n;
    const entries = db().select({ n: count() }).from(auditLog).get()!.n;
    const answer = (await submit(forgotPassword, "/forgot-password", { email: "nobody.here@elsewhere.example" })) as { sent: boolean };
    expect(answer.sent).toBe(true);
    expect(db().select({ n: count() }).from(tokens).get()!.n).toBe(links);
    expect(db().select({ n: count() }).from(auditLog).get()!.n).toBe(entries);
  });
});
