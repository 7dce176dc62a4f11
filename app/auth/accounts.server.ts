import { and, eq, inArray } from "drizzle-orm";
import { auditLog, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { passwordChangedEmail } from "../../emails/templates/password-changed";
import { passwordResetEmail } from "../../emails/templates/password-reset";
import { recipientLanguage } from "../../emails/words";
import type { Tx } from "../../db/client";
import type { Language } from "../../workflows/languages";
import { isLanguage } from "../../workflows/languages";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { rememberLanguage } from "../i18n.server";
import { hashPassword, spendVerificationTime, verifyPassword } from "./password.server";
import { clearAttempts, isRateLimited, passwordCheckLimits, RATE_LIMITED_MESSAGE, recordAttempt, resetLimits, signInLimits } from "./rate-limit.server";
import type { SessionUser } from "./session.server";
import { clientIp, endAllSessions, endOtherSessions, startSession } from "./session.server";
import { checkToken, consumeToken, issueToken, TOKEN_PROBLEMS } from "./tokens.server";
import { beginSecondStep, hasSecondFactor } from "./two-factor.server";

// What a person does with their own account: sign in, change the password, ask for a reset link,
// and choose a password from an e-mailed link. Each writes its audit row and mail itself, so a
// route only parses the form and shows the answer.

/** A refusal the page shows above the form: a catalogue key (locales/*.json), the page translates it. */
type Refused = { ok: false; message: string };

const WRONG_CREDENTIALS = "refusal.wrongCredentials";

// Said when the right password comes from a new address of an account under attack (ADR 018).
const UNDER_ATTACK = "refusal.underAttack";

/**
 * Signs a person in; on success, the Set-Cookie header value of the new session and the
 * account's language. A language chosen in this browser before signing in is kept on an
 * account that has none yet. The limits (rate-limit.server.ts, ADR 018) stop a guesser without
 * locking out the owner elsewhere. For a person with a second factor the cookie is instead the
 * half-way sign-in's (`secondStep`): no session exists until the code is given.
 */
export async function signIn(
  { email, password, language }: { email: string; password: string; language?: Language | null },
  request: Request,
): Promise<{ ok: true; cookie: string; language: Language | null; secondStep: boolean } | Refused> {
  const ip = clientIp(request);
  const limits = signInLimits({ email, ip });
  if (isRateLimited([limits.pair, limits.address])) return { ok: false, message: RATE_LIMITED_MESSAGE };
  const user = db().select().from(users).where(eq(users.email, email)).get();
  const valid = user?.active ? await verifyPassword(user.passwordHash, password) : (await spendVerificationTime(password), false);
  if (!user || !valid) {
    recordAttempt([limits.pair, limits.address, limits.account]);
    audit({ actorUserId: null, action: "signInFailed", detail: { email }, ip });
    return { ok: false, message: WRONG_CREDENTIALS };
  }
  if (isRateLimited([limits.account]) && !knownAddress(user.id, ip)) {
    // The right password, but the account is under attack and this address is new: the owner
    // gets in through their mailbox, which a guesser does not have.
    const sent = requestPasswordReset(email, request);
    audit({ actorUserId: user.id, action: "signInHeldUnderAttack", subjectType: "user", subjectId: user.id, ip });
    return { ok: false, message: sent.ok ? UNDER_ATTACK : sent.message };
  }
  clearAttempts(limits.pair);
  const accountLanguage = isLanguage(user.locale) ? user.locale : (language ?? null);
  if (!user.locale && language) rememberLanguage(user.id, language);
  if (hasSecondFactor(user.id)) {
    audit({ actorUserId: user.id, action: "signInPasswordAccepted", subjectType: "user", subjectId: user.id, ip });
    return { ok: true, cookie: await beginSecondStep(user.id), language: accountLanguage, secondStep: true };
  }
  audit({ actorUserId: user.id, action: "signIn", subjectType: "user", subjectId: user.id, ip });
  return { ok: true, cookie: await startSession(user.id, request), language: accountLanguage, secondStep: false };
}

/** Whether the person signed in, or chose a password from an e-mailed link, from this IP address before. */
function knownAddress(userId: number, ip: string) {
  const row = db()
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.subjectType, "user"),
        eq(auditLog.subjectId, String(userId)),
        inArray(auditLog.action, ["signIn", "passwordReset", "invitationAccepted"]),
        eq(auditLog.ip, ip),
      ),
    )
    .get();
  return row !== undefined;
}

/**
 * Changes a signed-in person's password. The session in use stays; every other one ends, and
 * the person is told by e-mail in case it was not them.
 */
export async function changePassword(
  user: SessionUser,
  { currentPassword, password }: { currentPassword: string; password: string },
  request: Request,
): Promise<{ ok: true } | { ok: false; currentPassword: string }> {
  const limits = passwordCheckLimits(user.id);
  if (isRateLimited(limits)) return { ok: false, currentPassword: RATE_LIMITED_MESSAGE };
  const row = db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
  if (!(await verifyPassword(row?.passwordHash ?? null, currentPassword))) {
    recordAttempt(limits);
    audit({ actorUserId: user.id, action: "passwordCheckFailed", subjectType: "user", subjectId: user.id, ip: clientIp(request) });
    return { ok: false, currentPassword: "accountPage.notCurrentPassword" };
  }
  const passwordHash = await hashPassword(password);
  db().transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    endOtherSessions(tx, user.id, user.sessionId);
    const changedAt = new Date();
    enqueueEmail(tx, {
      idempotencyKey: `password-changed:${user.id}:${changedAt.getTime()}`,
      to: user.email,
      template: "password-changed",
      ...passwordChangedEmail({ recipientName: user.name, changedAt, appUrl: env().APP_URL, language: recipientLanguage(localeOf(tx, user.id)) }),
    });
    audit({ actorUserId: user.id, action: "passwordChanged", subjectType: "user", subjectId: user.id, ip: clientIp(request) }, tx);
  });
  return { ok: true };
}

/**
 * Mails a reset link when the address belongs to an active account. The answer is the same
 * whether or not it does, so the page reveals nothing; only the rate limit refuses.
 * `requestLanguage` is the language of the page the request came from.
 */
export function requestPasswordReset(email: string, request: Request, requestLanguage: Language = "en"): { ok: true } | Refused {
  const ip = clientIp(request);
  const limits = resetLimits({ email, ip });
  if (isRateLimited(limits)) return { ok: false, message: RATE_LIMITED_MESSAGE };
  recordAttempt(limits);
  const user = db()
    .select()
    .from(users)
    .where(and(eq(users.email, email), eq(users.active, true)))
    .get();
  if (!user) return { ok: true };
  db().transaction((tx) => {
    const { tokenId, secret, expiresAt } = issueToken(tx, user.id, "passwordReset");
    enqueueEmail(tx, {
      idempotencyKey: `password-reset:${tokenId}`,
      to: user.email,
      template: "password-reset",
      // In the account's language, or else the one the page was read in: most likely the same person's.
      ...passwordResetEmail({
        appUrl: env().APP_URL,
        recipientName: user.name,
        resetUrl: `${env().APP_URL}/set-password/${secret}`,
        expiresAt,
        language: isLanguage(user.locale) ? user.locale : requestLanguage,
      }),
    });
    audit({ actorUserId: user.id, action: "passwordResetRequested", subjectType: "user", subjectId: user.id, ip }, tx);
  });
  return { ok: true };
}

/** Sets the password an invitation or reset link was sent for, and uses the link up. */
export async function setPasswordWithToken(secret: string, password: string, request: Request): Promise<{ ok: true } | Refused> {
  const check = checkToken(secret);
  if (!check.ok) return { ok: false, message: TOKEN_PROBLEMS[check.problem] };
  const passwordHash = await hashPassword(password);
  const done = db().transaction(
    (tx) => {
      if (!consumeToken(tx, check.tokenId)) return false;
      tx.update(users).set({ passwordHash }).where(eq(users.id, check.user.id)).run();
      // Whoever may have known the old password is signed out everywhere.
      endAllSessions(tx, check.user.id);
      audit(
        {
          actorUserId: check.user.id,
          action: check.purpose === "invitation" ? "invitationAccepted" : "passwordReset",
          subjectType: "user",
          subjectId: check.user.id,
          ip: clientIp(request),
        },
        tx,
      );
      return true;
    },
    { behavior: "immediate" },
  );
  return done ? { ok: true } : { ok: false, message: TOKEN_PROBLEMS.used };
}

/** The account's own language, read in the transaction that owes it mail. */
function localeOf(tx: Tx, userId: number): string | null {
  return tx.select({ locale: users.locale }).from(users).where(eq(users.id, userId)).get()?.locale ?? null;
}
