import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailbox } from "../../db/schema";
import { startEmbeddedSmtp, type EmbeddedSmtp } from "../../emails/embedded-smtp";
import { invitationEmail } from "../../emails/templates/invitation";
import { createTransport, messageIdFor } from "../../emails/transport";
import { openTestDatabase } from "./helpers";

const from = "TAF portal <no-reply@taf-portal.localhost>";
const database = openTestDatabase();
let smtp: EmbeddedSmtp;

beforeAll(async () => {
  smtp = await startEmbeddedSmtp({ db: database.db, port: 0 });
});
afterAll(async () => {
  await smtp.close();
  database.remove();
});

describe("embedded SMTP server", () => {
  it("listens on a real port and keeps what it receives in the mailbox", async () => {
    expect(smtp.port).toBeGreaterThan(0);
    expect(smtp.url).toBe(`smtp://127.0.0.1:${smtp.port}`);
    const email = invitationEmail({ appUrl: "https://taf.example.org",
      recipientName: "Arben Krasniqi",
      invitedByName: "Jelena Petrović",
      role: { role: "applicant", institutionName: "Kosovo* Police", country: null },
      setPasswordUrl: "https://taf.example.org/set-password/abc",
      expiresAt: new Date("2026-11-30T13:00:00Z"),
    });
    const transport = createTransport(smtp.url);
    try {
      await transport.send({ from, to: "arben.krasniqi@kosovopolice.example", ...email, idempotencyKey: "invitation:user:7" });
    } finally {
      transport.close();
    }

    const rows = database.db.select().from(mailbox).all();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({
      envelopeFrom: "no-reply@taf-portal.localhost",
      envelopeTo: "arben.krasniqi@kosovopolice.example",
      messageId: messageIdFor("invitation:user:7", from),
      subject: "You are invited to the TAF portal",
    });
    expect(row?.text).toContain("https://taf.example.org/set-password/abc");
    expect(row?.text).toContain("UNSCR 1244/1999");
    expect(row?.html).toContain('href="https://taf.example.org/set-password/abc"');
    expect(row?.receivedAt).toBeInstanceOf(Date);
  });

  it("names EMBEDDED_SMTP_PORT when its port is taken", async () => {
    await expect(startEmbeddedSmtp({ db: database.db, port: smtp.port })).rejects.toThrow(
      new RegExp(`127\\.0\\.0\\.1:${smtp.port} \\(EADDRINUSE\\).*EMBEDDED_SMTP_PORT`),
    );
  });
});

describe("SMTP transport", () => {
  it("marks each message with its idempotency key and a Message-ID derived from it", async () => {
    const received: ParsedMail[] = [];
    const capture = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then((parsed) => {
          received.push(parsed);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => capture.listen(0, "127.0.0.1", () => resolve()));
    const { port } = capture.server.address() as AddressInfo;
    const transport = createTransport(`smtp://127.0.0.1:${port}`);
    try {
      const message = { from, to: "ana.kovac@example.org", subject: "Test", html: "<p>Hello</p>", text: "Hello" };
      await transport.send({ ...message, idempotencyKey: "passwordReset:token:41" });
      await transport.send({ ...message, idempotencyKey: "passwordReset:token:41" });
      await transport.send({ ...message, idempotencyKey: "passwordReset:token:42" });
    } finally {
      transport.close();
      await new Promise<void>((resolve) => capture.close(() => resolve()));
    }

    expect(received.map((mail) => mail.headers.get("x-taf-idempotency-key"))).toEqual([
      "passwordReset:token:41",
      "passwordReset:token:41",
      "passwordReset:token:42",
    ]);
    const [first, again, other] = received.map((mail) => mail.messageId);
    expect(first).toMatch(/^<[0-9a-f]{32}@taf-portal\.localhost>$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it("sends message after message over one connection, not a handshake each", async () => {
    let connections = 0;
    const capture = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onConnect(_session, callback) {
        connections += 1;
        callback();
      },
      onData(stream, _session, callback) {
        stream.on("end", () => callback());
        stream.resume();
      },
    });
    await new Promise<void>((resolve) => capture.listen(0, "127.0.0.1", () => resolve()));
    const { port } = capture.server.address() as AddressInfo;
    const transport = createTransport(`smtp://127.0.0.1:${port}`);
    try {
      for (let n = 1; n <= 5; n++) await transport.send({ from, to: `person${n}@example.org`, subject: "Test", html: "<p>Hello</p>", text: "Hello", idempotencyKey: `pooled:${n}` });
    } finally {
      transport.close();
      await new Promise<void>((resolve) => capture.close(() => resolve()));
    }
    expect(connections).toBe(1);
  });
});
