import { createHash } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import { eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { closeDatabase, connection, db } from "../../app/db.server";
import { loadDemoData } from "../../app/demo/demo.server";
import { env } from "../../app/env.server";
import * as schema from "../../db/schema";
import { proposals, rounds } from "../../db/schema";

// What the database holds, for tests that must show a request changed nothing (or only what it
// should): a checksum of every table the schema declares, so a new table is covered at once.

// What triggers keep (proposal_tallies, tallies, activity_days) is left out: it follows the
// tables it is drawn from, so it changes exactly when those do.
const DERIVED: readonly SQLiteTable[] = [schema.proposalTallies, schema.tallies, schema.activityDays];
const TABLES: SQLiteTable[] = Object.values(schema as Record<string, unknown>).filter(
  (value): value is SQLiteTable => is(value, SQLiteTable) && !DERIVED.includes(value),
);
// So are the proposal's facts that triggers copy onto other rows for an index (migration 0027):
// a change of the proposal itself, not of its partners or assignments.
const COPIED = [schema.proposalPartners.proposalUpdatedAt, schema.reviewAssignments.proposalState];

// The last checksums, and what SQLite says of the file at that moment: the rows this connection
// has changed so far (total_changes(), triggers included) and the commits of other connections
// (data_version). When neither moved, no row can differ, so the matrix tests that check thousands
// of refusals hash the tables once per write instead of twice per request.
let last: { sqlite: object; changes: number; dataVersion: number; checksums: Record<string, string> } | null = null;

/** A checksum of every row of every table in db/schema.ts, by table name. */
export function tableChecksums(): Record<string, string> {
  const { sqlite } = connection();
  const changes = Number(sqlite.prepare("SELECT total_changes()").pluck().get());
  const dataVersion = Number(sqlite.pragma("data_version", { simple: true }));
  if (last && last.sqlite === sqlite && last.changes === changes && last.dataVersion === dataVersion) return { ...last.checksums };
  const checksums = hashedTables(sqlite);
  last = { sqlite, changes, dataVersion, checksums };
  return { ...checksums };
}

function hashedTables(sqlite: ReturnType<typeof connection>["sqlite"]): Record<string, string> {
  return Object.fromEntries(
    TABLES.map((table) => {
      const name = getTableName(table);
      const columns = Object.values(getTableColumns(table)).filter((column) => !COPIED.includes(column));
      const rows = sqlite.prepare(`SELECT ${columns.map((column) => `"${column.name}"`).join(", ")} FROM "${name}" ORDER BY rowid`).raw().all();
      return [name, createHash("sha256").update(JSON.stringify(rows)).digest("hex")];
    }),
  );
}

/** The names of the tables whose rows differ between two checksums, in order. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after)
    .filter((name) => before[name] !== after[name])
    .sort();
}

/**
 * A fresh database with the demo portal (and whatever `extend` adds to it) for every call:
 * the demo is loaded once per test file into a base, which each call copies in place of the
 * current database file, unless the connection opened on the last copy has changed nothing.
 */
export function demoPortal(extend: () => void | Promise<void> = () => {}) {
  let base: string | undefined;
  let pristine: ReturnType<typeof connection> | undefined;
  return async function fresh() {
    const path = env().DATABASE_PATH;
    if (!base) {
      replaceDatabase(path, null);
      await loadDemoData(db());
      await extend();
      base = `${path}.demo-base`;
      rmSync(base, { force: true });
      connection().sqlite.prepare("VACUUM INTO ?").run(base);
    }
    if (pristine && pristine === connection() && changesSinceOpened() === 0) return;
    replaceDatabase(path, base);
    pristine = connection();
  };
}

function changesSinceOpened() {
  return (connection().sqlite.prepare("SELECT total_changes() AS n").get() as { n: number }).n;
}

function replaceDatabase(path: string, copyOf: string | null) {
  closeDatabase();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  if (copyOf) copyFileSync(copyOf, path);
}

export function proposalIdByTitle(title: string): number {
  const row = db().select({ id: proposals.id }).from(proposals).where(eq(proposals.title, title)).get();
  if (!row) throw new Error(`No proposal titled “${title}”: load the demo data first.`);
  return row.id;
}

export function roundIdByCode(code: string): number {
  const row = db().select({ id: rounds.id }).from(rounds).where(eq(rounds.code, code)).get();
  if (!row) throw new Error(`No round ${code}: load the demo data first.`);
  return row.id;
}
