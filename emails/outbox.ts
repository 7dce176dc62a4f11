import type { Tx } from "../db/client";
import { outbox } from "../db/schema";

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * Puts a message in the outbox. Call it inside the transaction of the change that owes the
 * message, so the two are written together or not at all. A second message with the same
 * idempotency key is ignored: a retried request never mails twice.
 */
export function enqueueEmail(
  tx: Tx,
  message: RenderedEmail & { idempotencyKey: string; to: string; template: string },
  now = new Date(),
) {
  tx.insert(outbox)
    .values({
      idempotencyKey: message.idempotencyKey,
      template: message.template,
      recipient: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      nextAttemptAt: now,
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .run();
}
