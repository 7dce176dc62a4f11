import { randomUUID } from "node:crypto";
import { copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { afterEach, beforeEach, inject, vi } from "vitest";
import { I18N_OPTIONS } from "../workflows/languages";
import { catalogueFor } from "../workflows/messages";

// Each test file gets its own SQLite file and attachments folder. A file chooses what every
// one of its tests starts from with one call at its top (tests/support/database.ts):
//
//   useDatabase("empty");  // migrated and empty: build the fixtures with tests/workflow-server/builders.ts
//   useDatabase("demo");   // the demo data, dated from DEMO_NOW: look fixtures up by name there
//
// Either way each test gets a fresh copy of a base built once per run (tests/support/global-setup.ts),
// and the clock starts at DEMO_NOW. A file that calls neither shares one migrated, empty
// database between its tests, on the real clock.
const holder = globalThis as typeof globalThis & { __tafDatabase?: { sqlite: { close(): void } } };
holder.__tafDatabase?.sqlite.close();
holder.__tafDatabase = undefined;
process.env.DATABASE_PATH = join(tmpdir(), `taf-test-${randomUUID()}.db`);
process.env.ATTACHMENTS_PATH = join(tmpdir(), `taf-attachments-${randomUUID()}`);
process.env.SESSION_SECRET = "a test secret that is long enough to sign cookies";
process.env.APP_URL = "http://localhost:3000";
// Not through env(): a test file may still set variables before the app first reads them.
copyFileSync(inject("databaseBases").empty, process.env.DATABASE_PATH);

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

// Components rendered outside a request (renderToStaticMarkup in a test) read English, as the
// server's per-request i18next would give them for an English page.
await i18next.use(initReactI18next).init({ ...I18N_OPTIONS, lng: "en", resources: { en: { translation: catalogueFor("en") } } });
