import { and, count, desc, eq } from "drizzle-orm";
import { generate } from "otplib";
import { describe, expect, it, vi } from "vitest";
import { auditLog, outbox, sessions, totpFactors, users } from "../../db/schema";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { db } from "../../app/db.server";
import * as root from "../../app/root";
import * as adminPeople from "../../app/routes/admin.people._index";
import * as person from "../../app/routes/admin.people.$userId";
import * as rules from "../../app/routes/admin.two-factor";
import * as twoFactor from "../../app/routes/account_.two-factor";
import * as login from "../../app/routes/login";
import * as secondStep from "../../app/routes/login_.second-factor";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { userId } from "../workflow-server/builders";

// Signing in with a second factor: enrolling an authenticator app, the code after the password
// (right, wrong, replayed), recovery codes used once, the roles that require it, and the reset.

useDatabase("demo");

const REVIEWER = "reviewer.eu@taf.example";
const ADMIN = "admin@taf.example";

type Page = Awaited<ReturnType<typeof twoFactor.loader>>;
type Answer = { result?: { error?: Record<string, string[] | null> | null }; recoveryCodes?: string[] };

/** The name=value pairs of a response's cookies, as the browser sends them back. */
function cookiesOf(response: unknown) {
  return (response as Response).headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .join("; ");
}

function errorsOf(answer: unknown) {
  return Object.values((answer as Answer).result?.error ?? {}).flat();
}

/** A code the app shows `stepsAhead` 30-second steps from now (a later step is a new code). */
function codeFor(secret: string, stepsAhead = 0) {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });
}

/** Enrols an authenticator app for the person, as they do on the page; the secret and the recovery codes. */
async function enrol(email: string) {
  const cookie = await signInAs(email);
  await submit(twoFactor, "/account/two-factor", { intent: "start" }, { cookie });
  const page = (await load(twoFactor, "/account/two-factor", { cookie })) as Page;
  const secret = page.enrolment!.secret.replace(/ /g, "");
  const confirmed = (await submit(twoFactor, "/account/two-factor", { intent: "confirm", code: await codeFor(secret) }, { cookie })) as Answer;
  return { cookie, secret, recoveryCodes: confirmed.recoveryCodes! };
}

/** The password step: the cookies of the half-way sign-in. */
async function passwordStep(email: string) {
  const response = await submit(login, "/login", { email, password: DEMO_PASSWORD, redirectTo: "/proposals" });
  expect((response as Response).headers.get("Location")).toBe("/login/second-factor?redirectTo=%2Fproposals");
  return cookiesOf(response);
}

function sessionCount(email: string) {
  return db().select({ n: count() }).from(sessions).where(eq(sessions.userId, userId(email))).get()!.n;
}

async function signedInAs(cookie: string) {
  const data = (await load(root, "/", { cookie })) as { user: { email: string } | null };
  return data.user?.email ?? null;
}

function latestAudit(action: string) {
  return db().select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).get();
}

describe("enrolling an authenticator app", () => {
  it("shows a QR code and the key, and turns on only after a right code, then never shows the key again", async () => {
    const cookie = await signInAs(REVIEWER);
    await submit(twoFactor, "/account/two-factor", { intent: "start" }, { cookie });
    const enrolling = (await load(twoFactor, "/account/two-factor", { cookie })) as Page;
    expect(enrolling.app).toBe("enrolling");
    expect(enrolling.enrolment!.qrSvg).toContain("<svg");
    expect(enrolling.enrolment!.secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = enrolling.enrolment!.secret.replace(/ /g, "");

    const wrong = await submit(twoFactor, "/account/two-factor", { intent: "confirm", code: "000000" }, { cookie });
    expect(errorsOf(wrong)).toEqual(["This code is not right, or it has already been used. Enter the code your app shows now."]);
    expect(((await load(twoFactor, "/account/two-factor", { cookie })) as Page).app).toBe("enrolling");

    const right = (await submit(twoFactor, "/account/two-factor", { intent: "confirm", code: await codeFor(secret) }, { cookie })) as Answer;
    expect(right.recoveryCodes).toHaveLength(10);
    expect(new Set(right.recoveryCodes).size).toBe(10);
    const active = (await load(twoFactor, "/account/two-factor", { cookie })) as Page;
    expect(active).toMatchObject({ app: "active", recoveryCodesLeft: 10, enrolment: null });
    expect(latestAudit("secondFactorEnrolled")?.subjectId).toBe(String(userId(REVIEWER)));
    // Stored encrypted: the database alone does not give the key.
    const stored = db().select().from(totpFactors).where(eq(totpFactors.userId, userId(REVIEWER))).get()!;
    expect(stored.secretCiphertext).not.toContain(secret);
  });
});

describe("managing one's own second factor", () => {
  it("makes new recovery codes with a code from the app; the old ones stop working", async () => {
    const { cookie, secret, recoveryCodes: old } = await enrol(REVIEWER);
    const fresh = (await submit(twoFactor, "/account/two-factor", { intent: "regenerate", code: await codeFor(secret, 1) }, { cookie })) as Answer;
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(fresh.recoveryCodes).not.toContain(old[0]);
    expect(latestAudit("recoveryCodesRegenerated")?.subjectId).toBe(String(userId(REVIEWER)));
    const withOld = await submit(secondStep, "/login/second-factor", { code: old[0]! }, { cookie: await passwordStep(REVIEWER) });
    expect(errorsOf(withOld)).toHaveLength(1);
    const withNew = await submit(secondStep, "/login/second-factor", { code: fresh.recoveryCodes![0]! }, { cookie: await passwordStep(REVIEWER) });
    expect(statusOf(withNew)).toBe(302);
  });

  it("turns off a factor no role requires, after a code; then the password alone signs in", async () => {
    const { cookie, secret } = await enrol(REVIEWER);
    await submit(twoFactor, "/account/two-factor", { intent: "turnOff", code: await codeFor(secret, 1) }, { cookie });
    expect(((await load(twoFactor, "/account/two-factor", { cookie })) as Page).app).toBe("none");
    const response = await submit(login, "/login", { email: REVIEWER, password: DEMO_PASSWORD });
    expect((response as Response).headers.get("Location")).toBe("/");
  });
});

describe("signing in with a second factor", () => {
  it("asks for a code after the password and signs in only once a right one is given", async () => {
    const { secret } = await enrol(REVIEWER);
    const sessionsBefore = sessionCount(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    expect(sessionCount(REVIEWER)).toBe(sessionsBefore);
    expect(await signedInAs(halfWay)).toBeNull();
    expect(statusOf(await load(secondStep, "/login/second-factor", { cookie: halfWay }))).toBe(200);

    const done = await submit(secondStep, "/login/second-factor", { code: await codeFor(secret, 1), redirectTo: "/proposals" }, { cookie: halfWay });
    expect((done as Response).headers.get("Location")).toBe("/proposals");
    expect(await signedInAs(cookiesOf(done))).toBe(REVIEWER);
    expect(latestAudit("signIn")?.detail).toEqual({ secondFactor: "totp" });
  });

  it("refuses a wrong code and keeps the person signed out", async () => {
    await enrol(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    const sessionsBefore = sessionCount(REVIEWER);
    const wrong = await submit(secondStep, "/login/second-factor", { code: "123456" }, { cookie: halfWay });
    expect(statusOf(wrong)).toBe(200);
    expect(errorsOf(wrong)).toEqual(["This code is not right, or it has already been used. Enter the code your app shows now."]);
    expect(sessionCount(REVIEWER)).toBe(sessionsBefore);
  });

  it("refuses a code already used, even in a new sign-in", async () => {
    const { secret } = await enrol(REVIEWER);
    const code = await codeFor(secret, 1);
    const first = await submit(secondStep, "/login/second-factor", { code }, { cookie: await passwordStep(REVIEWER) });
    expect(statusOf(first)).toBe(302);
    const replayed = await submit(secondStep, "/login/second-factor", { code }, { cookie: await passwordStep(REVIEWER) });
    expect(statusOf(replayed)).toBe(200);
    expect(errorsOf(replayed)).toHaveLength(1);
  });

  it("accepts a recovery code once, and refuses it the second time", async () => {
    const { cookie, recoveryCodes } = await enrol(REVIEWER);
    const [code] = recoveryCodes;
    const first = await submit(secondStep, "/login/second-factor", { code: code!.toUpperCase() }, { cookie: await passwordStep(REVIEWER) });
    expect(await signedInAs(cookiesOf(first))).toBe(REVIEWER);
    expect(latestAudit("signIn")?.detail).toEqual({ secondFactor: "recoveryCode" });
    const again = await submit(secondStep, "/login/second-factor", { code: code! }, { cookie: await passwordStep(REVIEWER) });
    expect(errorsOf(again)).toEqual(["This code is not right, or it has already been used. Enter the code your app shows now."]);
    expect(((await load(twoFactor, "/account/two-factor", { cookie })) as Page).recoveryCodesLeft).toBe(9);
  });

  it("is bound to the browser that gave the password: without its cookie the code leads back to the password", async () => {
    const { secret } = await enrol(REVIEWER);
    await passwordStep(REVIEWER);
    const elsewhere = await submit(secondStep, "/login/second-factor", { code: await codeFor(secret, 1) });
    expect((elsewhere as Response).headers.get("Location")).toBe("/login?notice=second-step-expired");
    expect(statusOf(await load(secondStep, "/login/second-factor"))).toBe(302);
  });

  it("expires in minutes", async () => {
    const { secret } = await enrol(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    const later = new Date(Date.now() + 6 * 60 * 1000);
    vi.setSystemTime(later);
    const late = await submit(secondStep, "/login/second-factor", { code: await codeFor(secret) }, { cookie: halfWay });
    expect((late as Response).headers.get("Location")).toBe("/login?notice=second-step-expired");
  });

  it("limits wrong codes like passwords: after ten, even the right code waits", async () => {
    const { secret } = await enrol(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    for (let i = 0; i < 10; i++) await submit(secondStep, "/login/second-factor", { code: "000000" }, { cookie: halfWay });
    const right = await submit(secondStep, "/login/second-factor", { code: await codeFor(secret, 1) }, { cookie: halfWay });
    expect(errorsOf(right)).toEqual(["Too many attempts. For your security, please wait 15 minutes before trying again."]);
  });

  it("leaves people without a second factor signing in with the password only", async () => {
    const response = await submit(login, "/login", { email: ADMIN, password: DEMO_PASSWORD });
    expect((response as Response).headers.get("Location")).toBe("/");
    expect(await signedInAs(cookiesOf(response))).toBe(ADMIN);
  });
});

describe("a second factor required per role", () => {
  it("is set by an administrator, audited, and leads a person of that role to enrol before anything else", async () => {
    const admin = await signInAs(ADMIN);
    expect(statusOf(await submit(rules, "/admin/two-factor", { administrator: "on" }, { cookie: admin }))).toBe(302);
    expect(latestAudit("secondFactorRequirementChanged")?.detail).toEqual({ role: "administrator", required: true });
    expect(((await load(rules, "/admin/two-factor", { cookie: admin })) as Response).headers.get("Location")).toBe("/account/two-factor");

    const page = (await load(twoFactor, "/account/two-factor", { cookie: admin })) as Page;
    expect(page).toMatchObject({ required: true, app: "none" });
    // A reviewer's role is not required: their pages stay open.
    expect(statusOf(await load(root, "/", { cookie: await signInAs(REVIEWER) }))).toBe(200);

    await submit(twoFactor, "/account/two-factor", { intent: "start" }, { cookie: admin });
    const secret = ((await load(twoFactor, "/account/two-factor", { cookie: admin })) as Page).enrolment!.secret.replace(/ /g, "");
    await submit(twoFactor, "/account/two-factor", { intent: "confirm", code: await codeFor(secret) }, { cookie: admin });
    expect(statusOf(await load(adminPeople, "/admin/people", { cookie: admin }))).toBe(200);
    // Required: it cannot be turned off.
    const turnOff = await submit(twoFactor, "/account/two-factor", { intent: "turnOff", code: await codeFor(secret, 1) }, { cookie: admin });
    expect(errorsOf(turnOff)).toEqual(["Your role requires a second factor, so it cannot be turned off."]);
  });
});

describe("an administrator's reset", () => {
  it("removes the person's factor, is audited, and mails the person in their language", async () => {
    await enrol(REVIEWER);
    db().update(users).set({ locale: "mk" }).where(eq(users.email, REVIEWER)).run();
    const admin = await signInAs(ADMIN);
    const id = String(userId(REVIEWER));
    const reset = await submit(person, `/admin/people/${id}`, { intent: "resetSecondFactor" }, { cookie: admin, params: { userId: id } });
    expect((reset as Response).headers.get("Location")).toBe(`/admin/people/${id}?notice=second-factor-reset`);
    expect(latestAudit("secondFactorReset")).toMatchObject({ actorUserId: userId(ADMIN), subjectType: "user", subjectId: id });
    const mail = db().select().from(outbox).where(and(eq(outbox.recipient, REVIEWER), eq(outbox.template, "second-factor-reset"))).all();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ subject: "Вашиот втор фактор за порталот ТАФ е поништен", locale: "mk" });
    const response = await submit(login, "/login", { email: REVIEWER, password: DEMO_PASSWORD });
    expect((response as Response).headers.get("Location")).toBe("/");
  });

  it("says so when the person has no second factor, and changes nothing", async () => {
    const admin = await signInAs(ADMIN);
    const id = String(userId(REVIEWER));
    const answer = await submit(person, `/admin/people/${id}`, { intent: "resetSecondFactor" }, { cookie: admin, params: { userId: id } });
    expect(errorsOf(answer)).toEqual(["This person has no second factor to reset."]);
    expect(latestAudit("secondFactorReset")).toBeUndefined();
  });
});
