import { createHash } from "node:crypto";
import nodemailer from "nodemailer";

export type OutgoingEmail = {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The outbox row's key: the same message keeps the same Message-ID across retries. */
  idempotencyKey: string;
  /** The language it is written in (outbox.locale), sent as Content-Language. */
  language?: string;
};

export type MailTransport = {
  /** Resolves once the server accepted the message; rejects with nodemailer's error otherwise. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
};

/**
 * An SMTP transport for `smtp://` or `smtps://` URLs (user and password in the URL). Timeouts
 * are short because the dispatcher holds a lease on the message while sending: a hung server
 * must fail the attempt well before the lease runs out, not after nodemailer's 10 minutes.
 */
export function createTransport(smtpUrl: string): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    // One connection kept open for message after message. A connection a message cost a
    // handshake each (and smtp-server, the embedded server, waits 100 ms before it greets a
    // client): mail went out at 9 messages a second, and a deadline's submissions owe thousands.
    pool: true,
    maxConnections: 1,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    async send(email) {
      await transporter.sendMail({
        from: email.from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: messageIdFor(email.idempotencyKey, email.from),
        headers: { "X-TAF-Idempotency-Key": email.idempotencyKey, ...(email.language ? { "Content-Language": email.language } : {}) },
      });
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * A stable Message-ID per idempotency key, so a message delivered twice after a crash is
 * recognisable as one by mail clients. Keys may hold characters a Message-ID may not, hence the hash.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "taf-portal.invalid";
  const hash = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  return `<${hash}@${domain}>`;
}
