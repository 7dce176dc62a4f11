import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "../../db/client";
import { loadDemoData } from "../../app/demo/demo.server";
import { generateLoad } from "../../app/load/generate.server";
import { DEMO_NOW } from "../support/clock";
import * as schema from "../../db/schema";

// drizzle-kit rebuilds a table (CREATE new, INSERT SELECT, DROP old) for small changes, and with
// foreign keys on, a DROP inside the migrator's transaction can cascade-delete child rows. So a
// database that already holds the demo data at an earlier migration is migrated the rest of the
// way, as the server does at start, and must keep every row and every value.
//
// The demo data is loaded once, by loadDemoData, into a fully migrated database; it is then
// copied into each older schema, column by column as far as that schema has them, so the test
// keeps working when a later migration adds the tables or columns the demo needs.

type Journal = { entries: { idx: number; tag: string; when: number }[] };
type Sqlite = Database.Database;

const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as Journal;
const scratch = mkdtempSync(join(tmpdir(), "taf-migrations-"));
let demo: Sqlite;
let generated: Sqlite;

/** A database file set up as db/client.ts sets it up (foreign keys on) and migrated with `folder`. */
function openMigrated(name: string, folder: string) {
  const sqlite = new Database(join(scratch, name));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: folder });
  return { sqlite, db };
}

/** A copy of the migrations folder that stops after the first `count` migrations. */
function migrationsUpTo(count: number) {
  const folder = join(scratch, `upto-${count}`);
  cpSync(migrationsFolder, folder, { recursive: true });
  writeFileSync(join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

// The tables that hold rows of their own: not full-text indexes (a virtual table and its shadow
// tables), which triggers rebuild from the rows they index.
const tablesOf = (sqlite: Sqlite) => {
  const virtual = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").pluck().all() as string[];
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !virtual.some((index) => name === index || name.startsWith(`${index}_`)));
};
const columnsOf = (sqlite: Sqlite, table: string) => (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const count = (sqlite: Sqlite, table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

/** Every row of every table, in the columns the table has now. */
function contents(sqlite: Sqlite) {
  return Object.fromEntries(tablesOf(sqlite).map((table) => [table, sqlite.prepare(`SELECT ${quoted(columnsOf(sqlite, table))} FROM ${table} ORDER BY 1`).all()]));
}

/** Copies the rows of a fully migrated database into an older schema: the tables and columns it already has. */
function copyDemoInto(target: Sqlite, source: Sqlite = demo) {
  const demo = source;
  target.pragma("foreign_keys = OFF");
  target.transaction(() => {
    for (const table of tablesOf(target)) {
      if (!tablesOf(demo).includes(table) || count(demo, table) === 0 || count(target, table) > 0) continue;
      const columns = columnsOf(target, table).filter((c) => columnsOf(demo, table).includes(c));
      const insert = target.prepare(`INSERT INTO ${table} (${quoted(columns)}) VALUES (${columns.map(() => "?").join(", ")})`);
      // Rows that use a column the older schema lacks, with other than its default, could not
      // have existed then (e.g. concept-note versions before versions had a kind): left out.
      const newer = (demo.prepare(`PRAGMA table_info(${table})`).all() as { name: string; dflt_value: string | null }[]).filter((c) => !columns.includes(c.name) && c.dflt_value !== null);
      const representable = newer.map((c) => `${quoted([c.name])} IS ${c.dflt_value}`).join(" AND ") || "1";
      for (const row of demo.prepare(`SELECT ${quoted(columns)} FROM ${table} WHERE ${representable}`).raw().all() as unknown[][]) insert.run(...row);
    }
  })();
  target.pragma("foreign_keys = ON");
  expect(target.pragma("foreign_key_check")).toEqual([]);
}

// From the migration that seeds the Western Balkan countries (institutions need them) to the
// one before the last: each later migration then runs over a database that holds data.
const seeded = journal.entries.findIndex((entry) => /INSERT INTO\s+`?countries`?/i.test(readFileSync(join(migrationsFolder, `${entry.tag}.sql`), "utf8")));
const prefixes = journal.entries.map((_, i) => i + 1).filter((n) => n > seeded && n < journal.entries.length);

beforeAll(async () => {
  const full = openMigrated("demo.sqlite", migrationsFolder);
  expect(await loadDemoData(full.db)).toBe(true);
  demo = full.sqlite;
  // A programme at scale, as the benchmark's generator puts it in place through the workflow.
  const load = openMigrated("generated.sqlite", migrationsFolder);
  await generateLoad(load.db, { proposals: 60, now: DEMO_NOW });
  generated = load.sqlite;
});

afterAll(() => {
  demo?.close();
  generated?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("migrating a database that already holds data", () => {
  it("there are earlier migrations to start from, after the countries are seeded", () => {
    const { sqlite } = openMigrated("seeded.sqlite", migrationsUpTo(seeded + 1));
    try {
      expect(sqlite.prepare("SELECT code FROM countries ORDER BY code").pluck().all(), `countries after ${journal.entries[seeded]?.tag}`).toEqual(["AL", "BA", "ME", "MK", "RS", "XK"]);
    } finally {
      sqlite.close();
    }
    expect(prefixes.length).toBeGreaterThan(0);
    for (const table of ["users", "institutions", "memberships", "countries"]) expect(count(demo, table), table).toBeGreaterThan(0);
  });

  it.each(prefixes)("from the first %i migrations to all of them, every row and value survives", (upTo) => {
    const { sqlite, db } = openMigrated(`upto-${upTo}.sqlite`, migrationsUpTo(upTo));
    try {
      copyDemoInto(sqlite);
      const directory = ["users", "institutions", "memberships", "countries"].map((t) => [t, count(sqlite, t)]);
      expect(Object.fromEntries(directory)).toEqual({
        users: count(demo, "users"),
        institutions: count(demo, "institutions"),
        memberships: count(demo, "memberships"),
        countries: count(demo, "countries"),
      });
      const before = contents(sqlite);

      migrate(db, { migrationsFolder });

      expect(count(sqlite, "__drizzle_migrations")).toBe(journal.entries.length);
      expect(directory.map(([t]) => [t, count(sqlite, t as string)])).toEqual(directory);
      const after = contents(sqlite);
      for (const [table, rows] of Object.entries(before)) {
        const columns = Object.keys((rows as object[])[0] ?? {});
        const kept = (after[table] as Record<string, unknown>[] | undefined)?.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
        expect(kept, `rows of ${table}`).toEqual(rows);
      }
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    } finally {
      sqlite.close();
    }
  });

  it.each(prefixes)("from the first %i migrations to all of them, a generated programme keeps the rows of every table", (upTo) => {
    const { sqlite, db } = openMigrated(`generated-upto-${upTo}.sqlite`, migrationsUpTo(upTo));
    try {
      copyDemoInto(sqlite, generated);
      const rowsPerTable = () => Object.fromEntries(tablesOf(sqlite).map((table) => [table, count(sqlite, table)]));
      const before = rowsPerTable();
      expect(before.users).toBe(count(generated, "users"));
      if ("proposals" in before) expect(before.proposals).toBeGreaterThan(0);

      migrate(db, { migrationsFolder });

      const after = rowsPerTable();
      expect(Object.fromEntries(Object.keys(before).map((table) => [table, after[table]]))).toEqual(before);
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);
    } finally {
      sqlite.close();
    }
  });

  it("rebuilds the proposals' search index of a database from before the countries were in it as a fresh database's", () => {
    const countriesAdded = journal.entries.findIndex((entry) => entry.tag === "0025_search_countries");
    expect(countriesAdded).toBeGreaterThan(seeded);
    const { sqlite, db } = openMigrated("search-before-countries.sqlite", migrationsUpTo(countriesAdded));
    try {
      copyDemoInto(sqlite, generated);
      migrate(db, { migrationsFolder });
      const indexed = (of: Sqlite) => of.prepare("SELECT rowid, reference, title, institutions, countries, invited FROM proposal_search ORDER BY rowid").all();
      const fresh = indexed(generated);
      expect(fresh.length).toBe(count(generated, "proposals"));
      expect(fresh.filter((row) => (row as { countries: string | null }).countries).length).toBe(fresh.length);
      expect(indexed(sqlite)).toEqual(fresh);
    } finally {
      sqlite.close();
    }
  });

  it("a database migrated one step at a time ends with the same schema as one migrated at once", () => {
    const atOnce = openMigrated("at-once.sqlite", migrationsFolder);
    const stepwise = openMigrated("stepwise.sqlite", migrationsUpTo(1));
    try {
      for (let upTo = 2; upTo <= journal.entries.length; upTo++) migrate(stepwise.db, { migrationsFolder: migrationsUpTo(upTo) });
      const schemaOf = (sqlite: Sqlite) => sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
      expect(schemaOf(stepwise.sqlite)).toEqual(schemaOf(atOnce.sqlite));
    } finally {
      atOnce.sqlite.close();
      stepwise.sqlite.close();
    }
  });

  it("plans the activities of concept notes approved before activities had a table, as APPROVE_CONCEPT does", () => {
    const before = journal.entries.findIndex((entry) => entry.tag.endsWith("_implementation_activities"));
    expect(before).toBeGreaterThan(0);
    const { sqlite, db } = openMigrated("activities.sqlite", migrationsUpTo(before));
    try {
      copyDemoInto(sqlite);
      migrate(db, { migrationsFolder });
      // What APPROVE_CONCEPT planned in the demo, before its lead changed the plan.
      const planned = `SELECT a.proposal_id, a.key, a.type, a.title, a.starts_on, a.place,
          (SELECT group_concat(country_code) FROM (SELECT country_code FROM activity_participants p WHERE p.activity_id = a.id ORDER BY country_code)) AS countries
        FROM activities a WHERE a.created_at = (SELECT min(created_at) FROM activities b WHERE b.proposal_id = a.proposal_id) ORDER BY a.proposal_id, a.key`;
      const backfilled = sqlite.prepare(planned).all();
      expect(backfilled.length).toBeGreaterThanOrEqual(9);
      expect(backfilled).toEqual(demo.prepare(planned).all());
    } finally {
      sqlite.close();
    }
  });
});
