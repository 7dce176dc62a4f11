import { and, count, eq, gt, inArray, lt } from "drizzle-orm";
import { attempts } from "../../db/schema";
import { db } from "../db.server";

const WINDOW_MS = 15 * 60 * 1000;

// Ten tries per e-mail address; more per IP address, because a whole ministry may share one.
export function limitsFor({ email, ip, action }: { email: string; ip: string; action: "signin" | "reset" | "secondFactor" }) {
  return [
    { key: `${action}:email:${email}`, tries: 10 },
    { key: `${action}:ip:${ip}`, tries: 30 },
  ];
}

type Limit = ReturnType<typeof limitsFor>[number];

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

/** A successful sign-in forgives the address's failed tries (not the IP's). */
export function clearAttempts(limit: Limit) {
  db().delete(attempts).where(eq(attempts.key, limit.key)).run();
}

/** A catalogue key (locales/*.json): "Too many attempts…". */
export const RATE_LIMITED_MESSAGE = "refusal.rateLimited";
