import { simpleParser } from "mailparser";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { Db } from "../db/client";
import { yieldingToPeople } from "../db/client";
import { mailbox } from "../db/schema";

export type EmbeddedSmtp = {
  port: number;
  url: string;
  close(): Promise<void>;
};

/**
 * The mail server of a portal run with no SMTP_URL: it accepts every message over real SMTP
 * on localhost and keeps it in the `mailbox` table, where administrators read it. The app
 * thus sends mail the same way with or without a real server, and nothing leaves the machine.
 * Port 0 picks a free port; the real one is returned.
 */
export async function startEmbeddedSmtp(options: { db: Db; port: number; host?: string }): Promise<EmbeddedSmtp> {
  const { db, port, host = "127.0.0.1" } = options;
  const server = new SMTPServer({
    banner: "TAF portal embedded mailbox",
    authOptional: true,
    // Plain SMTP on localhost: without STARTTLS smtp-server neither offers nor needs a certificate.
    disabledCommands: ["STARTTLS"],
    hide8BITMIME: true,
    size: 10 * 1024 * 1024,
    rejectOversized: true,
    disableReverseLookup: true,
    // Closing waits this long for a client still connected (the portal's own transport keeps one
    // connection open) before telling it 421, not smtp-server's 30 s.
    closeTimeout: 1_000,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          // smtp-server answers 552 to an oversized message whatever this handler says: keep none of it.
          if (stream.sizeExceeded) return callback();
          const { mailFrom, rcptTo } = session.envelope;
          // A database held by another writer refuses the message (451) at once: the sender retries.
          yieldingToPeople(db, () =>
            db
              .insert(mailbox)
              .values({
              receivedAt: new Date(),
              envelopeFrom: mailFrom ? mailFrom.address : "",
              envelopeTo: rcptTo.map((recipient) => recipient.address).join(", "),
              messageId: parsed.messageId ?? null,
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: parsed.html === false ? null : parsed.html,
              language: contentLanguageOf(parsed.headers.get("content-language")),
            })
              // The same message again (mailbox_message_once) is accepted and kept once.
              .onConflictDoNothing()
              .run(),
          );
          // Accepted only once stored: a message the database refused is retried by the sender.
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE" || error.code === "EACCES") {
        reject(
          new Error(
            `The embedded SMTP server cannot listen on ${host}:${port} (${error.code}). ` +
              "Set EMBEDDED_SMTP_PORT to a free port (0 picks one), or set SMTP_URL to send through a real mail server.",
            { cause: error },
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen(port, host, () => resolve());
  });
  server.removeAllListeners("error");
  // Errors of single connections (a client gone mid-message) must not crash the portal.
  server.on("error", (error) => console.error("Embedded SMTP server:", error));

  const realPort = (server.server.address() as AddressInfo).port;
  return {
    port: realPort,
    url: `smtp://${host}:${realPort}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first language tag of a Content-Language header, as the outbox wrote it; none when absent. */
function contentLanguageOf(header: unknown): string | null {
  return typeof header === "string" && header.trim() !== "" ? header.split(",")[0]!.trim() : null;
}
