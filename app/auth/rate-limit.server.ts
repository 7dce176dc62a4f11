import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import { attempts } from "../../db/schema";
import { db } from "../db.server";

const WINDOW_MS = 15 * 60 * 1000;

// Why the limits are what they are: docs/decisions/018-sign-in-limits.md. Only failed tries
// count against sign-in, so people signing in well never use anyone's tries up.

/**
 * Sign-in's limits. `pair`: ten wrong passwords for one account from one IP address stop that
 * pair only, so whoever guesses from elsewhere never locks the owner out. `address`: a hundred
 * from one IP address, across accounts, stop it (a ministry behind one NAT mistypes far less).
 * `account`: fifty for one account from anywhere is an attack from many addresses; it stops no
 * one by itself, but the password alone then only works from an address the owner signed in
 * from before (accounts.server.ts, `signIn`).
 */
export function signInLimits({ email, ip }: { email: string; ip: string }) {
  return {
    pair: { key: `signin:pair:${email}:${ip}`, tries: 10 },
    address: { key: `signin:ip:${ip}`, tries: 100 },
    account: { key: `signin:account:${email}`, tries: 50 },
  };
}

// Ten links per e-mail address; more per IP address, because a whole ministry may share one.
// Every request counts here: each one may send an e-mail.
export function resetLimits({ email, ip }: { email: string; ip: string }) {
  return [
    { key: `reset:email:${email}`, tries: 10 },
    { key: `reset:ip:${ip}`, tries: 30 },
  ];
}

// The second factor's codes: asked only after the right password, so ten wrong codes per account
// (and thirty per IP address) stop whoever holds a stolen password.
export function secondFactorLimits({ email, ip }: { email: string; ip: string }) {
  return [
    { key: `secondFactor:email:${email}`, tries: 10 },
    { key: `secondFactor:ip:${ip}`, tries: 30 },
  ];
}

/**
 * Wrong "current password" answers on the account page: ten per account. Whoever holds a
 * session (perhaps stolen, on a shared computer) cannot guess the password with it.
 */
export function passwordCheckLimits(userId: number) {
  return [{ key: `password:user:${userId}`, tries: 10 }];
}

type Limit = { key: string; tries: number };

/** Whether any of the limits has had its tries within the last 15 minutes. */
export function isRateLimited(limits: Limit[], now = Date.now()) {
  const since = new Date(now - WINDOW_MS);
  const counts = db()
    .select({ key: attempts.key, n: count() })
    .from(attempts)
    .where(and(inArray(attempts.key, limits.map((l) => l.key)), gt(attempts.at, since)))
    .groupBy(attempts.key)
    .all();
  return limits.some((limit) => (counts.find((c) => c.key === limit.key)?.n ?? 0) >= limit.tries);
}

/** Counts one try against each limit. Counted in the database, so a restart resets nothing. */
export function recordAttempt(limits: Limit[], now = Date.now()) {
  db().transaction((tx) => {
    tx.delete(attempts).where(lt(attempts.at, new Date(now - WINDOW_MS))).run();
    tx.insert(attempts).values(limits.map(({ key }) => ({ key, at: new Date(now) }))).run();
  });
}

/** Forgives a limit's tries: a successful sign-in forgives its pair's (not the IP's, nor the account's). */
export function clearAttempts(limit: Limit) {
  db().delete(attempts).where(eq(attempts.key, limit.key)).run();
}

/** A catalogue key (locales/*.json): "Too many attempts…". */
export const RATE_LIMITED_MESSAGE = "refusal.rateLimited";
