import type { Tx } from "../db/client";
import { outbox } from "../db/schema";
import { mentionsKosovo } from "../workflows/countries";
import type { Language } from "../workflows/languages";
import { escapeHtml } from "./layout";

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

// Where a recipient's name goes in a mail rendered for a group (below): no name holds it.
const NAME_MARK = "\u0001recipient\u0001";

/**
 * Each recipient's mail, rendered once for each group (`groupOf`: the recipients whose mail reads
 * alike but for the name), with each one's name put in where the template wrote it, escaped in
 * the HTML. Rendering every message afresh was a fifth of a submission's CPU time
 * (docs/performance.md, "The write path"). A name that mentions Kosovo is rendered on its own:
 * it brings the designation footnote.
 */
export function renderedForEach<Recipient extends { name: string }>(
  recipients: readonly Recipient[],
  groupOf: (recipient: Recipient) => string,
  render: (recipient: Recipient) => RenderedEmail,
): RenderedEmail[] {
  const byGroup = new Map<string, RenderedEmail>();
  const named = (text: string, name: string) => text.replaceAll(NAME_MARK, () => name);
  return recipients.map((recipient) => {
    if (mentionsKosovo(recipient.name) || recipient.name.includes(NAME_MARK)) return render(recipient);
    const group = groupOf(recipient);
    let shared = byGroup.get(group);
    if (!shared) {
      shared = render({ ...recipient, name: NAME_MARK });
      byGroup.set(group, shared);
    }
    return { ...shared, subject: named(shared.subject, recipient.name), html: named(shared.html, escapeHtml(recipient.name)), text: named(shared.text, recipient.name) };
  });
}
