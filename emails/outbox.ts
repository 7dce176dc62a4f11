import type { Tx } from "../db/client";
import { outbox } from "../db/schema";
import type { Language } from "../workflows/languages";

/** A message ready to send; `language` is the one it is written in (English unless a template says). */
export type RenderedEmail = { subject: string; html: string; text: string; language?: Language };

export type OwedEmail = RenderedEmail & { idempotencyKey: string; to: string; template: string };

/**
 * Puts a message in the outbox. Call it inside the transaction of the change that owes the
 * message, so the two are written together or not at all. A second message with the same
 * idempotency key is ignored: a retried request never mails twice.
 */
export function enqueueEmail(tx: Tx, message: OwedEmail, now = new Date()) {
  enqueueEmails(tx, [message], now);
}

// A submission owes some forty messages; one statement a message was a fifth of its CPU time
// (docs/performance.md, "The write path"). SQLite takes many rows in one insert; a hundred
// keeps the statement far below its limit of bound values.
const ROWS_PER_STATEMENT = 100;

/** `enqueueEmail` for many messages at once, in as few statements as SQLite allows; the same idempotency. */
export function enqueueEmails(tx: Tx, messages: readonly OwedEmail[], now = new Date()) {
  for (let from = 0; from < messages.length; from += ROWS_PER_STATEMENT) {
    tx.insert(outbox)
      .values(
        messages.slice(from, from + ROWS_PER_STATEMENT).map((message) => ({
          idempotencyKey: message.idempotencyKey,
          template: message.template,
          recipient: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          locale: message.language ?? "en",
          nextAttemptAt: now,
        })),
      )
      .onConflictDoNothing({ target: outbox.idempotencyKey })
      .run();
  }
}
