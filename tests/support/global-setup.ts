import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { DEMO_NOW } from "./clock";

// Builds the two databases every test starts from, once per run: one only migrated, one with
// the demo loaded (its passwords take seconds to hash, far too slow for each test); and the
// run's temporary folder.

export type DatabaseBases = { empty: string; demo: string };

declare module "vitest" {
  export interface ProvidedContext {
    databaseBases: DatabaseBases;
  }
}

export default async function buildDatabaseBases(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), "taf-test-run-"));
  // Every file a test makes in the temporary folder (its database, attachments, a portal's
  // database, Chromium's profile) goes in this run's folder, removed when the run ends: the test
  // files inherit TMPDIR, and os.tmpdir() reads it. A run left 2 GB in /tmp before.
  process.env.TMPDIR = folder;
  const bases: DatabaseBases = { empty: join(folder, "empty.db"), demo: join(folder, "demo.db") };
  process.env.DATABASE_PATH = bases.demo;
  process.env.ATTACHMENTS_PATH = join(folder, "attachments");
  const { openDatabase } = await import("../../db/client");
  const { loadDemoData } = await import("../../app/demo/demo.server");
  for (const [kind, path] of Object.entries(bases)) {
    const { db, sqlite } = openDatabase(path);
    if (kind === "demo") await loadDemoData(db, DEMO_NOW);
    // One self-contained file, so that a plain copy of it is the whole database.
    sqlite.pragma("journal_mode = DELETE");
    sqlite.close();
  }
  project.provide("databaseBases", bases);
  return () => rmSync(folder, { recursive: true, force: true });
}
