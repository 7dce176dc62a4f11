import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, vi } from "vitest";

// Every test file gets its own SQLite file, migrated when first opened (app/db.server.ts).
const holder = globalThis as typeof globalThis & { __tafDatabase?: { sqlite: { close(): void } } };
holder.__tafDatabase?.sqlite.close();
holder.__tafDatabase = undefined;
process.env.DATABASE_PATH = join(tmpdir(), `taf-test-${randomUUID()}.db`);
process.env.ATTACHMENTS_PATH = join(tmpdir(), `taf-attachments-${randomUUID()}`);
process.env.SESSION_SECRET = "a test secret that is long enough to sign cookies";
process.env.APP_URL = "http://localhost:3000";

// A test that logs console.error fails, unless it expects the error and clears the record
// itself with vi.mocked(console.error).mockClear().
beforeEach(() => {
  vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = vi.mocked(console.error).mock.calls.slice();
  vi.mocked(console.error).mockRestore();
  if (calls.length) {
    throw new Error(`console.error was called:\n${calls.map((c) => c.map(String).join(" ")).join("\n")}`);
  }
});
