import type { Tx } from "../db/client";
import { and, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { auditLog, users } from "../db/schema";
import type { TFunction } from "i18next";
import type { PageLanguage } from "../workflows/languages";
import { formatBrusselsIn } from "../workflows/time";
import { db } from "./db.server";

/** Who the audit log records as acting: a person by id and name, or no one (the portal itself). */
export type ActingPerson = { id: number | null; name: string };

export type AuditEntry = {
  actorUserId: number | null;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  detail?: Record<string, unknown>;
  ip?: string;
  /** When it happened, if not now: an action replayed at its own time (the demo's). */
  at?: Date;
};

/** Appends to the audit log, inside the caller's transaction when one is given. */
export function audit(entry: AuditEntry, tx: Tx = db()) {
  tx.insert(auditLog)
    .values({
      at: entry.at ?? new Date(),
      actorUserId: entry.actorUserId,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId === undefined ? null : String(entry.subjectId),
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
    })
    .run();
}

const actors = alias(users, "actor");

/** The latest audit entries about one subject (a person, an institution), with who acted. */
function auditTrail(subjectType: string, subjectId: number, limit = 20) {
  return db()
    .select({ id: auditLog.id, at: auditLog.at, action: auditLog.action, actorId: actors.id, actorName: actors.name })
    .from(auditLog)
    .leftJoin(actors, eq(actors.id, auditLog.actorUserId))
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, String(subjectId))))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}

/**
 * What the audit log recorded about one subject, in words: `actionWords` name the actions (an
 * action without words shows its own name), and a person who acted on their own account is
 * "themselves".
 */
export function auditActivity(
  subjectType: "user" | "institution",
  subjectId: number,
  actionWords: Record<string, string>,
  t: TFunction,
  language: PageLanguage,
) {
  return auditTrail(subjectType, subjectId).map((entry) => ({
    id: entry.id,
    at: formatBrusselsIn(language, entry.at),
    what: actionWords[entry.action] ?? entry.action,
    by: subjectType === "user" && entry.actorId === subjectId ? t("auditActivity.themselves") : (entry.actorName ?? t("auditActivity.portal")),
  }));
}
