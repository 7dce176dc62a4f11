// Fills a fresh database with a programme of the given size, through the workflow
// (app/load/generate.server.ts): for the benchmark, or to try the portal at scale.
//   npm run db:generate-load -- --proposals 10000 --database /tmp/taf-10k.db [--seed 13]
// Every generated person signs in with the password LOAD_PASSWORD ("taf-load-password").
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { proposals: { type: "string", default: "1000" }, database: { type: "string" }, seed: { type: "string", default: "13" } } });
const proposals = Number(values.proposals);
if (!values.database || !Number.isInteger(proposals) || proposals < 0) {
  console.error("Usage: npm run db:generate-load -- --proposals 10000 --database /tmp/taf-10k.db [--seed 13]");
  process.exit(2);
}
if (existsSync(values.database)) {
  console.error(`${values.database} exists: the generator fills a new database only.`);
  process.exit(1);
}
// The server functions reach the database through app/db.server.ts, which opens DATABASE_PATH.
process.env.DATABASE_PATH = values.database;
const { db, closeDatabase } = await import("../app/db.server");
const { generateLoad } = await import("../app/load/generate.server");

const summary = await generateLoad(db(), {
  proposals,
  seed: Number(values.seed),
  progress: (written) => process.stdout.write(`\r${written.toLocaleString("en-GB")} of ${proposals.toLocaleString("en-GB")} proposals`),
});
closeDatabase();
const seconds = summary.milliseconds / 1000;
// CPU time beside wall time: on a shared machine the second says little about the generator.
const { user, system } = process.cpuUsage();
const cpuSeconds = (user + system) / 1e6;
console.log(
  `\n${values.database}: ${summary.institutions} institutions, ${summary.people} people, ${summary.rounds} rounds, ${summary.proposals} proposals in ${seconds.toFixed(1)} s ` +
    `(${Math.round(summary.proposals / seconds)} proposals/s; ${cpuSeconds.toFixed(1)} s of CPU, ${Math.round(summary.proposals / cpuSeconds)} proposals per CPU-second)`,
);
for (const [state, n] of Object.entries(summary.byState).sort(([, a], [, b]) => b - a)) console.log(`  ${String(n).padStart(7)}  ${state}`);
