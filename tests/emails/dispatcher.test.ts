import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { mailbox, outbox, outboxAttempts } from "../../db/schema";
import { createDispatcher } from "../../emails/dispatcher";
import { startEmbeddedSmtp, type EmbeddedSmtp } from "../../emails/embedded-smtp";
import { enqueueEmail } from "../../emails/outbox";
import { passwordResetEmail } from "../../emails/templates/password-reset";
import { createTransport, messageIdFor, type MailTransport } from "../../emails/transport";
import { openTestDatabase } from "./helpers";

const from = "TAF portal <no-reply@taf-portal.localhost>";
const database = openTestDatabase();
const { db } = database;
let smtp: EmbeddedSmtp;
let transport: MailTransport;

beforeAll(async () => {
  smtp = await startEmbeddedSmtp({ db, port: 0 });
  transport = createTransport(smtp.url);
});
afterEach(() => {
  db.delete(outbox).run();
  db.delete(mailbox).run();
});
afterAll(async () => {
  transport.close();
  await smtp.close();
  database.remove();
});

function enqueueResets(count: number, prefix: string) {
  db.transaction((tx) => {
    for (let n = 1; n <= count; n++) {
      enqueueEmail(tx, {
        idempotencyKey: `${prefix}:${n}`,
        to: `person${n}@example.org`,
        template: "passwordReset",
        ...passwordResetEmail({ appUrl: "https://taf.example.org", recipientName: `Person ${n}`, resetUrl: `https://taf.example.org/reset/${n}`, expiresAt: new Date() }),
      });
    }
  });
}

/** Received messages per Message-ID, which the transport derives from the idempotency key. */
function receivedPerKey() {
  const counts = new Map<string | null, number>();
  for (const row of db.select().from(mailbox).all()) counts.set(row.messageId, (counts.get(row.messageId) ?? 0) + 1);
  return counts;
}

describe("outbox", () => {
  it("keeps one message per idempotency key", () => {
    enqueueResets(1, "reset");
    enqueueResets(1, "reset");
    expect(db.select().from(outbox).all()).toHaveLength(1);
  });
});

describe("dispatcher", () => {
  it("delivers every due message once over SMTP and records each attempt", async () => {
    enqueueResets(5, "batch");
    const dispatcher = createDispatcher({ db, transport, from });

    const before = Date.now();
    expect(await dispatcher.runOnce()).toEqual({ sent: 5, failed: 0, retried: 0 });
    const after = Date.now();
    const received = db.select().from(mailbox).orderBy(asc(mailbox.id)).all();
    expect(received.map((row) => row.envelopeTo)).toEqual([1, 2, 3, 4, 5].map((n) => `person${n}@example.org`));
    expect(received.map((row) => row.messageId)).toEqual([1, 2, 3, 4, 5].map((n) => messageIdFor(`batch:${n}`, from)));

    const rows = db.select().from(outbox).all();
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1 && row.sentAt instanceof Date)).toBe(true);
    const attempts = db.select().from(outboxAttempts).all();
    expect(attempts).toHaveLength(5);
    expect(attempts.every((attempt) => attempt.ok && attempt.error === null)).toBe(true);
    // The times are the moments of sending, as the pages show them (not off by a unit).
    for (const at of [...rows.map((row) => row.sentAt!), ...attempts.map((attempt) => attempt.at)]) {
      expect(at.getTime()).toBeGreaterThanOrEqual(before);
      expect(at.getTime()).toBeLessThanOrEqual(after);
    }

    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(db.select().from(mailbox).all()).toHaveLength(5);
  });

  it("leases a message ten minutes ahead while it is being sent", async () => {
    enqueueResets(1, "lease");
    let leasedUntil: Date | undefined;
    const watching: MailTransport = { ...transport, send: async (message) => ((leasedUntil = db.select().from(outbox).get()!.nextAttemptAt), transport.send(message)) };
    const claimedAt = Date.now();
    expect(await createDispatcher({ db, transport: watching, from }).runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(leasedUntil!.getTime() - claimedAt).toBeGreaterThanOrEqual(10 * 60_000 - 1_000);
    expect(leasedUntil!.getTime() - claimedAt).toBeLessThanOrEqual(10 * 60_000 + 1_000);
  });

  it("sends at most batchSize messages per run, oldest first", async () => {
    enqueueResets(3, "small");
    const dispatcher = createDispatcher({ db, transport, from, batchSize: 2 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 2, failed: 0, retried: 0 });
    const first = db.select().from(outbox).where(eq(outbox.status, "pending")).all();
    expect(first.map((row) => row.idempotencyKey)).toEqual(["small:3"]);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
  });

  it("never sends a message twice when runs overlap in one process", async () => {
    enqueueResets(6, "overlap");
    const dispatcher = createDispatcher({ db, transport, from });
    const results = await Promise.all([dispatcher.runOnce(), dispatcher.runOnce(), dispatcher.runOnce()]);
    // One run at a time: the first drains the outbox, the calls made meanwhile find nothing left.
    expect(results.map((result) => result.sent)).toEqual([6, 0, 0]);
    const counts = receivedPerKey();
    expect(counts.size).toBe(6);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it("never sends a message twice when two processes share the database", async () => {
    enqueueResets(8, "shared");
    // A second connection to the same file stands for a second server process.
    const other = openDatabase(database.path);
    const otherTransport = createTransport(smtp.url);
    try {
      const results = await Promise.all([
        createDispatcher({ db, transport, from }).runOnce(),
        createDispatcher({ db: other.db, transport: otherTransport, from }).runOnce(),
      ]);
      expect(results[0].sent + results[1].sent).toBe(8);
      expect(results[0].sent).toBeGreaterThan(0);
      expect(results[1].sent).toBeGreaterThan(0);
    } finally {
      otherTransport.close();
      other.sqlite.close();
    }
    const counts = receivedPerKey();
    expect(counts.size).toBe(8);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
  });

  it("leaves the outbox for its next run while another writer holds the database, then sends it", async () => {
    enqueueResets(3, "locked");
    // Another process in a long write: the dispatcher claims nothing and does not wait it out
    // (it shares the event loop with the pages being served), rather than fail the run.
    const other = openDatabase(database.path);
    other.sqlite.exec("BEGIN EXCLUSIVE");
    let held;
    try {
      held = await createDispatcher({ db, transport, from }).runOnce();
    } finally {
      other.sqlite.exec("ROLLBACK");
      other.sqlite.close();
    }
    expect(held).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(db.select({ attempts: outbox.attempts }).from(outbox).all()).toEqual([{ attempts: 0 }, { attempts: 0 }, { attempts: 0 }]);
    expect(await createDispatcher({ db, transport, from }).runOnce()).toEqual({ sent: 3, failed: 0, retried: 0 });
  });

  it("sends on its own once started, and stop() waits for the run in flight", async () => {
    const dispatcher = createDispatcher({ db, transport, from });
    dispatcher.start(20);
    enqueueResets(2, "timer");
    await expect.poll(() => db.select().from(mailbox).all().length, { timeout: 5000 }).toBe(2);
    enqueueResets(1, "late");
    const pending = dispatcher.runOnce();
    await dispatcher.stop();
    // Whichever run sent it, the message is out by the time stop() resolves.
    expect(db.select().from(mailbox).all()).toHaveLength(3);
    expect(db.select().from(outbox).where(eq(outbox.status, "pending")).all()).toHaveLength(0);
    await pending;
  });
});

describe("after the process died mid-send", () => {
  it("sends at once, when the dispatcher starts again, what the dead one had claimed, and the mailbox keeps one copy", async () => {
    enqueueResets(2, "crash");
    // What a claim leaves when the process dies before the try ends: the try counted, the
    // message leased ten minutes ahead, no attempt recorded. The first one had reached the server.
    const [reached] = db.select().from(outbox).orderBy(asc(outbox.id)).all();
    const leasedUntil = new Date(Date.now() + 10 * 60_000);
    db.update(outbox).set({ attempts: 1, nextAttemptAt: leasedUntil }).run();
    await transport.send({ from, to: reached!.recipient, subject: reached!.subject, html: reached!.html, text: reached!.text, idempotencyKey: reached!.idempotencyKey, language: reached!.locale });

    const restarted = createDispatcher({ db, transport, from });
    restarted.start(60_000);
    await restarted.stop();

    expect(db.select().from(outbox).all().map((row) => row.status)).toEqual(["sent", "sent"]);
    expect(receivedPerKey()).toEqual(new Map([[messageIdFor("crash:1", from), 1], [messageIdFor("crash:2", from), 1]]));
  });

  it("leaves alone a message waiting out its backoff after a failed try", () => {
    enqueueResets(1, "backoff");
    const [message] = db.select().from(outbox).all();
    const retryAt = new Date(Date.now() + 60_000);
    db.update(outbox).set({ attempts: 1, nextAttemptAt: retryAt, lastError: "451 try later" }).run();
    db.insert(outboxAttempts).values({ outboxId: message!.id, at: new Date(), ok: false, error: "451 try later" }).run();
    const restarted = createDispatcher({ db, transport, from });
    restarted.start(60_000);
    expect(db.select().from(outbox).get()!.nextAttemptAt).toEqual(retryAt);
    return restarted.stop();
  });
});
