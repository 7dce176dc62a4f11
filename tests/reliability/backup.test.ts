import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { setImmediate as yieldToEvents } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { closeDatabase, connection } from "../../app/db.server";
import { env } from "../../app/env.server";
import * as download from "../../app/routes/proposals.$proposalId.attachments.$attachmentId";
import * as attachmentsPage from "../../app/routes/proposals.$proposalId.attachments";
import { RestoreRefused, restoreBackup, takeBackup } from "../../db/backup";
import { useDatabase } from "../support/database";
import { load, ORIGIN, signInAs } from "../support/http";
import { demoProposalId, makeProposal, makeRound } from "../workflow-server/builders";

// Issue 14, backups: `npm run db:backup` copies the database while the portal writes to it, with
// the attachments inside the one file; `npm run db:restore` puts it back, and nothing that was
// acknowledged before the backup began is missing from it.

useDatabase("demo");

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Title (Letter of support) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

function scratch() {
  return mkdtempSync(join(tmpdir(), "taf-backup-"));
}

/** Runs the README's command in its own process, as cron would, against the test's database. */
function backupCommand(folder: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/backup.ts", "--to", folder], {
    env: { ...process.env, DATABASE_PATH: env().DATABASE_PATH, ATTACHMENTS_PATH: env().ATTACHMENTS_PATH, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, exited, output: () => output };
}

function rowsOf(path: string, sql: string) {
  const sqlite = new Database(path, { readonly: true });
  try {
    return sqlite.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}

describe("a backup taken while the portal writes", () => {
  it("holds every proposal acknowledged before it began, each whole, and restores it", async () => {
    const round = makeRound({ title: "Backup round" });
    const acknowledged = Array.from({ length: 20 }, (_, i) => makeProposal({ round, title: `Acknowledged before the backup ${i}` }).id);
    const folder = scratch();
    const backup = backupCommand(folder);
    // The portal goes on writing until the backup process has finished.
    const duringBackup: number[] = [];
    while (backup.child.exitCode === null) {
      duringBackup.push(makeProposal({ round, title: `Written during the backup ${duringBackup.length}` }).id);
      await yieldToEvents();
    }
    expect(await backup.exited, backup.output()).toBe(0);
    expect(duringBackup.length).toBeGreaterThan(0);
    const [file] = readdirSync(folder).filter((name) => name.endsWith(".backup"));
    expect(file, backup.output()).toBeDefined();

    const restoredAt = join(scratch(), "taf.db");
    const summary = restoreBackup({ file: join(folder, file!), databasePath: restoredAt, attachmentsPath: join(scratch(), "attachments") });
    const restored = rowsOf(restoredAt, "select id from proposals").map((row) => row.id as number);
    expect(restored).toEqual(expect.arrayContaining(acknowledged));
    expect(summary.rows.proposals).toBe(restored.length);
    // No half-written proposal: each restored one has its creation in the history and its partner.
    const whole = rowsOf(
      restoredAt,
      "select p.id from proposals p where exists (select 1 from proposal_events e where e.proposal_id = p.id) and exists (select 1 from proposal_partners pp where pp.proposal_id = p.id)",
    ).map((row) => row.id as number);
    expect(whole.filter((id) => [...acknowledged, ...duringBackup].includes(id)).sort()).toEqual(restored.filter((id) => [...acknowledged, ...duringBackup].includes(id)).sort());
    // What was written after the backup had finished is not in it.
    const afterwards = makeProposal({ round, title: "Written after the backup" }).id;
    expect(restored).not.toContain(afterwards);
  }, 60_000);
});

describe("restoring", () => {
  it("puts the attachments back with the database, and the portal hands the file out again", async () => {
    const proposalId = demoProposalId("cybercrime");
    const form = new FormData();
    form.append("intent", "upload");
    form.append("file", new File([new Uint8Array(pdf)], "Letter of support.pdf", { type: "application/pdf" }));
    const cookie = await signInAs("applicant.xk@taf.example");
    await attachmentsPage.action({
      request: new Request(`${ORIGIN}/proposals/${proposalId}/attachments`, { method: "POST", headers: { Cookie: cookie }, body: form }),
      params: { proposalId: String(proposalId) },
      context: {},
    });
    const attachmentId = connection().sqlite.prepare("select max(id) from attachments").pluck().get() as number;

    const { DATABASE_PATH, ATTACHMENTS_PATH } = env();
    const summary = takeBackup({ databasePath: DATABASE_PATH, attachmentsPath: ATTACHMENTS_PATH, folder: scratch() });
    expect(summary.missingFiles).toEqual([]);

    // The machine is lost: database and attachments gone.
    closeDatabase();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(DATABASE_PATH + suffix, { force: true });
    rmSync(ATTACHMENTS_PATH, { recursive: true, force: true });
    const restored = restoreBackup({ file: summary.file, databasePath: DATABASE_PATH, attachmentsPath: ATTACHMENTS_PATH });
    expect(restored.previous).toBeNull();
    expect(restored.attachments).toBe(summary.attachments);

    const answer = (await load(download, `/proposals/${proposalId}/attachments/${attachmentId}`, {
      cookie: await signInAs("applicant.xk@taf.example"),
      params: { proposalId: String(proposalId), attachmentId: String(attachmentId) },
    })) as Response;
    expect(answer.status).toBe(200);
    expect(Buffer.from(await answer.arrayBuffer())).toEqual(pdf);
  });

  it("moves the database it replaces aside instead of deleting it", () => {
    const { DATABASE_PATH, ATTACHMENTS_PATH } = env();
    const summary = takeBackup({ databasePath: DATABASE_PATH, attachmentsPath: ATTACHMENTS_PATH, folder: scratch() });
    const target = join(scratch(), "taf.db");
    writeFileSync(target, readFileSync(DATABASE_PATH));
    const restored = restoreBackup({ file: summary.file, databasePath: target, attachmentsPath: join(scratch(), "attachments") });
    expect(restored.previous).toMatch(/taf\.db\.before-restore-/);
    expect(existsSync(restored.previous!)).toBe(true);
  });

  it("refuses a file that is not a backup and changes nothing", () => {
    const notABackup = join(scratch(), `${randomUUID()}.backup`);
    const other = new Database(notABackup);
    other.exec("create table notes (text)");
    other.close();
    const target = join(scratch(), "taf.db");
    expect(() => restoreBackup({ file: notABackup, databasePath: target, attachmentsPath: join(scratch(), "attachments") })).toThrow(RestoreRefused);
    expect(existsSync(target)).toBe(false);
  });

  it("refuses a backup whose attachment no longer matches its checksum", () => {
    const { DATABASE_PATH, ATTACHMENTS_PATH } = env();
    const summary = takeBackup({ databasePath: DATABASE_PATH, attachmentsPath: ATTACHMENTS_PATH, folder: scratch() });
    const tampered = new Database(summary.file);
    tampered.prepare("insert into attachments (proposal_id, uploaded_by_user_id, original_name, stored_name, media_type, size_bytes, sha256, created_at, purpose) select id, created_by_user_id, 'x.pdf', 'x.pdf', 'application/pdf', 3, 'not-the-hash', 0, 'proposal' from proposals limit 1").run();
    tampered.prepare("insert into backup_files (stored_name, bytes) values ('x.pdf', ?)").run(Buffer.from("abc"));
    tampered.close();
    expect(() => restoreBackup({ file: summary.file, databasePath: join(scratch(), "taf.db"), attachmentsPath: join(scratch(), "attachments") })).toThrow(/do not match their checksum/);
  });
});
