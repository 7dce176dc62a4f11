import type { Tx } from "../../db/client";
import { createCookie } from "@remix-run/node";
import { and, eq, gt, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { passkeys, recoveryCodes, secondFactorChallenges, totpFactors, twoFactorRequirements, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { secondFactorResetEmail } from "../../emails/templates/second-factor-reset";
import type { Role } from "../../workflows/actors";
import { isLanguage } from "../../workflows/languages";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { hashSecret, newSecret } from "./crypto.server";
import { clearAttempts, isRateLimited, RATE_LIMITED_MESSAGE, recordAttempt, secondFactorLimits } from "./rate-limit.server";
import type { SessionUser } from "./session.server";
import { clientIp, sessionSecret, startSession } from "./session.server";

// The second factor of signing in (ADR 020): an authenticator app (TOTP) with ten recovery codes,
// enrolled on the account page; the half-way sign-in between password and code; the roles that
// require one; and an administrator's reset. Each writes its own audit row.

/** A refusal the page shows above the form: a catalogue key (locales/*.json). */
type Refused = { ok: false; message: string };

const CHALLENGE_MINUTES = 5;
const RECOVERY_CODE_COUNT = 10;
// One 30-second step either side: a phone's clock a little off, or a code typed as it turned.
const TOLERANCE_SECONDS = 30;
const ISSUER = "TAF portal";
const WRONG_CODE = "refusal.wrongSecondFactorCode";

/** The roles an administrator may require a second factor of. */
export const ROLES_REQUIRING_SECOND_FACTOR = ["administrator", "reviewer"] as const satisfies readonly Role[];
export type RoleRequiringSecondFactor = (typeof ROLES_REQUIRING_SECOND_FACTOR)[number];

// The secrets are encrypted so that a copy of the database alone generates no codes.
function secretsKey() {
  return createHash("sha256").update(`taf:totp-secrets:${sessionSecret()}`).digest();
}

function encryptSecret(secret: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretsKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url")).join(".");
}

function decryptSecret(stored: string) {
  const [iv, tag, ciphertext] = stored.split(".").map((part) => Buffer.from(part, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", secretsKey(), iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString("utf8");
}

function totpOf(userId: number) {
  return db().select().from(totpFactors).where(eq(totpFactors.userId, userId)).get();
}

/** The time step of a right code not used before, or null: codes of the last used step or earlier are refused. */
async function acceptedStep(factor: { secretCiphertext: string; lastUsedStep: number | null }, code: string) {
  const result = await verify({
    secret: decryptSecret(factor.secretCiphertext),
    token: code,
    epochTolerance: TOLERANCE_SECONDS,
    ...(factor.lastUsedStep === null ? {} : { afterTimeStep: factor.lastUsedStep }),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

/** Spends the step, unless a request in between spent it (or a later one) first. */
function spendStep(tx: Tx, userId: number, step: number) {
  const spent = tx
    .update(totpFactors)
    .set({ lastUsedStep: step })
    .where(and(eq(totpFactors.userId, userId), or(isNull(totpFactors.lastUsedStep), lt(totpFactors.lastUsedStep, step))))
    .run();
  return spent.changes === 1;
}

const RECOVERY_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

/** "k7m2q-x9vta": 50 random bits, easy to read aloud and type. */
function newRecoveryCode() {
  const letters = [...randomBytes(10)].map((byte) => RECOVERY_ALPHABET[byte % 32]).join("");
  return `${letters.slice(0, 5)}-${letters.slice(5)}`;
}

function recoveryCodeHash(code: string) {
  return hashSecret(`recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, "")}`);
}

function replaceRecoveryCodes(tx: Tx, userId: number) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  tx.insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: recoveryCodeHash(code) })))
    .run();
  return codes;
}

/** The secret as a person types it from the screen: groups of four. */
function groupedSecret(secret: string) {
  return secret.match(/.{1,4}/g)!.join(" ");
}

/** What the account's second-factor page shows: the state of the person's factor and, while enrolling, the QR code. */
export async function secondFactorPage(user: SessionUser) {
  const factor = totpOf(user.id);
  const recoveryCodesLeft = db()
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)))
    .all().length;
  const app: "none" | "enrolling" | "active" = !factor ? "none" : factor.confirmedAt ? "active" : "enrolling";
  const required = isRequiredOf(user);
  const secured = hasSecondFactor(user.id);
  if (app !== "enrolling") return { app, required, secured, recoveryCodesLeft, enrolment: null };
  // Shown only until the enrolment is confirmed; after that the secret never leaves the server.
  const secret = decryptSecret(factor!.secretCiphertext);
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  // Loaded by the enrolment page only, the one page that draws a code.
  const { default: QRCode } = await import("qrcode");
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { app, required, secured, recoveryCodesLeft, enrolment: { qrSvg, secret: groupedSecret(secret) } };
}

export function isRequiredOf(user: Pick<SessionUser, "memberships">) {
  const roles = user.memberships.map((m) => m.role);
  return db().select({ role: twoFactorRequirements.role }).from(twoFactorRequirements).where(inArray(twoFactorRequirements.role, roles)).get() !== undefined;
}

/** Makes a new secret to scan; an active factor is kept (reset or turn it off first). */
export function startTotpEnrolment(user: SessionUser): { ok: true } | Refused {
  const factor = totpOf(user.id);
  if (factor?.confirmedAt) return { ok: false, message: "refusal.secondFactorAlreadyActive" };
  const secretCiphertext = encryptSecret(generateSecret());
  db()
    .insert(totpFactors)
    .values({ userId: user.id, secretCiphertext })
    .onConflictDoUpdate({ target: totpFactors.userId, set: { secretCiphertext, lastUsedStep: null } })
    .run();
  return { ok: true };
}

/**
 * Checks a code from the app being enrolled; a right one makes the factor active and returns the
 * ten recovery codes, shown once.
 */
export async function confirmTotpEnrolment(user: SessionUser, code: string, request: Request): Promise<{ ok: true; recoveryCodes: string[] } | Refused> {
  const ip = clientIp(request);
  const limits = secondFactorLimits({ email: user.email, ip });
  if (isRateLimited(limits)) return { ok: false, message: RATE_LIMITED_MESSAGE };
  const factor = totpOf(user.id);
  if (!factor || factor.confirmedAt) return { ok: false, message: "refusal.noSecondFactorEnrolment" };
  const step = await acceptedStep(factor, code);
  if (step === null) {
    recordAttempt(limits);
    return { ok: false, message: WRONG_CODE };
  }
  const codes = db().transaction((tx) => {
    tx.update(totpFactors).set({ confirmedAt: new Date(), lastUsedStep: step }).where(eq(totpFactors.userId, user.id)).run();
    audit({ actorUserId: user.id, action: "secondFactorEnrolled", subjectType: "user", subjectId: user.id, detail: { factor: "totp" }, ip }, tx);
    return replaceRecoveryCodes(tx, user.id);
  });
  clearAttempts(limits[0]!);
  return { ok: true, recoveryCodes: codes };
}

/** New recovery codes for old ones, confirmed with a code from the app. */
export async function regenerateRecoveryCodes(user: SessionUser, code: string, request: Request): Promise<{ ok: true; recoveryCodes: string[] } | Refused> {
  const checked = await checkOwnCode(user, code, request);
  if (!checked.ok) return checked;
  const ip = clientIp(request);
  const codes = db().transaction((tx) => {
    if (!spendStep(tx, user.id, checked.step)) return null;
    audit({ actorUserId: user.id, action: "recoveryCodesRegenerated", subjectType: "user", subjectId: user.id, ip }, tx);
    return replaceRecoveryCodes(tx, user.id);
  });
  return codes ? { ok: true, recoveryCodes: codes } : { ok: false, message: WRONG_CODE };
}

/** Removes the person's own factor, confirmed with a code; refused while their role requires one. */
export async function turnOffSecondFactor(user: SessionUser, code: string, request: Request): Promise<{ ok: true } | Refused> {
  if (isRequiredOf(user)) return { ok: false, message: "refusal.secondFactorRequired" };
  const checked = await checkOwnCode(user, code, request);
  if (!checked.ok) return checked;
  db().transaction((tx) => {
    removeApp(tx, user.id);
    audit({ actorUserId: user.id, action: "secondFactorTurnedOff", subjectType: "user", subjectId: user.id, ip: clientIp(request) }, tx);
  });
  return { ok: true };
}

async function checkOwnCode(user: SessionUser, code: string, request: Request): Promise<{ ok: true; step: number } | Refused> {
  const limits = secondFactorLimits({ email: user.email, ip: clientIp(request) });
  if (isRateLimited(limits)) return { ok: false, message: RATE_LIMITED_MESSAGE };
  const factor = totpOf(user.id);
  if (!factor?.confirmedAt) return { ok: false, message: "refusal.noSecondFactorEnrolment" };
  const step = await acceptedStep(factor, code);
  if (step === null) {
    recordAttempt(limits);
    return { ok: false, message: WRONG_CODE };
  }
  return { ok: true, step };
}

// Turning off the app keeps the person's passkeys: each is removed on its own.
function removeApp(tx: Tx, userId: number) {
  tx.delete(totpFactors).where(eq(totpFactors.userId, userId)).run();
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
}

function removeFactors(tx: Tx, userId: number) {
  removeApp(tx, userId);
  tx.delete(secondFactorChallenges).where(eq(secondFactorChallenges.userId, userId)).run();
  tx.delete(passkeys).where(eq(passkeys.userId, userId)).run();
}

/** Whether signing in with a password must be followed by a second factor: a confirmed app or a passkey. */
export function hasSecondFactor(userId: number, tx: Tx = db()) {
  const app = tx
    .select({ userId: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)))
    .get();
  return app !== undefined || tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).get() !== undefined;
}

let cookie: ReturnType<typeof createCookie> | undefined;
function challengeCookie() {
  cookie ??= createCookie("taf_second_step", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env().NODE_ENV === "production" || env().APP_URL.startsWith("https:"),
    secrets: [sessionSecret()],
    maxAge: CHALLENGE_MINUTES * 60,
  });
  return cookie;
}

/** After a right password: the half-way sign-in, as the Set-Cookie header value that binds it to this browser. */
export async function beginSecondStep(userId: number) {
  const secret = newSecret();
  const now = new Date();
  db().transaction((tx) => {
    // One half-way sign-in per person: a new password step replaces the last one.
    tx.delete(secondFactorChallenges)
      .where(or(eq(secondFactorChallenges.userId, userId), lt(secondFactorChallenges.expiresAt, now)))
      .run();
    tx.insert(secondFactorChallenges)
      .values({ tokenHash: hashSecret(secret), userId, expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60 * 1000) })
      .run();
  });
  return challengeCookie().serialize(secret);
}

/** The half-way sign-in this browser holds, if it is still good. */
export async function pendingChallenge(request: Request) {
  let secret: unknown;
  try {
    secret = await challengeCookie().parse(request.headers.get("Cookie"));
  } catch {
    return null;
  }
  if (typeof secret !== "string") return null;
  return (
    db()
      .select({ id: secondFactorChallenges.id, userId: users.id, email: users.email, locale: users.locale, passkeyChallenge: secondFactorChallenges.passkeyChallenge })
      .from(secondFactorChallenges)
      .innerJoin(users, eq(users.id, secondFactorChallenges.userId))
      .where(and(eq(secondFactorChallenges.tokenHash, hashSecret(secret)), gt(secondFactorChallenges.expiresAt, new Date()), eq(users.active, true)))
      .get() ?? null
  );
}

/** The refusal when the half-way sign-in is gone: the page sends the person back to the password. */
export const SECOND_STEP_EXPIRED = "refusal.secondStepExpired";

/**
 * Finishes a half-way sign-in with a code from the app or a recovery code. On success, the
 * Set-Cookie values of the new session and of the ended half-way state.
 */
export async function completeSecondStep(request: Request, code: string): Promise<{ ok: true; cookies: string[] } | Refused> {
  const challenge = await pendingChallenge(request);
  if (!challenge) return { ok: false, message: SECOND_STEP_EXPIRED };
  const ip = clientIp(request);
  const limits = secondFactorLimits({ email: challenge.email, ip });
  if (isRateLimited(limits)) return { ok: false, message: RATE_LIMITED_MESSAGE };
  const factor = totpOf(challenge.userId);
  const isAppCode = /^\d{6}$/.test(code);
  const step = factor?.confirmedAt && isAppCode ? await acceptedStep(factor, code) : null;
  const used = db().transaction(
    (tx) => {
      const spent = isAppCode
        ? step !== null && spendStep(tx, challenge.userId, step)
        : tx
            .update(recoveryCodes)
            .set({ usedAt: new Date() })
            .where(and(eq(recoveryCodes.userId, challenge.userId), eq(recoveryCodes.codeHash, recoveryCodeHash(code)), isNull(recoveryCodes.usedAt)))
            .run().changes === 1;
      if (!spent) return false;
      tx.delete(secondFactorChallenges).where(eq(secondFactorChallenges.id, challenge.id)).run();
      const secondFactor = isAppCode ? "totp" : "recoveryCode";
      audit({ actorUserId: challenge.userId, action: "signIn", subjectType: "user", subjectId: challenge.userId, detail: { secondFactor }, ip }, tx);
      return true;
    },
    { behavior: "immediate" },
  );
  if (!used) {
    recordAttempt(limits);
    audit({ actorUserId: null, action: "signInFailed", detail: { email: challenge.email, secondFactor: true }, ip });
    return { ok: false, message: WRONG_CODE };
  }
  clearAttempts(limits[0]!);
  return { ok: true, cookies: await signedInCookies(challenge.userId, request) };
}

/** The Set-Cookie values once the second factor is given: the new session, and the half-way state ended. */
export async function signedInCookies(userId: number, request: Request) {
  return [await startSession(userId, request), await challengeCookie().serialize("", { maxAge: 0 })];
}

/** Which roles must sign in with a second factor. */
export function secondFactorRequirements(): Record<RoleRequiringSecondFactor, boolean> {
  const required = new Set(db().select({ role: twoFactorRequirements.role }).from(twoFactorRequirements).all().map((row) => row.role));
  return { administrator: required.has("administrator"), reviewer: required.has("reviewer") };
}

/** Sets which roles require a second factor; each change is one audit row. */
export function setSecondFactorRequirements(admin: SessionUser, wanted: Record<RoleRequiringSecondFactor, boolean>, ip: string) {
  const current = secondFactorRequirements();
  db().transaction((tx) => {
    for (const role of ROLES_REQUIRING_SECOND_FACTOR) {
      if (current[role] === wanted[role]) continue;
      if (wanted[role]) tx.insert(twoFactorRequirements).values({ role, requiredByUserId: admin.id, requiredAt: new Date() }).run();
      else tx.delete(twoFactorRequirements).where(eq(twoFactorRequirements.role, role)).run();
      audit({ actorUserId: admin.id, action: "secondFactorRequirementChanged", subjectType: "role", subjectId: role, detail: { role, required: wanted[role] }, ip }, tx);
    }
  });
}

/** An administrator removes a person's second factor (a lost phone); the person is told by e-mail, in their language. */
export function resetSecondFactor(admin: SessionUser, userId: number, ip: string): { ok: true } | Refused {
  const person = db().select().from(users).where(eq(users.id, userId)).get();
  if (!person || !hasSecondFactor(userId)) return { ok: false, message: "refusal.noSecondFactorToReset" };
  const resetAt = new Date();
  db().transaction((tx) => {
    removeFactors(tx, userId);
    audit({ actorUserId: admin.id, action: "secondFactorReset", subjectType: "user", subjectId: userId, ip }, tx);
    enqueueEmail(tx, {
      idempotencyKey: `second-factor-reset:${userId}:${resetAt.getTime()}`,
      to: person.email,
      template: "second-factor-reset",
      ...secondFactorResetEmail({
        appUrl: env().APP_URL,
        recipientName: person.name,
        resetAt,
        language: isLanguage(person.locale) ? person.locale : "en",
      }),
    });
  });
  return { ok: true };
}
