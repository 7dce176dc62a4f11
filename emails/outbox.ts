import type { Tx } from "../db/client";
import { outbox } from "../db/schema";
import type { Language } from "../workflows/languages";

/** A message ready to send; `language` is the one it is written in (English unless a template says). */
export type RenderedEmail = { subject: string; html: string; text: string; language?: Language };

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
      locale: message.language ?? "en",
      nextAttemptAt: now,
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .run();
}
