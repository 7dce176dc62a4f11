import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { db } from "../../app/db.server";
import { recordAttempt, signInLimits } from "../../app/auth/rate-limit.server";
import * as account from "../../app/routes/account";
import * as login from "../../app/routes/login";
import { auditLog, outbox } from "../../db/schema";
import { signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";

// ADR 018: a guesser is stopped, and nobody can lock the owner out of their own account.

useDatabase("demo");

type Refusal = { result: { error: Record<string, string[]> } };
const from = (ip: string) => ({ headers: { "X-TAF-Client-IP": ip } });
const OWNER = "applicant.ba@taf.example";

function refusalOf(answer: unknown) {
  return (answer as Refusal).result.error[""]?.[0];
}

describe("sign-in limits", () => {
  it("stops a guesser on one address after ten wrong passwords, even with the right one, and lets the owner in from theirs", async () => {
    for (let i = 0; i < 10; i++) await submit(login, "/login", { email: OWNER, password: `guess number ${i}` }, from("203.0.113.66"));
    expect(refusalOf(await submit(login, "/login", { email: OWNER, password: DEMO_PASSWORD }, from("203.0.113.66")))).toMatch(/Too many attempts/);
    expect(statusOf(await submit(login, "/login", { email: OWNER, password: DEMO_PASSWORD }, from("198.51.100.20")))).toBe(302);
  });

  it("lets the many people of a ministry behind one address sign in, however many of them mistype once", async () => {
    const ministry = from("192.0.2.10");
    // Forty people mistype once on the shared address, which the old per-address limit (30) stopped.
    for (let i = 0; i < 40; i++) await submit(login, "/login", { email: `staff${i}@mup.gov.example`, password: "mistyped" }, ministry);
    for (const email of ["applicant.me@taf.example", "applicant.rs@taf.example", "advisor.mk@taf.example"]) {
      expect(statusOf(await submit(login, "/login", { email, password: DEMO_PASSWORD }, ministry))).toBe(302);
    }
  });

  it("stops an address guessing across many accounts after a hundred wrong passwords", async () => {
    const scanner = signInLimits({ email: "anyone@example.org", ip: "203.0.113.99" });
    for (let i = 0; i < 100; i++) recordAttempt([scanner.address]);
    expect(refusalOf(await submit(login, "/login", { email: "applicant.me@taf.example", password: DEMO_PASSWORD }, from("203.0.113.99")))).toMatch(/Too many attempts/);
  });

  it("under attack from many addresses, lets the owner in from an address they used before, and e-mails a link to a new one", async () => {
    expect(statusOf(await submit(login, "/login", { email: OWNER, password: DEMO_PASSWORD }, from("198.51.100.30")))).toBe(302);
    // Fifty wrong passwords from fifty addresses: no pair reaches its limit.
    for (let i = 0; i < 50; i++) recordAttempt(Object.values(signInLimits({ email: OWNER, ip: `203.0.113.${i}` })));
    expect(statusOf(await submit(login, "/login", { email: OWNER, password: DEMO_PASSWORD }, from("198.51.100.30")))).toBe(302);

    const mailBefore = db().select().from(outbox).where(eq(outbox.recipient, OWNER)).all().length;
    const held = await submit(login, "/login", { email: OWNER, password: DEMO_PASSWORD }, from("198.51.100.31"));
    expect(refusalOf(held)).toMatch(/We have e-mailed you a link/);
    const mail = db().select().from(outbox).where(eq(outbox.recipient, OWNER)).all();
    expect(mail).toHaveLength(mailBefore + 1);
    expect(mail.at(-1)!.text).toMatch(/\/set-password\/[\w-]{40,}/);
    const audited = db().select().from(auditLog).where(and(eq(auditLog.action, "signInHeldUnderAttack"), eq(auditLog.ip, "198.51.100.31"))).all();
    expect(audited).toHaveLength(1);
  });
});

describe("the account page's current password", () => {
  it("stops guessing after ten wrong current passwords, even the right one, and changes nothing", async () => {
    const cookie = await signInAs("reviewer.eu@taf.example");
    const change = (currentPassword: string) =>
      submit(account, "/account", { currentPassword, password: "a stolen session's choice", confirmation: "a stolen session's choice" }, { cookie });
    for (let i = 0; i < 10; i++) {
      const answer = (await change(`guess ${i}`)) as { result: { error: Record<string, string[]> }; changed: boolean };
      expect(answer.result.error.currentPassword?.[0]).toMatch(/not your current password/);
    }
    const blocked = (await change(DEMO_PASSWORD)) as { result: { error: Record<string, string[]> }; changed: boolean };
    expect(blocked.changed).toBe(false);
    expect(blocked.result.error.currentPassword?.[0]).toMatch(/Too many attempts/);
    expect(statusOf(await submit(login, "/login", { email: "reviewer.eu@taf.example", password: DEMO_PASSWORD }))).toBe(302);
  });
});
