import { auditLog } from "../db/schema";
import { db } from "./db.server";

type Tx = Pick<ReturnType<typeof db>, "insert">;

export type AuditEntry = {
  actorUserId: number | null;
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  detail?: Record<string, unknown>;
  ip?: string;
};

/** Appends to the audit log, inside the caller's transaction when one is given. */
export function audit(entry: AuditEntry, tx: Tx = db()) {
  tx.insert(auditLog)
    .values({
      at: new Date(),
      actorUserId: entry.actorUserId,
      action: entry.action,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId === undefined ? null : String(entry.subjectId),
      detail: entry.detail ?? null,
      ip: entry.ip ?? null,
    })
    .run();
}
