import { copyFileSync, rmSync } from "node:fs";
import { afterEach, beforeEach, inject, vi } from "vitest";
import { closeDatabase } from "../../app/db.server";
import { env } from "../../app/env.server";
import { DEMO_NOW } from "./clock";
import type { DatabaseBases } from "./global-setup";

/**
 * Call once at the top of a test file: every test then starts from a fresh copy of the chosen
 * database ("empty": migrated, nothing in it; "demo": the demo data dated from DEMO_NOW), with
 * no attachments stored, and with the clock starting at DEMO_NOW (only Date is faked; it runs
 * on in real time, and timers stay real).
 */
export function useDatabase(kind: keyof DatabaseBases) {
  beforeEach(() => {
    freshDatabase(kind);
    vi.useFakeTimers({ toFake: ["Date"], now: DEMO_NOW, shouldAdvanceTime: true });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Replaces the test database with a copy of a base, closing the connection to the old one. */
function freshDatabase(kind: keyof DatabaseBases) {
  closeDatabase();
  const { DATABASE_PATH, ATTACHMENTS_PATH } = env();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(DATABASE_PATH + suffix, { force: true });
  copyFileSync(inject("databaseBases")[kind], DATABASE_PATH);
  rmSync(ATTACHMENTS_PATH, { recursive: true, force: true });
}
