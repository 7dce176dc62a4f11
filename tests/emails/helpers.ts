import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { openDatabase } from "../../db/client";

/** A fresh migrated SQLite file for one test file, and its removal. */
export function openTestDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "taf-emails-"));
  const path = join(dir, "taf.db");
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
