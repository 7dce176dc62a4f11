import { and, count, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, outbox, passkeys, twoFactorRequirements } from "../../db/schema";
import { DEMO_PASSWORD } from "../../app/demo/demo.server";
import { db } from "../../app/db.server";
import { env } from "../../app/env.server";
import * as root from "../../app/root";
import * as person from "../../app/routes/admin.people.$userId";
import * as twoFactor from "../../app/routes/account_.two-factor";
import * as login from "../../app/routes/login";
import * as secondStep from "../../app/routes/login_.second-factor";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { softAuthenticator } from "../support/soft-authenticator";
import { userId } from "../workflow-server/builders";

// Passkeys as a second factor: adding one (named, listed, removed), finishing a sign-in with it,
// and the refusals: an answer signed for another origin, a challenge used twice, a passkey the
// portal does not know.

useDatabase("demo");

const REVIEWER = "reviewer.eu@taf.example";
const ADMIN = "admin@taf.example";
const EVIL_ORIGIN = "https://taf-portal.example.net";

type Options = { passkeyOptions: { challenge: string; rp: { id?: string }; rpId?: string } };
type Answer = { result?: { error?: Record<string, string[] | null> | null }; passkeyNotice?: string; passkeyErrors?: string[] };
type Page = Awaited<ReturnType<typeof twoFactor.loader>>;

function origin() {
  return new URL(env().APP_URL).origin;
}

function errorsOf(answer: unknown) {
  const { result, passkeyErrors } = answer as Answer;
  return [...Object.values(result?.error ?? {}).flat(), ...(passkeyErrors ?? [])];
}

function cookiesOf(response: unknown) {
  return (response as Response).headers
    .getSetCookie()
    .map((header) => header.split(";")[0]!)
    .join("; ");
}

function passkeyCount(email: string) {
  return db().select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId(email))).get()!.n;
}

async function registrationOptions(cookie: string) {
  return ((await submit(twoFactor, "/account/two-factor", { intent: "passkeyOptions" }, { cookie })) as Options).passkeyOptions;
}

/** Adds a passkey as the page does: a challenge, the authenticator's answer, the name. */
async function addPasskey(email: string, name = "Office laptop") {
  const cookie = await signInAs(email);
  const authenticator = softAuthenticator();
  const options = await registrationOptions(cookie);
  const answer = await submit(twoFactor, "/account/two-factor", { intent: "passkeyAdd", name, credential: authenticator.register(options, origin()) }, { cookie });
  expect((answer as Answer).passkeyNotice).toBe("added");
  return { cookie, authenticator };
}

async function passwordStep(email: string) {
  const response = await submit(login, "/login", { email, password: DEMO_PASSWORD, redirectTo: "/proposals" });
  expect((response as Response).headers.get("Location")).toBe("/login/second-factor?redirectTo=%2Fproposals");
  return cookiesOf(response);
}

async function signInOptions(halfWay: string) {
  return ((await submit(secondStep, "/login/second-factor", { intent: "passkeyOptions" }, { cookie: halfWay })) as Options).passkeyOptions;
}

async function signedInAs(cookie: string) {
  const data = (await load(root, "/", { cookie })) as { user: { email: string } | null };
  return data.user?.email ?? null;
}

describe("adding passkeys", () => {
  it("adds a named passkey, lists it, and removes it", async () => {
    const { cookie } = await addPasskey(REVIEWER, "Blue security key");
    const page = (await load(twoFactor, "/account/two-factor", { cookie })) as Page;
    expect(page.passkeys.map((p) => p.name)).toEqual(["Blue security key"]);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "passkeyAdded")).get()?.detail).toEqual({ name: "Blue security key" });
    const removed = await submit(twoFactor, "/account/two-factor", { intent: "passkeyRemove", passkeyId: String(page.passkeys[0]!.id) }, { cookie });
    expect((removed as Answer).passkeyNotice).toBe("removed");
    expect(passkeyCount(REVIEWER)).toBe(0);
  });

  it("refuses an answer signed for another origin; nothing is added", async () => {
    const cookie = await signInAs(REVIEWER);
    const options = await registrationOptions(cookie);
    const answer = await submit(twoFactor, "/account/two-factor", { intent: "passkeyAdd", name: "Laptop", credential: softAuthenticator().register(options, EVIL_ORIGIN) }, { cookie });
    expect(errorsOf(answer)).toEqual(["The portal could not accept this passkey. Try again, or use another passkey or your authenticator app."]);
    expect(passkeyCount(REVIEWER)).toBe(0);
  });

  it("spends the challenge once: the same answer sent again adds nothing", async () => {
    const cookie = await signInAs(REVIEWER);
    const credential = softAuthenticator().register(await registrationOptions(cookie), origin());
    await submit(twoFactor, "/account/two-factor", { intent: "passkeyAdd", name: "Laptop", credential }, { cookie });
    const again = await submit(twoFactor, "/account/two-factor", { intent: "passkeyAdd", name: "Laptop again", credential }, { cookie });
    expect(errorsOf(again)).toEqual(["This request has expired or was already used. Press the button again."]);
    expect(passkeyCount(REVIEWER)).toBe(1);
  });

  it("keeps the typed name when the name is refused", async () => {
    const cookie = await signInAs(REVIEWER);
    const answer = await submit(twoFactor, "/account/two-factor", { intent: "passkeyAdd", name: "x".repeat(61), credential: "{}" }, { cookie });
    expect(errorsOf(answer)).toEqual(["Keep the name under 60 characters."]);
    expect(JSON.stringify((answer as { result: unknown }).result)).toContain("x".repeat(61));
  });

  it("does not remove the last factor of a role that requires one", async () => {
    db().insert(twoFactorRequirements).values({ role: "reviewer", requiredAt: new Date() }).run();
    const { cookie } = await addPasskey(REVIEWER);
    const page = (await load(twoFactor, "/account/two-factor", { cookie })) as Page;
    expect(page.secured).toBe(true);
    const answer = await submit(twoFactor, "/account/two-factor", { intent: "passkeyRemove", passkeyId: String(page.passkeys[0]!.id) }, { cookie });
    expect(errorsOf(answer)).toHaveLength(1);
    expect(passkeyCount(REVIEWER)).toBe(1);
  });
});

describe("signing in with a passkey", () => {
  it("finishes the sign-in after the password; the audit log says a passkey was used", async () => {
    const { authenticator } = await addPasskey(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    expect(await signedInAs(halfWay)).toBeNull();
    const done = await submit(secondStep, "/login/second-factor", { intent: "passkey", credential: authenticator.authenticate(await signInOptions(halfWay), origin()), redirectTo: "/proposals" }, { cookie: halfWay });
    expect((done as Response).headers.get("Location")).toBe("/proposals");
    expect(await signedInAs(cookiesOf(done))).toBe(REVIEWER);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "signIn")).orderBy(desc(auditLog.id)).get()?.detail).toEqual({ secondFactor: "passkey" });
  });

  it("refuses a signature made for another origin and stays signed out", async () => {
    const { authenticator } = await addPasskey(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    const answer = await submit(secondStep, "/login/second-factor", { intent: "passkey", credential: authenticator.authenticate(await signInOptions(halfWay), EVIL_ORIGIN) }, { cookie: halfWay });
    expect(errorsOf(answer)).toEqual(["The portal could not accept this passkey. Try again, or use another passkey or your authenticator app."]);
    expect(statusOf(await load(secondStep, "/login/second-factor", { cookie: halfWay }))).toBe(200);
  });

  it("refuses a signature of a challenge already replaced (a replay)", async () => {
    const { authenticator } = await addPasskey(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    const old = authenticator.authenticate(await signInOptions(halfWay), origin());
    await signInOptions(halfWay);
    const answer = await submit(secondStep, "/login/second-factor", { intent: "passkey", credential: old }, { cookie: halfWay });
    expect(errorsOf(answer)).toHaveLength(1);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "signInFailed")).orderBy(desc(auditLog.id)).get()?.detail).toMatchObject({ secondFactor: "passkey" });
  });

  it("refuses a passkey the portal does not know", async () => {
    await addPasskey(REVIEWER);
    const halfWay = await passwordStep(REVIEWER);
    const answer = await submit(secondStep, "/login/second-factor", { intent: "passkey", credential: softAuthenticator().authenticate(await signInOptions(halfWay), origin()) }, { cookie: halfWay });
    expect(errorsOf(answer)).toHaveLength(1);
  });
});

describe("resetting passkeys", () => {
  it("removes them when the TAF team resets the second factor, audited and mailed", async () => {
    await addPasskey(REVIEWER);
    const admin = await signInAs(ADMIN);
    const id = String(userId(REVIEWER));
    await submit(person, `/admin/people/${id}`, { intent: "resetSecondFactor" }, { cookie: admin, params: { userId: id } });
    expect(passkeyCount(REVIEWER)).toBe(0);
    expect(db().select().from(auditLog).where(eq(auditLog.action, "secondFactorReset")).get()?.subjectId).toBe(String(userId(REVIEWER)));
    expect(db().select().from(outbox).where(and(eq(outbox.recipient, REVIEWER), eq(outbox.template, "second-factor-reset"))).all()).toHaveLength(1);
    const response = await submit(login, "/login", { email: REVIEWER, password: DEMO_PASSWORD });
    expect((response as Response).headers.get("Location")).toBe("/");
  });
});
