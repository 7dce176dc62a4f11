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

/** Opens (creating if needed) the SQLite file and brings its schema up to date. */
export function openDatabase(path: string) {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  // Without it, INSERT OR REPLACE would overwrite a history row without firing the triggers
  // that keep the audit log and the workflow history append-only.
  sqlite.pragma("recursive_triggers = ON");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { sqlite, db };
}
