import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { heldByAnotherWriter, yieldingToPeople } from "../db/client";
import { outbox, outboxAttempts } from "../db/schema";
import { withoutSecrets } from "./secret-links";
import type { MailTransport } from "./transport";

export type DispatchResult = { sent: number; failed: number; retried: number };

export type Dispatcher = {
  /** Sends what is due now. Calls made while a run is in flight wait for it, then run in turn. */
  runOnce(): Promise<DispatchResult>;
  /**
   * Runs now, then again `intervalMs` after each run ends. First it makes due again the messages
   * a dispatcher that died mid-send had claimed: only the one process that runs the dispatcher
   * may start it (server.ts), so no other send can be in flight.
   */
  start(intervalMs: number): void;
  /** Stops the timer and waits for the run in flight, for a graceful shutdown. */
  stop(): Promise<void>;
};

// A message is claimed before it is sent by pushing its next attempt this far ahead. If the
// process dies mid-send the message is retried once the lease ends, instead of being lost;
// the transport's timeouts keep a live send far shorter than this.
const LEASE_MS = 10 * 60_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 1000;

/** Wait before the next try after `failedAttempts` failures: 30 s, 1 min, 2 min... at most 1 h. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(failedAttempts - 1, 0), MAX_RETRY_MS);
}

// Commands whose refusal is about this message: its recipient (RCPT TO) or its content (DATA and
// the reply after it). A 5xx anywhere else is about our side (a wrong password answers 535 to AUTH,
// a sender the relay will not take answers 5xx to MAIL FROM) and would refuse every message alike:
// giving up there would lose all mail sent until someone fixed the setting, so those are retried.
const MESSAGE_COMMANDS = new Set(["RCPT TO", "DATA"]);

/** Whether the server refused this very message for good (nodemailer's error fields). */
function refusedForGood(error: unknown) {
  if (!(error instanceof Error)) return false;
  const { permanent, command } = error as Error & { permanent?: boolean; command?: string };
  // nodemailer sets `permanent` for a 5xx reply code other than 503 (bad sequence of commands).
  return permanent === true && command !== undefined && MESSAGE_COMMANDS.has(command);
}

/**
 * Sends the outbox. Every try is recorded in outbox_attempts; a failed try is retried with
 * exponential backoff, and a message is given up (`failed`) after `maxAttempts` tries or when
 * the server refuses its recipient or content for good (a 5xx reply to RCPT TO or DATA). The
 * default of 24 tries spans about 18 hours, so an outage or a wrong SMTP password over a night
 * delays mail without losing it.
 */
export function createDispatcher(options: {
  db: Db;
  transport: MailTransport;
  from: string;
  now?: () => Date;
  batchSize?: number;
  maxAttempts?: number;
}): Dispatcher {
  const { db, transport, from, now = () => new Date(), batchSize = 50, maxAttempts = 24 } = options;

  // Claiming and counting the try in one statement makes the claim atomic across processes,
  // and counts a try that crashed the process, so a message cannot crash-loop forever. The
  // statements run for every message sent (forty for a submission): built by drizzle and
  // prepared by SQLite once, on first use. A placeholder in a condition or a set is bound as it is
  // (a time in milliseconds); one inserted goes through its column (a Date).
  let prepared: ReturnType<typeof prepare> | undefined;
  const statements = () => (prepared ??= prepare());
  function prepare() {
    const due = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, sql.placeholder("now"))))
      .orderBy(asc(outbox.id))
      .limit(1);
    return {
      claim: db
        .update(outbox)
        .set({ nextAttemptAt: sql`${sql.placeholder("leaseUntil")}`, attempts: sql`${outbox.attempts} + 1` })
        .where(and(inArray(outbox.id, due), eq(outbox.status, "pending")))
        .returning()
        .prepare(),
      sent: db
        .update(outbox)
        .set({ status: "sent", sentAt: sql`${sql.placeholder("at")}`, text: sql`${sql.placeholder("text")}`, html: sql`${sql.placeholder("html")}` })
        .where(eq(outbox.id, sql.placeholder("id")))
        .prepare(),
      attempt: db.insert(outboxAttempts).values({ outboxId: sql.placeholder("id"), at: sql.placeholder("at"), ok: true }).prepare(),
    };
  }

  function claimNextDue() {
    const at = now();
    return statements().claim.get({ now: at.getTime(), leaseUntil: at.getTime() + LEASE_MS });
  }

  async function dispatchDue(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, retried: 0 };
    for (let count = 0; count < batchSize; count++) {
      // Claiming waits only briefly for another writer: the next tick claims what this one could
      // not. Recording a sent message waits as people's writes do, so that it is not sent again.
      let message: ReturnType<typeof claimNextDue>;
      try {
        message = yieldingToPeople(db, claimNextDue);
      } catch (error) {
        if (heldByAnotherWriter(error)) break;
        throw error;
      }
      if (!message) break;
      try {
        await transport.send({
          from,
          to: message.recipient,
          subject: message.subject,
          html: message.html,
          text: message.text,
          idempotencyKey: message.idempotencyKey,
          language: message.locale,
        });
      } catch (error) {
        const at = now();
        const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
        const giveUp = refusedForGood(error) || message.attempts >= maxAttempts;
        db.transaction((tx) => {
          tx.update(outbox)
            .set(
              giveUp
                ? { status: "failed", lastError: reason }
                : { lastError: reason, nextAttemptAt: new Date(at.getTime() + retryDelayMs(message.attempts)) },
            )
            .where(eq(outbox.id, message.id))
            .run();
          tx.insert(outboxAttempts).values({ outboxId: message.id, at, ok: false, error: reason }).run();
        });
        if (giveUp) result.failed++;
        else result.retried++;
        continue;
      }
      const at = now();
      const { sent, attempt } = statements();
      db.transaction(() => {
        sent.run({ id: message.id, at: at.getTime(), text: withoutSecrets(message.text), html: withoutSecrets(message.html) });
        attempt.run({ id: message.id, at });
      });
      result.sent++;
    }
    return result;
  }

  // Runs are chained, so one dispatcher never has two in flight.
  let tail: Promise<unknown> = Promise.resolve();
  function runOnce(): Promise<DispatchResult> {
    const run = tail.then(dispatchDue);
    tail = run.catch(() => undefined);
    return run;
  }

  // A claim counts its try at once and records it in outbox_attempts when the try ends; a
  // message with more tries counted than recorded was being sent when its process died. It may
  // or may not have reached the mail server: sending it again under the same Message-ID lets the
  // recipient's mailbox keep one copy, where waiting out the lease would hold it ten minutes.
  function releaseAbandonedClaims() {
    db.update(outbox)
      .set({ nextAttemptAt: now() })
      .where(
        and(
          eq(outbox.status, "pending"),
          sql`${outbox.attempts} > (select count(*) from ${outboxAttempts} where ${outboxAttempts.outboxId} = ${outbox.id})`,
        ),
      )
      .run();
  }

  let loop: { timer?: NodeJS.Timeout } | undefined;
  function start(intervalMs: number) {
    if (loop) return;
    releaseAbandonedClaims();
    const current: { timer?: NodeJS.Timeout } = {};
    loop = current;
    async function tick() {
      let busy = false;
      try {
        const result = await runOnce();
        // A full batch means more is due: go on at once rather than after the pause.
        busy = result.sent + result.failed + result.retried >= batchSize;
      } catch (error) {
        console.error("Mail dispatcher run failed:", error);
      }
      if (loop !== current) return;
      current.timer = setTimeout(tick, busy ? 0 : intervalMs);
      // The dispatcher alone must not keep a process alive that has nothing else to do.
      current.timer.unref();
    }
    void tick();
  }

  async function stop() {
    clearTimeout(loop?.timer);
    loop = undefined;
    await tail;
  }

  return { runOnce, start, stop };
}
