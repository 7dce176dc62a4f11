import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { openDatabase } from "./client";

// A backup is ONE file: a consistent copy of the database with the attachments' bytes inside
// it, so that a copy kept elsewhere is complete on its own and can be checked with sqlite3.
//
// The copy is `VACUUM INTO`, one read transaction: in WAL mode the portal goes on writing while
// it runs, and the copy holds exactly what was committed when it began. (The online backup API
// starts again whenever another connection writes, so under a steady load it may never finish.)
// An attachment's file is moved into place before its row commits and is never changed or
// deleted afterwards, so every row in the copy has its file on disk when the files are read.

export interface BackupSummary {
  file: string;
  bytes: number;
  takenAt: string;
  rows: Record<string, number>;
  attachments: number;
  /** Attachment rows whose file was missing or did not match its checksum: named, never hidden. */
  missingFiles: string[];
}

const FILES_TABLE = "backup_files";
const MANIFEST_TABLE = "backup_manifest";

function sha256(bytes: Buffer) {
  return createHash("sha256").update(bytes).digest("hex");
}

function stamp(at: Date) {
  return at.toISOString().replace(/[:.]/g, "-");
}

/** Rows in every table of the portal's schema (SQLite's own and drizzle's bookkeeping aside). */
function tableRows(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%' and name not in (?, ?) order by name")
    .pluck()
    .all(FILES_TABLE, MANIFEST_TABLE) as string[];
  return Object.fromEntries(tables.map((name) => [name, sqlite.prepare(`select count(*) from "${name}"`).pluck().get() as number]));
}

/** Takes a backup of a database (which may be in use) and its attachments into `folder`. */
export function takeBackup(options: { databasePath: string; attachmentsPath: string; folder: string; now?: Date }): BackupSummary {
  const takenAt = (options.now ?? new Date()).toISOString();
  mkdirSync(options.folder, { recursive: true });
  const file = join(options.folder, `taf-${stamp(new Date(takenAt))}.backup`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });

  const source = new Database(options.databasePath, { fileMustExist: true });
  try {
    source.pragma("busy_timeout = 5000");
    source.prepare("vacuum into ?").run(partial);
  } finally {
    source.close();
  }

  const copy = new Database(partial);
  try {
    const missingFiles: string[] = [];
    copy.exec(`create table ${FILES_TABLE} (stored_name text primary key, bytes blob not null); create table ${MANIFEST_TABLE} (key text primary key, value text not null);`);
    const attachments = copy.prepare("select stored_name as storedName, sha256 from attachments").all() as { storedName: string; sha256: string }[];
    const addFile = copy.prepare(`insert into ${FILES_TABLE} (stored_name, bytes) values (?, ?)`);
    copy.transaction(() => {
      for (const { storedName, sha256: expected } of attachments) {
        const path = join(options.attachmentsPath, storedName);
        const bytes = existsSync(path) ? readFileSync(path) : null;
        if (!bytes || sha256(bytes) !== expected) missingFiles.push(storedName);
        else addFile.run(storedName, bytes);
      }
    })();
    const rows = tableRows(copy);
    const manifest = { format: "taf-backup-1", takenAt, rows: JSON.stringify(rows), missingFiles: JSON.stringify(missingFiles) };
    const note = copy.prepare(`insert into ${MANIFEST_TABLE} (key, value) values (?, ?)`);
    for (const [key, value] of Object.entries(manifest)) note.run(key, value);
    const integrity = copy.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") throw new Error(`The copy failed SQLite's integrity check: ${String(integrity)}`);
    copy.close();
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, takenAt, rows, attachments: attachments.length - missingFiles.length, missingFiles };
  } catch (error) {
    if (copy.open) copy.close();
    rmSync(partial, { force: true });
    throw error;
  }
}

export interface RestoreSummary {
  databasePath: string;
  takenAt: string;
  rows: Record<string, number>;
  /** Attachment files put back (those already there with the same bytes are left as they are). */
  attachments: number;
  /** Where the database that was there before went: moved aside, never deleted. */
  previous: string | null;
}

/** Why a file cannot be restored, checked before anything on disk changes; null when it can. */
function problemOf(backup: Database.Database): string | null {
  const tables = backup.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
  if (!tables.includes(MANIFEST_TABLE) || !tables.includes(FILES_TABLE)) return "This file is not a backup of the TAF portal (npm run db:backup makes them).";
  const integrity = backup.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") return `The backup is damaged: SQLite's integrity check says ${String(integrity)}.`;
  const broken = (backup.prepare(`select stored_name as storedName, bytes from ${FILES_TABLE}`).all() as { storedName: string; bytes: Buffer }[]).filter(
    ({ storedName, bytes }) => sha256(bytes) !== (backup.prepare("select sha256 from attachments where stored_name = ?").pluck().get(storedName) as string | undefined),
  );
  if (broken.length) return `The backup is damaged: ${broken.length} attachment(s) do not match their checksum.`;
  return null;
}

/**
 * Puts a backup back: its attachments into `attachmentsPath`, its database at `databasePath`
 * (brought up to the current schema by the migrations). The database that was there is moved
 * aside beside it. The portal must be stopped meanwhile (the script checks its port).
 */
export function restoreBackup(options: { file: string; databasePath: string; attachmentsPath: string; now?: Date }): RestoreSummary {
  const backup = new Database(options.file, { readonly: true, fileMustExist: true });
  let takenAt: string;
  let files = 0;
  try {
    const problem = problemOf(backup);
    if (problem) throw new RestoreRefused(problem);
    takenAt = backup.prepare(`select value from ${MANIFEST_TABLE} where key = 'takenAt'`).pluck().get() as string;
    mkdirSync(options.attachmentsPath, { recursive: true });
    for (const { storedName, bytes } of backup.prepare(`select stored_name as storedName, bytes from ${FILES_TABLE}`).iterate() as Iterable<{ storedName: string; bytes: Buffer }>) {
      const path = join(options.attachmentsPath, basename(storedName));
      files += 1;
      if (existsSync(path) && sha256(readFileSync(path)) === sha256(bytes)) continue;
      writeFileSync(`${path}.restoring`, bytes);
      renameSync(`${path}.restoring`, path);
    }
  } finally {
    backup.close();
  }

  mkdirSync(dirname(options.databasePath), { recursive: true });
  const incoming = `${options.databasePath}.restoring`;
  rmSync(incoming, { force: true });
  const staging = new Database(options.file, { readonly: true });
  try {
    staging.prepare("vacuum into ?").run(incoming);
  } finally {
    staging.close();
  }
  const trimmed = new Database(incoming);
  trimmed.exec(`drop table ${FILES_TABLE}; drop table ${MANIFEST_TABLE}; vacuum;`);
  trimmed.close();

  let previous: string | null = null;
  if (existsSync(options.databasePath)) {
    previous = `${options.databasePath}.before-restore-${stamp(options.now ?? new Date())}`;
    for (const suffix of ["", "-wal", "-shm"]) if (existsSync(options.databasePath + suffix)) renameSync(options.databasePath + suffix, previous + suffix);
  }
  renameSync(incoming, options.databasePath);
  const restored = openDatabase(options.databasePath);
  const rows = tableRows(restored.sqlite);
  restored.sqlite.close();
  return { databasePath: options.databasePath, takenAt, rows, attachments: files, previous };
}

/** A backup that cannot be restored as it is: nothing on disk was changed. */
export class RestoreRefused extends Error {}
