import { and, desc, eq, inArray, like, sql } from "drizzle-orm";
import { mailbox, outbox } from "../../db/schema";
import { audit } from "../audit.server";
import { db } from "../db.server";
import type { PageRequest } from "../pagination.server";
import { readPage, totalRows } from "../pagination.server";
import { tally } from "../tallies.server";

/**
 * A page of what the embedded SMTP server received, newest first, stopping at the page;
 * optionally only mail to one address. The whole mailbox's length is kept by writes.
 */
export function receivedMail(recipient: string, request: PageRequest) {
  const where = recipient ? like(mailbox.envelopeTo, `%${recipient.replace(/[%_]/g, "")}%`) : undefined;
  return readPage(request, (offset, limit) => {
    const rows = db()
      .select({
        id: mailbox.id,
        receivedAt: mailbox.receivedAt,
        to: mailbox.envelopeTo,
        subject: mailbox.subject,
        language: mailbox.language,
        total: where ? totalRows() : sql<number>`0`,
      })
      .from(mailbox)
      .where(where)
      .orderBy(desc(mailbox.id))
      .limit(limit)
      .offset(offset)
      .all();
    return { total: where ? (rows[0]?.total ?? 0) : tally("mailbox"), rows: rows.map(({ total: _, ...message }) => message) };
  });
}

/** A page of the mail the portal owes but has not delivered yet, or gave up on: what an administrator must watch. */
export function undeliveredMail(request: PageRequest) {
  return readPage(request, (offset, limit) => {
    const rows = db()
      .select({
        id: outbox.id,
        recipient: outbox.recipient,
        subject: outbox.subject,
        language: outbox.locale,
        status: outbox.status,
        attempts: outbox.attempts,
        nextAttemptAt: outbox.nextAttemptAt,
        lastError: outbox.lastError,
        total: totalRows(),
      })
      .from(outbox)
      .where(inArray(outbox.status, ["pending", "failed"]))
      .orderBy(outbox.id)
      .limit(limit)
      .offset(offset)
      .all();
    return { total: rows[0]?.total ?? 0, rows: rows.map(({ total: _, ...message }) => message) };
  });
}

export function receivedMessage(id: number) {
  return db().select().from(mailbox).where(eq(mailbox.id, id)).get();
}

/** A refusal as a catalogue key and its values: the page says it in the reader's language. */
export type ResendOutcome = { ok: true } | { ok: false; error: { key: string; values?: Record<string, string> } };

/**
 * Puts a message the dispatcher gave up on back in the queue, due now, e.g. once the SMTP
 * setting is fixed. Its try counter starts again so it gets the full backoff; the earlier tries
 * stay in outbox_attempts. The same row goes out, not a copy: the idempotency key and Message-ID
 * stay, so a recipient never gets it twice from our side.
 */
export function resendFailedMail(actor: { id: number }, outboxId: number, ip?: string): ResendOutcome {
  return db().transaction(
    (tx) => {
      const message = tx
        .select({ status: outbox.status, recipient: outbox.recipient, attempts: outbox.attempts, lastError: outbox.lastError })
        .from(outbox)
        .where(eq(outbox.id, outboxId))
        .get();
      if (!message) return { ok: false, error: { key: "mailboxPage.noSuchMessage" } };
      const values = { recipient: message.recipient };
      if (message.status === "sent") return { ok: false, error: { key: "mailboxPage.deliveredSince", values } };
      if (message.status === "pending") return { ok: false, error: { key: "mailboxPage.alreadyWaiting", values } };
      tx.update(outbox)
        .set({ status: "pending", attempts: 0, nextAttemptAt: new Date() })
        .where(and(eq(outbox.id, outboxId), eq(outbox.status, "failed")))
        .run();
      audit(
        {
          actorUserId: actor.id,
          action: "mailResent",
          subjectType: "outbox",
          subjectId: outboxId,
          detail: { recipient: message.recipient, attemptsBefore: message.attempts, lastError: message.lastError },
          ip,
        },
        tx,
      );
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}
