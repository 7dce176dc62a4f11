import { and, asc, count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, mailbox, outbox, outboxAttempts } from "../../db/schema";
import { db } from "../../app/db.server";
import * as mailboxPage from "../../app/routes/admin.mailbox._index";
import { createDispatcher } from "../../emails/dispatcher";
import { startEmbeddedSmtp, type EmbeddedSmtp } from "../../emails/embedded-smtp";
import { enqueueEmail } from "../../emails/outbox";
import { passwordResetEmail } from "../../emails/templates/password-reset";
import { createTransport, messageIdFor } from "../../emails/transport";
import { freePort, startRefusingSmtp } from "../emails/helpers";
import { load, signInAs, statusOf, submit } from "../support/http";
import { useDatabase } from "../support/database";
import type { Language } from "../../workflows/languages";

const from = "TAF portal <no-reply@taf-portal.localhost>";
const path = "/admin/mailbox";
let admin: string;
let smtp: EmbeddedSmtp;

useDatabase("demo");

// The mailbox server writes into this test's database, so each test starts its own.
beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
  smtp = await startEmbeddedSmtp({ db: db(), port: 0 });
});
afterEach(() => smtp.close());

function enqueueReset(key: string, language: Language = "en") {
  db().transaction((tx) =>
    enqueueEmail(tx, {
      idempotencyKey: key,
      to: "besa.gashi@kosovopolice.example",
      template: "passwordReset",
      ...passwordResetEmail({ appUrl: "https://taf.example.org", recipientName: "Besa Gashi", resetUrl: "https://taf.example.org/reset/1", expiresAt: new Date(), language }),
    }),
  );
  return db().select().from(outbox).where(eq(outbox.idempotencyKey, key)).get()!;
}

/** Runs the real dispatcher once against a server; returns what it reports. */
async function dispatchTo(url: string) {
  const transport = createTransport(url);
  try {
    return await createDispatcher({ db: db(), transport, from }).runOnce();
  } finally {
    transport.close();
  }
}

/** A message the dispatcher gave up on: the server refused its recipient with 550. */
async function failedMessage(key: string) {
  const message = enqueueReset(key);
  const port = await freePort();
  const refusing = await startRefusingSmtp(port, 550);
  try {
    expect(await dispatchTo(`smtp://127.0.0.1:${port}`)).toEqual({ sent: 0, failed: 1, retried: 0 });
  } finally {
    await refusing.close();
  }
  return message;
}

function row(id: number) {
  return db().select().from(outbox).where(eq(outbox.id, id)).get()!;
}

function resendAudits(id: number) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "mailResent"), eq(auditLog.subjectId, String(id))))
    .all();
}

function tableCounts() {
  return [outbox, outboxAttempts, auditLog, mailbox].map((table) => db().select({ n: count() }).from(table).get()!.n);
}

describe("sending a failed message again", () => {
  it("shows the administrator a Send again button for a message the outbox gave up on", async () => {
    const message = await failedMessage("reset:shown");
    const page = (await load(mailboxPage, path, { cookie: admin })) as Awaited<ReturnType<typeof mailboxPage.loader>>;
    expect(page.mayResend).toBe(true);
    expect(page.undelivered).toMatchObject([{ id: message.id, status: "failed", attempts: 1 }]);
    expect(page.undelivered[0]?.lastError).toMatch(/550/);
  });

  it("puts it back in the queue, audited, and the dispatcher delivers it exactly once", async () => {
    const message = await failedMessage("reset:again");
    const result = await submit(mailboxPage, path, { outboxId: String(message.id) }, { cookie: admin });
    expect(statusOf(result)).toBe(302);
    expect((result as Response).headers.get("Location")).toBe("/admin/mailbox?notice=resent");

    const queued = row(message.id);
    expect(queued).toMatchObject({ status: "pending", attempts: 0, idempotencyKey: "reset:again" });
    expect(queued.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    const [entry, ...more] = resendAudits(message.id);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ subjectType: "outbox", detail: { recipient: "besa.gashi@kosovopolice.example", attemptsBefore: 1 } });
    expect(entry?.actorUserId).toBeTypeOf("number");

    expect(await dispatchTo(smtp.url)).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await dispatchTo(smtp.url)).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(db().select().from(mailbox).all().map((received) => received.messageId)).toEqual([messageIdFor("reset:again", from)]);
    expect(row(message.id)).toMatchObject({ status: "sent", attempts: 1 });
    // The earlier refusal stays in the message's history.
    const attempts = db().select().from(outboxAttempts).where(eq(outboxAttempts.outboxId, message.id)).orderBy(asc(outboxAttempts.id)).all();
    expect(attempts.map((attempt) => attempt.ok)).toEqual([false, true]);
    expect(attempts[0]?.error).toMatch(/550/);
  });

  it("refuses anyone but an administrator, and changes nothing", async () => {
    const message = await failedMessage("reset:intruder");
    const before = tableCounts();
    for (const email of ["applicant.xk@taf.example", "reviewer.eu@taf.example", "advisor.mk@taf.example"]) {
      const cookie = await signInAs(email);
      expect(statusOf(await submit(mailboxPage, path, { outboxId: String(message.id) }, { cookie }))).toBe(403);
    }
    const signedOut = await submit(mailboxPage, path, { outboxId: String(message.id) });
    expect((signedOut as Response).headers.get("Location")).toMatch(/^\/login/);
    expect(tableCounts()).toEqual(before);
    expect(row(message.id).status).toBe("failed");
  });

  it("refuses a message that is waiting or delivered, with a message, and changes nothing", async () => {
    const waiting = enqueueReset("reset:waiting");
    const delivered = enqueueReset("reset:delivered");
    db().update(outbox).set({ status: "sent", sentAt: new Date() }).where(eq(outbox.id, delivered.id)).run();
    const before = tableCounts();

    const waitingReply = await submit(mailboxPage, path, { outboxId: String(waiting.id) }, { cookie: admin });
    expect(statusOf(waitingReply)).toBe(200);
    expect(waitingReply).toEqual({ error: expect.stringMatching(/already waiting to be sent/) });
    const deliveredReply = await submit(mailboxPage, path, { outboxId: String(delivered.id) }, { cookie: admin });
    expect(deliveredReply).toEqual({ error: expect.stringMatching(/has been delivered/) });

    expect(tableCounts()).toEqual(before);
    expect(row(waiting.id)).toMatchObject({ status: "pending", attempts: 0 });
    expect(row(delivered.id)).toMatchObject({ status: "sent" });
  });

  it("answers a missing, malformed or unknown id with a message, not an error", async () => {
    const message = await failedMessage("reset:malformed");
    const before = tableCounts();
    const forms: Record<string, string>[] = [{}, { outboxId: "" }, { outboxId: "abc" }, { outboxId: "0" }, { outboxId: "-1" }, { outboxId: "1.5" }, { outboxId: "9".repeat(30) }];
    for (const form of forms) {
      const reply = await submit(mailboxPage, path, form, { cookie: admin });
      expect(reply, JSON.stringify(form)).toEqual({ error: expect.stringMatching(/could not tell which message/) });
    }
    expect(await submit(mailboxPage, path, { outboxId: String(message.id + 1000) }, { cookie: admin })).toEqual({
      error: expect.stringMatching(/no such message/),
    });
    expect(tableCounts()).toEqual(before);
    expect(row(message.id).status).toBe("failed");
  });
});

describe("the language of each message", () => {
  type Page = Awaited<ReturnType<typeof mailboxPage.loader>>;

  it("is shown for the mail received, as the outbox wrote it, and for the mail still waiting", async () => {
    enqueueReset("reset-mk", "mk");
    enqueueReset("reset-en");
    expect(await dispatchTo(`smtp://127.0.0.1:${smtp.port}`)).toMatchObject({ sent: 2 });
    const waiting = enqueueReset("reset-sq", "sq");

    const page = (await load(mailboxPage, `${path}?to=besa.gashi`, { cookie: admin })) as Page;
    const languages = page.received.map((m) => [m.subject, m.language]);
    expect(languages).toContainEqual(["Изберете нова лозинка за порталот TAF", "mk"]);
    expect(languages).toContainEqual(["Choose a new password for the TAF portal", "en"]);
    expect(page.undelivered.find((m) => m.id === waiting.id)).toMatchObject({ language: "sq" });
  });
});
