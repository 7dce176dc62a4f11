import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { and, asc, eq, gt, TransactionRollbackError } from "drizzle-orm";
import { passkeyChallenges, passkeys, secondFactorChallenges } from "../../db/schema";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { clearAttempts, isRateLimited, RATE_LIMITED_MESSAGE, recordAttempt, secondFactorLimits } from "./rate-limit.server";
import type { SessionUser } from "./session.server";
import { clientIp } from "./session.server";
import { hasSecondFactor, isRequiredOf, pendingChallenge, SECOND_STEP_EXPIRED, signedInCookies } from "./two-factor.server";

// Passkeys (WebAuthn) as a second factor beside the authenticator app (ADR 020). The browser signs
// a challenge the server made and stored; each challenge is spent by the first answer that names
// it and lives five minutes. The relying party is the portal's own address (APP_URL): a passkey
// made for another site, or an answer signed on another origin, is refused.

type Refused = { ok: false; message: string };

const CHALLENGE_MINUTES = 5;
const RP_NAME = "TAF portal";
const NOT_ACCEPTED = "passkeys.refusal.notAccepted";
const CHALLENGE_GONE = "passkeys.refusal.challengeGone";

// Loaded by the first passkey's ceremony: most workers never hold the library's 4 MiB.
const webAuthn = () => import("@simplewebauthn/server");

function relyingParty() {
  const url = new URL(env().APP_URL);
  return { rpID: url.hostname, origin: url.origin };
}

function expiry() {
  return new Date(Date.now() + CHALLENGE_MINUTES * 60 * 1000);
}

/** The person's passkeys, oldest first, as the account page lists them. */
export function passkeysOf(userId: number) {
  return db()
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.id))
    .all();
}

/** Whether the person can sign the second step with a passkey. */
export function hasPasskey(userId: number) {
  return db().select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.userId, userId)).get() !== undefined;
}

function credentialsOf(userId: number) {
  return db().select({ id: passkeys.credentialId, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, userId)).all();
}

/** What the browser needs to make a passkey; the challenge replaces any earlier one of the person's. */
export async function passkeyRegistrationOptions(user: SessionUser) {
  const { rpID } = relyingParty();
  const options = await (await webAuthn()).generateRegistrationOptions({
    rpName: RP_NAME,
    rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(`taf-user-${user.id}`),
    attestationType: "none",
    // An authenticator already enrolled is not enrolled twice.
    excludeCredentials: credentialsOf(user.id).map((c) => ({ id: c.id, transports: c.transports })),
    authenticatorSelection: { residentKey: "discouraged", userVerification: "preferred" },
  });
  db()
    .insert(passkeyChallenges)
    .values({ userId: user.id, challenge: options.challenge, expiresAt: expiry() })
    .onConflictDoUpdate({ target: passkeyChallenges.userId, set: { challenge: options.challenge, expiresAt: expiry() } })
    .run();
  return options;
}

function parseJson<T>(text: string): T | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as T) : null;
  } catch {
    return null;
  }
}

/** Checks the browser's new passkey against the stored challenge, spends it, and keeps the key under the given name. */
export async function addPasskey(user: SessionUser, name: string, credentialJson: string, request: Request): Promise<{ ok: true } | Refused> {
  const ip = clientIp(request);
  const limits = secondFactorLimits({ email: user.email, ip });
  if (isRateLimited(limits)) return { ok: false, message: RATE_LIMITED_MESSAGE };
  const pending = db()
    .select({ challenge: passkeyChallenges.challenge })
    .from(passkeyChallenges)
    .where(and(eq(passkeyChallenges.userId, user.id), gt(passkeyChallenges.expiresAt, new Date())))
    .get();
  if (!pending) return { ok: false, message: CHALLENGE_GONE };
  const response = parseJson<RegistrationResponseJSON>(credentialJson);
  const { rpID, origin } = relyingParty();
  const verified = response
    ? await (await webAuthn()).verifyRegistrationResponse({ response, expectedChallenge: pending.challenge, expectedOrigin: origin, expectedRPID: rpID, requireUserVerification: false }).catch(() => null)
    : null;
  if (!verified?.verified) {
    recordAttempt(limits);
    return { ok: false, message: NOT_ACCEPTED };
  }
  const { credential } = verified.registrationInfo;
  const added = db().transaction(
    (tx) => {
      // Spent by the first answer: a second request with the same challenge finds nothing to delete.
      const spent = tx.delete(passkeyChallenges).where(and(eq(passkeyChallenges.userId, user.id), eq(passkeyChallenges.challenge, pending.challenge))).run();
      if (spent.changes !== 1) return false;
      if (tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.credentialId, credential.id)).get()) return false;
      tx.insert(passkeys)
        .values({
          userId: user.id,
          name,
          credentialId: credential.id,
          publicKey: Buffer.from(credential.publicKey).toString("base64url"),
          counter: credential.counter,
          transports: credential.transports ?? [],
        })
        .run();
      audit({ actorUserId: user.id, action: "passkeyAdded", subjectType: "user", subjectId: user.id, detail: { name }, ip }, tx);
      return true;
    },
    { behavior: "immediate" },
  );
  return added ? { ok: true } : { ok: false, message: CHALLENGE_GONE };
}

/** Removes one of the person's passkeys; refused when it is the last factor of a role that requires one. */
export function removePasskey(user: SessionUser, passkeyId: number, request: Request): { ok: true } | Refused {
  try {
    return db().transaction(
      (tx) => {
        const passkey = tx.select({ name: passkeys.name }).from(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, user.id))).get();
        if (!passkey) return { ok: false, message: "passkeys.refusal.notYours" } as const;
        tx.delete(passkeys).where(eq(passkeys.id, passkeyId)).run();
        // Asked after the delete, inside the transaction: what would be left is what counts.
        if (isRequiredOf(user) && !hasSecondFactor(user.id, tx)) tx.rollback();
        audit({ actorUserId: user.id, action: "passkeyRemoved", subjectType: "user", subjectId: user.id, detail: { name: passkey.name }, ip: clientIp(request) }, tx);
        return { ok: true } as const;
      },
      { behavior: "immediate" },
    );
  } catch (error) {
    if (error instanceof TransactionRollbackError) return { ok: false, message: "passkeys.refusal.lastRequired" };
    throw error;
  }
}

/**
 * The challenge for signing the half-way sign-in with a passkey, stored on its row (a new one
 * replaces the last); null when the half-way sign-in is gone or the person has no passkey.
 */
export async function passkeySignInOptions(request: Request) {
  const challenge = await pendingChallenge(request);
  if (!challenge) return null;
  const credentials = credentialsOf(challenge.userId);
  if (credentials.length === 0) return null;
  const options = await (await webAuthn()).generateAuthenticationOptions({
    rpID: relyingParty().rpID,
    allowCredentials: credentials.map((c) => ({ id: c.id, transports: c.transports })),
    userVerification: "preferred",
  });
  db().update(secondFactorChallenges).set({ passkeyChallenge: options.challenge }).where(eq(secondFactorChallenges.id, challenge.id)).run();
  return options;
}

/** Finishes a half-way sign-in with a passkey's signature; on success, the Set-Cookie values of the new session. */
export async function completeSecondStepWithPasskey(request: Request, credentialJson: string): Promise<{ ok: true; cookies: string[] } | Refused> {
  const challenge = await pendingChallenge(request);
  if (!challenge) return { ok: false, message: SECOND_STEP_EXPIRED };
  const ip = clientIp(request);
  const limits = secondFactorLimits({ email: challenge.email, ip });
  if (isRateLimited(limits)) return { ok: false, message: RATE_LIMITED_MESSAGE };
  const refuse = () => {
    recordAttempt(limits);
    audit({ actorUserId: null, action: "signInFailed", detail: { email: challenge.email, secondFactor: "passkey" }, ip });
    return { ok: false, message: NOT_ACCEPTED } as const;
  };
  const response = parseJson<AuthenticationResponseJSON>(credentialJson);
  const expectedChallenge = challenge.passkeyChallenge;
  if (!response || typeof response.id !== "string" || !expectedChallenge) return refuse();
  const stored = db()
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.credentialId, response.id), eq(passkeys.userId, challenge.userId)))
    .get();
  if (!stored) return refuse();
  const { rpID, origin } = relyingParty();
  const verified = await (await webAuthn()).verifyAuthenticationResponse({
    response,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
    credential: {
      id: stored.credentialId,
      publicKey: new Uint8Array(Buffer.from(stored.publicKey, "base64url")),
      counter: stored.counter,
      transports: stored.transports,
    },
  }).catch(() => null);
  if (!verified?.verified) return refuse();
  const signedIn = db().transaction(
    (tx) => {
      // The challenge is spent with the half-way sign-in itself: the same signature twice finds no row.
      const spent = tx
        .delete(secondFactorChallenges)
        .where(and(eq(secondFactorChallenges.id, challenge.id), eq(secondFactorChallenges.passkeyChallenge, expectedChallenge)))
        .run();
      if (spent.changes !== 1) return false;
      tx.update(passkeys).set({ counter: verified.authenticationInfo.newCounter, lastUsedAt: new Date() }).where(eq(passkeys.id, stored.id)).run();
      audit({ actorUserId: challenge.userId, action: "signIn", subjectType: "user", subjectId: challenge.userId, detail: { secondFactor: "passkey" }, ip }, tx);
      return true;
    },
    { behavior: "immediate" },
  );
  if (!signedIn) return refuse();
  clearAttempts(limits[0]!);
  return { ok: true, cookies: await signedInCookies(challenge.userId, request) };
}
