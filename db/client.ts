import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = ReturnType<typeof drizzle<typeof schema>>;

/** The database, or a transaction in progress: both offer the same synchronous query API. */
export type Tx = Db | Parameters<Parameters<Db["transaction"]>[0]>[0];

// The app always runs from the project root (npm scripts), also when bundled by Vite, where
// import.meta.url no longer points into db/.
export const migrationsFolder = resolve("db/migrations");

// How long a write waits for another writer (another worker process, the backup, a script)
// before it is refused: better-sqlite3 waits on the event loop, so nothing else in the process
// runs meanwhile. People's writes wait long enough for any real transaction to end; the
// background jobs (mail, scheduler) wait briefly and try again at their next tick, so that a
// long lock never holds up the pages being rendered beside them.
export const PEOPLE_WAIT_MS = 5_000;
const BACKGROUND_WAIT_MS = 200;

/** Runs synchronous `work` of a background job, waiting for another writer at most briefly. */
export function yieldingToPeople<T>(db: Db, work: () => T): T {
  const sqlite = db.$client;
  sqlite.pragma(`busy_timeout = ${BACKGROUND_WAIT_MS}`);
  try {
    return work();
  } finally {
    sqlite.pragma(`busy_timeout = ${PEOPLE_WAIT_MS}`);
  }
}

/** Whether a write was refused because another writer held the database: try again later. */
export function heldByAnotherWriter(error: unknown): boolean {
  return error instanceof Error && "code" in error && /^SQLITE_(BUSY|LOCKED)/.test(String(error.code));
}

/** Opens (creating if needed) the SQLite file and brings its schema up to date. */
export function openDatabase(path: string) {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`busy_timeout = ${PEOPLE_WAIT_MS}`);
  sqlite.pragma("foreign_keys = ON");
  // Without it, INSERT OR REPLACE would overwrite a history row without firing the triggers
  // that keep the audit log and the workflow history append-only.
  sqlite.pragma("recursive_triggers = ON");
  sqlite.pragma("synchronous = NORMAL");
  keepStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { sqlite, db };
}

// Statements the connection keeps compiled, by their SQL. drizzle prepares every query afresh on
// every call, and SQLite compiling them was the largest single cost of a submission
// (docs/performance.md, "The write path"). The same few hundred statements serve every request,
// so the oldest is let go past that; queries whose text varies (a list of ids) come and go.
const MOST_STATEMENTS_KEPT = 500;

function keepStatements(sqlite: Database.Database) {
  const prepare = sqlite.prepare;
  const kept = new Map<string, Database.Statement>();
  sqlite.prepare = function prepareOnce(source: string) {
    const known = kept.get(source);
    // A statement still iterating its rows cannot run again: that caller gets one of its own.
    if (known && !known.busy) {
      // drizzle switches some reads to arrays (raw), other callers pluck; each caller expects a fresh statement's objects.
      if (known.reader) known.raw(false).pluck(false).expand(false);
      return known;
    }
    const statement = prepare.call(sqlite, source);
    if (known) return statement;
    if (kept.size >= MOST_STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(source, statement);
    return statement;
  } as typeof prepare;
}
