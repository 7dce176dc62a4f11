import type { Tx } from "../../db/client";
import { and, eq, isNull } from "drizzle-orm";
import type { TokenPurpose } from "../../db/schema";
import { tokens, users } from "../../db/schema";
import { db } from "../db.server";
import { hashSecret, newSecret } from "./crypto.server";

export const TOKEN_LIFETIME_MS = 72 * 60 * 60 * 1000;


/**
 * Issues a single-use link secret. Older unused links of the same purpose stop working, so
 * only the latest e-mail counts.
 */
export function issueToken(tx: Tx, userId: number, purpose: TokenPurpose, now = new Date()) {
  const secret = newSecret();
  tx.update(tokens)
    .set({ usedAt: now })
    .where(and(eq(tokens.userId, userId), eq(tokens.purpose, purpose), isNull(tokens.usedAt)))
    .run();
  const expiresAt = new Date(now.getTime() + TOKEN_LIFETIME_MS);
  const { id } = tx
    .insert(tokens)
    .values({ tokenHash: hashSecret(secret), userId, purpose, expiresAt })
    .returning({ id: tokens.id })
    .get();
  return { tokenId: id, secret, expiresAt };
}

export type TokenCheck =
  | { ok: true; tokenId: number; purpose: TokenPurpose; user: { id: number; name: string; email: string } }
  | { ok: false; problem: "unknown" | "used" | "expired" | "inactive" };

export function checkToken(secret: string, now = new Date()): TokenCheck {
  const row = db()
    .select({
      tokenId: tokens.id,
      purpose: tokens.purpose,
      expiresAt: tokens.expiresAt,
      usedAt: tokens.usedAt,
      userId: users.id,
      name: users.name,
      email: users.email,
      active: users.active,
    })
    .from(tokens)
    .innerJoin(users, eq(users.id, tokens.userId))
    .where(eq(tokens.tokenHash, hashSecret(secret)))
    .get();
  if (!row) return { ok: false, problem: "unknown" };
  if (row.usedAt) return { ok: false, problem: "used" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, problem: "expired" };
  if (!row.active) return { ok: false, problem: "inactive" };
  return { ok: true, tokenId: row.tokenId, purpose: row.purpose, user: { id: row.userId, name: row.name, email: row.email } };
}

/** Marks the link used; false when someone else used it first (two tabs, a double click). */
export function consumeToken(tx: Tx, tokenId: number, now = new Date()) {
  const result = tx
    .update(tokens)
    .set({ usedAt: now })
    .where(and(eq(tokens.id, tokenId), isNull(tokens.usedAt)))
    .run();
  return result.changes === 1;
}

export const TOKEN_PROBLEMS: Record<Exclude<TokenCheck, { ok: true }>["problem"], string> = {
  unknown: "refusal.tokenUnknown",
  used: "refusal.tokenUsed",
  expired: "refusal.tokenExpired",
  inactive: "refusal.tokenInactive",
};
