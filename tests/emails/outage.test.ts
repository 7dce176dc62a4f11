import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { mailbox, outbox, outboxAttempts } from "../../db/schema";
import { createDispatcher, retryDelayMs } from "../../emails/dispatcher";
import { startEmbeddedSmtp } from "../../emails/embedded-smtp";
import { enqueueEmail } from "../../emails/outbox";
import { invitationEmail } from "../../emails/templates/invitation";
import { createTransport, messageIdFor } from "../../emails/transport";
import { freePort, openTestDatabase, startRefusingSmtp, startRelaySmtp } from "./helpers";

const from = "TAF portal <no-reply@taf-portal.localhost>";
const database = openTestDatabase();
const { db } = database;

afterEach(() => {
  db.delete(outbox).run();
  db.delete(mailbox).run();
});
afterAll(() => database.remove());

/** A clock the test moves by hand, so backoff is checked to the millisecond. */
function manualClock(start: Date) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms: number) {
      current += ms;
    },
  };
}

function enqueueInvitations(keys: string[], at: Date) {
  db.transaction((tx) => {
    for (const key of keys) {
      enqueueEmail(
        tx,
        {
          idempotencyKey: key,
          to: `${key.replaceAll(":", ".")}@example.org`,
          template: "invitation",
          ...invitationEmail({ appUrl: "https://taf.example.org",
            recipientName: "Besa Gashi",
            invitedByName: "Jelena Petrović",
            role: { role: "applicant", institutionName: "Kosovo* Police", country: null },
            setPasswordUrl: `https://taf.example.org/set-password/${key}`,
            expiresAt: new Date(at.getTime() + 72 * 3600_000),
          }),
        },
        at,
      );
    }
  });
}

function outboxRows() {
  return db.select().from(outbox).orderBy(asc(outbox.id)).all();
}

describe("retryDelayMs", () => {
  it("doubles from 30 seconds up to one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 20].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });
});

describe("an SMTP outage", () => {
  it("delays mail without losing it, then delivers each message exactly once", async () => {
    const start = new Date("2026-11-27T09:00:00Z");
    const clock = manualClock(start);
    const keys = ["invitation:user:11", "invitation:user:12", "invitation:user:13"];
    enqueueInvitations(keys, start);
    const port = await freePort();
    const transport = createTransport(`smtp://127.0.0.1:${port}`);
    const dispatcher = createDispatcher({ db, transport, from, now: clock.now });
    try {
      // 1. Nothing listens: the connection is refused.
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 3 });
      for (const row of outboxRows()) {
        expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: new Date(start.getTime() + 30_000) });
        expect(row.lastError).toMatch(/ECONNREFUSED/);
      }
      // Not due yet: the backoff holds even though the dispatcher runs again.
      clock.advance(29_999);
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });

      // 2. A server is back but answers 451 (try again later).
      const refusing = await startRefusingSmtp(port, 451);
      try {
        clock.advance(1);
        const secondTry = clock.now();
        expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 3 });
        for (const row of outboxRows()) {
          expect(row).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: new Date(secondTry.getTime() + 60_000) });
          expect(row.lastError).toMatch(/451/);
        }
      } finally {
        await refusing.close();
      }

      // 3. The mail server accepts again; nothing goes before the backoff ends.
      const smtp = await startEmbeddedSmtp({ db, port });
      try {
        clock.advance(59_999);
        expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
        clock.advance(1);
        expect(await dispatcher.runOnce()).toEqual({ sent: 3, failed: 0, retried: 0 });
        clock.advance(24 * 3600_000);
        expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
      } finally {
        await smtp.close();
      }
    } finally {
      transport.close();
    }

    const received = db.select().from(mailbox).all();
    for (const key of keys) {
      expect(received.filter((row) => row.messageId === messageIdFor(key, from))).toHaveLength(1);
    }
    expect(received).toHaveLength(3);
    for (const row of outboxRows()) {
      expect(row).toMatchObject({ status: "sent", attempts: 3, sentAt: new Date(start.getTime() + 90_000) });
      const attempts = db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, row.id)).orderBy(asc(outboxAttempts.id)).all();
      expect(attempts.map((attempt) => [attempt.ok, attempt.at.getTime() - start.getTime()])).toEqual([
        [false, 0],
        [false, 30_000],
        [true, 90_000],
      ]);
    }
  });

  it("gives a message up as failed after maxAttempts temporary refusals", async () => {
    const start = new Date("2026-11-27T09:00:00Z");
    const clock = manualClock(start);
    enqueueInvitations(["invitation:user:21"], start);
    const port = await freePort();
    const refusing = await startRefusingSmtp(port, 451);
    const transport = createTransport(`smtp://127.0.0.1:${port}`);
    const dispatcher = createDispatcher({ db, transport, from, now: clock.now, maxAttempts: 3 });
    try {
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
      clock.advance(retryDelayMs(1));
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
      clock.advance(retryDelayMs(2));
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
      clock.advance(24 * 3600_000);
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    } finally {
      transport.close();
      await refusing.close();
    }
    const [row] = outboxRows();
    expect(row).toMatchObject({ status: "failed", attempts: 3, sentAt: null });
    expect(row?.lastError).toMatch(/451/);
    expect(db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, row!.id)).all()).toHaveLength(3);
  });

  it("gives a message up at once when the server refuses it for good", async () => {
    const start = new Date("2026-11-27T09:00:00Z");
    enqueueInvitations(["invitation:user:31"], start);
    const port = await freePort();
    const refusing = await startRefusingSmtp(port, 550);
    const transport = createTransport(`smtp://127.0.0.1:${port}`);
    try {
      const dispatcher = createDispatcher({ db, transport, from, now: () => start });
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    } finally {
      transport.close();
      await refusing.close();
    }
    expect(outboxRows()).toMatchObject([{ status: "failed", attempts: 1 }]);
    expect(outboxRows()[0]?.lastError).toMatch(/550/);
  });

  it("gives a message up at once when the server refuses its content", async () => {
    const start = new Date("2026-11-27T09:00:00Z");
    enqueueInvitations(["invitation:user:32"], start);
    const port = await freePort();
    const relay = await startRelaySmtp(port);
    relay.refuse = "data";
    const transport = createTransport(`smtp://portal:secret@127.0.0.1:${port}`);
    try {
      const dispatcher = createDispatcher({ db, transport, from, now: () => start });
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    } finally {
      transport.close();
      await relay.close();
    }
    expect(outboxRows()).toMatchObject([{ status: "failed", attempts: 1 }]);
    expect(outboxRows()[0]?.lastError).toMatch(/554/);
  });
});

// A 5xx before the message is named (a wrong SMTP password, a sender the relay will not take)
// would refuse every message alike until someone fixes the setting: mail waits, it is not lost.
describe("a permanent refusal of our account rather than of the message", () => {
  const cases = [
    { refuse: "auth", code: 535, command: "AUTH", key: "invitation:user:41" },
    { refuse: "mailFrom", code: 553, command: "MAIL FROM", key: "invitation:user:42" },
  ] as const;
  for (const { refuse, code, command, key } of cases) {
    it(`retries a ${code} to ${command} with backoff, then delivers exactly once when it is fixed`, async () => {
      const start = new Date("2026-11-27T09:00:00Z");
      const clock = manualClock(start);
      enqueueInvitations([key], start);
      const port = await freePort();
      const relay = await startRelaySmtp(port);
      relay.refuse = refuse;
      const transport = createTransport(`smtp://portal:secret@127.0.0.1:${port}`);
      const dispatcher = createDispatcher({ db, transport, from, now: clock.now });
      try {
        expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
        clock.advance(retryDelayMs(1));
        expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
        expect(outboxRows()).toMatchObject([{ status: "pending", attempts: 2, nextAttemptAt: new Date(start.getTime() + retryDelayMs(1) + retryDelayMs(2)) }]);
        expect(outboxRows()[0]?.lastError).toMatch(new RegExp(`\\b${code}\\b`));

        relay.refuse = null;
        clock.advance(retryDelayMs(2));
        expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
        clock.advance(24 * 3600_000);
        expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
      } finally {
        transport.close();
        await relay.close();
      }
      expect(relay.received).toEqual([messageIdFor(key, from)]);
      const [row] = outboxRows();
      expect(row).toMatchObject({ status: "sent", attempts: 3 });
      const attempts = db.select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, row!.id)).orderBy(asc(outboxAttempts.id)).all();
      expect(attempts.map((attempt) => attempt.ok)).toEqual([false, false, true]);
    });
  }

  it("still gives the message up after maxAttempts when the password is never fixed", async () => {
    const start = new Date("2026-11-27T09:00:00Z");
    const clock = manualClock(start);
    enqueueInvitations(["invitation:user:43"], start);
    const port = await freePort();
    const relay = await startRelaySmtp(port);
    relay.refuse = "auth";
    const transport = createTransport(`smtp://portal:wrong@127.0.0.1:${port}`);
    const dispatcher = createDispatcher({ db, transport, from, now: clock.now, maxAttempts: 2 });
    try {
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
      clock.advance(retryDelayMs(1));
      expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 1, retried: 0 });
    } finally {
      transport.close();
      await relay.close();
    }
    expect(outboxRows()).toMatchObject([{ status: "failed", attempts: 2 }]);
    expect(outboxRows()[0]?.lastError).toMatch(/535/);
    expect(relay.received).toEqual([]);
  });
});
