// A process that serves the portal's requests: alone (WORKERS=1), or as a worker of the cluster
// (server/supervisor.ts). The process whose role is `jobs` (or the one alone) also owns the
// database's start and the background jobs: it brings the schema up to date, loads the demo and
// makes the session secret before any other worker exists, then runs mail and the scheduler (the
// dispatcher releases claims abandoned by a dead process at its start: safe only when one
// process runs it).
import type { Env } from "../app/env.server";
import { announce } from "./announcement";
import { loadApp, type PortalParts } from "./app-build";
import type { Role, WorkerMessage } from "./roles";
import { drain, whenAskedToStop } from "./stopping";
import { startWebServer } from "./web-server";

export async function runPortalProcess(config: Env, role: Role) {
  const app = await loadApp(config.NODE_ENV === "production");
  const { connection, closeDatabase, loadDemoData, sessionSecret, startBackgroundJobs, hasDemoPeople } = app.parts;
  if (role === "requests") {
    connection();
    const server = startWebServer(config, app);
    whenAskedToStop(async () => {
      await drain(server);
      closeDatabase();
    }, false);
    return;
  }

  const { db } = connection();
  if (config.DEMO_DATA === "auto" && (await loadDemoData(db))) {
    console.log("Loaded the demo data into a new database.");
  }
  sessionSecret();
  const jobs = await startBackgroundJobs(db, config).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
  const lines = [jobs.mailDescription, ...(hasDemoPeople(db) ? demoAccounts(app.parts) : [])];
  if (role === "jobs") process.send!({ kind: "database-ready", lines } satisfies WorkerMessage);

  const server = startWebServer(config, app);
  if (role === "alone") server.once("listening", () => announce(config, "served by this one process (WORKERS=1)", lines));
  whenAskedToStop(async () => {
    await drain(server);
    await jobs.stop();
    closeDatabase();
  }, role === "alone");
}

function demoAccounts({ DEMO_PASSWORD, demoPeople, KOSOVO_FOOTNOTE }: PortalParts) {
  return [
    `\nDemo accounts (password for all, unless changed since: ${DEMO_PASSWORD}):`,
    ...demoPeople.map((person) => `  ${person.email.padEnd(30)} ${person.summary}`),
    `  ${KOSOVO_FOOTNOTE}`,
    "\nThese accounts share a published password: a real installation starts from a new database with DEMO_DATA=off (see README).",
  ];
}
