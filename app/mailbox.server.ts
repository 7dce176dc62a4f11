import { count, desc, eq, inArray, like } from "drizzle-orm";
import { mailbox, outbox } from "../db/schema";
import { db } from "./db.server";

export const MAILBOX_PAGE_SIZE = 50;

/** What the embedded SMTP server received, newest first; optionally only mail to one address. */
export function receivedMail({ recipient, page }: { recipient: string; page: number }) {
  const where = recipient ? like(mailbox.envelopeTo, `%${recipient.replace(/[%_]/g, "")}%`) : undefined;
  const rows = db()
    .select({ id: mailbox.id, receivedAt: mailbox.receivedAt, to: mailbox.envelopeTo, subject: mailbox.subject })
    .from(mailbox)
    .where(where)
    .orderBy(desc(mailbox.id))
    .limit(MAILBOX_PAGE_SIZE)
    .offset((page - 1) * MAILBOX_PAGE_SIZE)
    .all();
  const total = db().select({ n: count() }).from(mailbox).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** Mail the portal owes but has not delivered yet, or gave up on: what an administrator must watch. */
export function undeliveredMail() {
  return db()
    .select({
      id: outbox.id,
      recipient: outbox.recipient,
      subject: outbox.subject,
      status: outbox.status,
      attempts: outbox.attempts,
      nextAttemptAt: outbox.nextAttemptAt,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .where(inArray(outbox.status, ["pending", "failed"]))
    .orderBy(outbox.id)
    .limit(100)
    .all();
}

export function receivedMessage(id: number) {
  return db().select().from(mailbox).where(eq(mailbox.id, id)).get();
}
