import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { inject } from "vitest";
import { openDatabase } from "../../db/client";

/** A fresh migrated SQLite file for one test file (a copy of the run's empty base), and its removal. */
export function openTestDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "taf-emails-"));
  const path = join(dir, "taf.db");
  copyFileSync(inject("databaseBases").empty, path);
  const { sqlite, db } = openDatabase(path);
  return {
    sqlite,
    db,
    path,
    remove() {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on, for the moment: the outage test starts and stops servers on it. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A real SMTP server that refuses every recipient with the given reply code (451: try later, 550: never). */
export async function startRefusingSmtp(port: number, responseCode: number) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    // The portal's transport keeps its connection open: closing does not wait 30 s for it.
    closeTimeout: 100,
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(Object.assign(new Error(responseCode >= 500 ? "No such mailbox" : "Mailbox busy, try again later"), { responseCode }));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/**
 * A real SMTP server that wants a password, like an organisation's relay. `refuse` says what it
 * refuses at the moment (the test changes it between runs); `received` holds the Message-ID of
 * each message it accepted, to count deliveries.
 */
export async function startRelaySmtp(port: number) {
  const state: { refuse: "auth" | "mailFrom" | "data" | null; received: string[] } = { refuse: null, received: [] };
  const refusal = (message: string, responseCode: number) => Object.assign(new Error(message), { responseCode });
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    // The portal's transport keeps its connection open: closing does not wait 30 s for it.
    closeTimeout: 100,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (state.refuse === "auth") return callback(refusal("Authentication credentials invalid", 535));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      if (state.refuse === "mailFrom") return callback(refusal("Sender address rejected: not owned by user", 553));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (state.refuse === "data") return callback(refusal("Message rejected as spam", 554));
        state.received.push(/^Message-ID:\s*(\S+)/im.exec(Buffer.concat(chunks).toString())?.[1] ?? "");
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return Object.assign(state, { close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}
