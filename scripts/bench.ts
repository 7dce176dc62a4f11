// The benchmark: starts the production server on a fresh database filled through the workflow
// (app/load/generate.server.ts), signs in many distinct people, and drives it over 127.0.0.1
// with autocannon: the pages people use most, the lists, the write flow and the deadline rush.
// Speed is measured here, never asserted in tests. See docs/performance.md.
//   npm run bench                                  1,000 proposals, 10 s per page
//   npm run bench -- --proposals 10000 -d 20       (or BENCH_PROPOSALS / BENCH_SECONDS)
//   npm run bench -- --build                       builds first (otherwise the build must exist)
//   npm run bench -- --workers 1                   the server's WORKERS (default: one per core)
//   npm run bench -- --tsx                         the server from source through tsx, as before ADR 023
// Prints a table and writes bench/results/<date>.json.
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Pair, Session } from "./load/portal-client";
import { processTree, treePssMiB } from "./load/process-tree";
import { portalClient } from "./load/portal-client";

const { values: flags } = parseArgs({
  options: {
    proposals: { type: "string", default: process.env.BENCH_PROPOSALS ?? "1000" },
    d: { type: "string", default: process.env.BENCH_SECONDS ?? "10" },
    connections: { type: "string", default: "8" },
    rush: { type: "string", default: "500" },
    port: { type: "string", default: process.env.BENCH_PORT ?? "3470" },
    data: { type: "string", default: process.env.BENCH_DATA ?? "/tmp/taf-bench" },
    build: { type: "boolean", default: false },
    workers: { type: "string", default: process.env.BENCH_WORKERS ?? "" },
    tsx: { type: "boolean", default: false },
  },
});
const PROPOSALS = Number(flags.proposals);
const SECONDS = Number(flags.d);
const CONNECTIONS = Number(flags.connections);
const RUSH = Number(flags.rush);
const PORT = Number(flags.port);
const URL_BASE = `http://127.0.0.1:${PORT}`;
// Each load is bounded in time and in requests, so a fast page does not run away with the disk.
const MAX_REQUESTS = 50_000;

type Row = { page: string; reqPerSec: number; p50: number; p99: number; errors: number; bytesPerPage: number; pssMiB: number; note?: string; rowsPerSec?: number };
const table: Row[] = [];

// ---------------------------------------------------------------------------------------------
// A fresh database of the asked size, made by the generator through the workflow.

if (flags.build || !existsSync("build/start.js")) {
  if (!flags.build) throw new Error("No build: run `npm run build` first, or `npm run bench -- --build`.");
  const built = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
rmSync(flags.data, { recursive: true, force: true });
mkdirSync(flags.data, { recursive: true });
const databasePath = join(flags.data, "taf.db");
process.env.DATABASE_PATH = databasePath;
const { db, closeDatabase } = await import("../app/db.server");
const { generateLoad, LOAD_PASSWORD } = await import("../app/load/generate.server");
console.log(`Generating ${PROPOSALS.toLocaleString("en-GB")} proposals through the workflow into ${databasePath} …`);
const load = await generateLoad(db(), { proposals: PROPOSALS, progress: (n) => process.stdout.write(`\r  ${n.toLocaleString("en-GB")} proposals`) });
closeDatabase();
const generatorRate = load.proposals / (load.milliseconds / 1000);
console.log(`\n  ${load.institutions} institutions, ${load.people} people, ${load.rounds} rounds in ${(load.milliseconds / 1000).toFixed(1)} s: ${generatorRate.toFixed(1)} proposals/s\n`);

// Fixtures read straight from the file: who to sign in as, and which pages are theirs.
const sqlite = new Database(databasePath, { readonly: true });
const applicants = sqlite
  .prepare(
    `select u.email, m.institution_id as institutionId, i.country_code as country from users u join memberships m on m.user_id = u.id and m.role = 'applicant'
     join institutions i on i.id = m.institution_id order by u.id`,
  )
  .all() as { email: string; institutionId: number; country: string }[];
const openRound = (sqlite.prepare("select id from rounds where code = 'L2026-R1'").get() as { id: number }).id;
sqlite.close();

// People as the load drives them, over HTTP (scripts/load/portal-client.ts).
const client = portalClient(URL_BASE, LOAD_PASSWORD);
const { signInAll, startJointDraft: startDraftIn, completeAndSubmit } = client;
const startJointDraft = (pair: Pair, title: string) => startDraftIn(openRound, pair, title);
const pairs = (count: number, from: number) => client.pairs(applicants, count, from);

// ---------------------------------------------------------------------------------------------
// The production server, started as `npm start` starts it (node build/start.js), on its own port.

const server = spawn(flags.tsx ? "npx" : process.execPath, flags.tsx ? ["tsx", "server.ts"] : ["build/start.js"], {
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    HOST: "127.0.0.1",
    APP_URL: URL_BASE,
    DATABASE_PATH: databasePath,
    ATTACHMENTS_PATH: join(flags.data, "attachments"),
    EMBEDDED_SMTP_PORT: "0",
    SMTP_URL: "",
    SESSION_SECRET: "",
    DEMO_DATA: "off",
    WORKERS: flags.workers,
  },
  stdio: ["ignore", "pipe", "pipe"],
  // Its own process group, so that stopping it stops every process of it (npx and tsx too, with --tsx).
  detached: true,
});
let serverOutput = "";
server.stdout.on("data", (chunk) => (serverOutput += chunk));
server.stderr.on("data", (chunk) => (serverOutput += chunk));
await new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`the portal did not start:\n${serverOutput}`)), 90_000);
  server.stdout.on("data", () => {
    if (serverOutput.includes("listening on")) {
      clearTimeout(timer);
      resolve();
    }
  });
  server.once("exit", (code) => reject(new Error(`the portal exited with ${code}:\n${serverOutput}`)));
});

try {
  await measure();
} finally {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  process.kill(-server.pid!, "SIGTERM");
  await exited;
}

async function measure() {
  console.log(`TAF portal on ${URL_BASE}: ${CONNECTIONS} connections, ${SECONDS} s (at most ${MAX_REQUESTS.toLocaleString("en-GB")} requests) per page; PSS of the whole process tree\n`);
  const idle = pssMiB();
  table.push({ page: "at rest, after start", reqPerSec: 0, p50: 0, p99: 0, errors: 0, bytesPerPage: 0, pssMiB: idle, note: `${processTree(server.pid!).length} processes` });
  printRow(table[0]!);

  const signInStarted = performance.now();
  const admins = await signInAll(load.accounts.administrators.slice(0, 5));
  const reviewers = await signInAll(load.accounts.reviewers.slice(0, 10));
  const advisors = await signInAll(load.accounts.advisors.slice(0, 6));
  const applicantSessions = await signInAll(load.accounts.applicants.slice(0, 50));
  console.log(`${admins.length + reviewers.length + advisors.length + applicantSessions.length} sessions signed in in ${((performance.now() - signInStarted) / 1000).toFixed(1)} s\n`);

  const fixtures = pagesOf(applicantSessions.map((s) => s.email), reviewers.map((s) => s.email));
  await run("sign-in page (signed out)", [{ path: "/login" }]);
  await run("home, applicant", applicantSessions.map((s) => ({ path: "/", cookie: s.cookie })));
  await run("home, reviewer", reviewers.map((s) => ({ path: "/", cookie: s.cookie })));
  await run("home, country advisor", advisors.map((s) => ({ path: "/", cookie: s.cookie })));
  await run("home, administrator", admins.map((s) => ({ path: "/", cookie: s.cookie })));
  await run("proposal page, its applicants", fixtures.ownProposals.map(({ email, id }) => ({ path: `/proposals/${id}`, cookie: cookieOf(applicantSessions, email) })));
  await run("proposal page, administrator", fixtures.proposalIds.map((id, k) => ({ path: `/proposals/${id}`, cookie: admins[k % admins.length]!.cookie })));
  // A reviewer's page of an assignment whose review is over answers 404: only open ones are measured.
  const reviewPages = fixtures.assignments.map(({ email, id }) => ({ path: `/reviews/${id}`, cookie: cookieOf(reviewers, email) }));
  await run("review page, its reviewer", await answering(reviewPages));
  const pages = Math.max(1, Math.ceil(PROPOSALS / 50));
  await run(
    "proposals list, pages of 50 (admin)",
    Array.from({ length: Math.min(pages, 40) }, (_, k) => ({ path: `/admin/proposals?page=${k + 1}`, cookie: admins[k % admins.length]!.cookie })),
    { rows: true },
  );
  await run("proposals list, every row on one page (admin)", admins.map((s) => ({ path: "/admin/proposals/all", cookie: s.cookie })), { rows: true });
  await run("proposals list, searched and filtered", [{ path: "/admin/proposals?q=firearms&country=XK", cookie: admins[0]!.cookie }], { rows: true });
  await run("people list (admin)", [{ path: "/admin/people", cookie: admins[0]!.cookie }], { rows: true });
  await run("institutions list (admin)", [{ path: "/admin/institutions", cookie: admins[0]!.cookie }], { rows: true });
  const dashboard = await fetch(`${URL_BASE}/admin/dashboard`, { headers: { Cookie: admins[0]!.cookie } });
  await dashboard.arrayBuffer();
  if (dashboard.status === 200) await run("dashboard (admin)", admins.map((s) => ({ path: "/admin/dashboard", cookie: s.cookie })));
  else skip("dashboard (admin)", `skipped: /admin/dashboard answers ${dashboard.status}`);
  await timeExport(admins[0]!.cookie);

  await writeFlow();
  await deadlineRush();
}

// ---------------------------------------------------------------------------------------------
// Sessions and pages.

function cookieOf(sessions: Session[], email: string) {
  return sessions.find((s) => s.email === email)!.cookie;
}

/** The proposals of the signed-in applicants' institutions, reviewers' assignments, and proposals to open. */
function pagesOf(applicantEmails: string[], reviewerEmails: string[]) {
  const file = new Database(databasePath, { readonly: true });
  const list = (emails: string[]) => emails.map((e) => `'${e}'`).join(",");
  const ownProposals = file
    .prepare(
      `select u.email, p.id from users u join memberships m on m.user_id = u.id join proposals p on p.lead_institution_id = m.institution_id
       where u.email in (${list(applicantEmails)}) order by p.id`,
    )
    .all() as { email: string; id: number }[];
  const assignments = file
    .prepare(`select u.email, a.id from users u join review_assignments a on a.reviewer_user_id = u.id where u.email in (${list(reviewerEmails)}) order by a.id`)
    .all() as { email: string; id: number }[];
  const proposalIds = (file.prepare("select id from proposals order by id").all() as { id: number }[]).map((r) => r.id);
  file.close();
  return { ownProposals, assignments, proposalIds };
}

type Target = { path: string; cookie?: string };

/**
 * One page type under load: autocannon cycles through the targets (distinct sessions and
 * pages), CONNECTIONS connections, SECONDS seconds; PSS sampled every half second.
 */
async function run(page: string, targets: Target[], options: { rows?: boolean } = {}) {
  if (!targets.length) return skip(page, "skipped: nothing of this kind in the generated data");
  // Rows on the page (a list's <tbody> rows), to give lists in rows per second.
  let rowsOnPage = 0;
  if (options.rows) {
    const html = await (await fetch(URL_BASE + targets[0]!.path, { headers: targets[0]!.cookie ? { Cookie: targets[0]!.cookie } : {} })).text();
    // Every body of the table: the page of every row sends one per 500 rows.
    const bodies = [...html.matchAll(/<tbody[\s\S]*?<\/tbody>/g)].map((match) => match[0]).join("");
    rowsOnPage = (bodies.match(/<tr[\s>]/g) ?? []).length;
  }
  let next = 0;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, pssMiB())), 500);
  const result = await autocannon({
    url: URL_BASE,
    connections: CONNECTIONS,
    duration: SECONDS,
    maxOverallRequests: MAX_REQUESTS,
    requests: [
      {
        setupRequest: (request) => {
          const target = targets[next++ % targets.length]!;
          return { ...request, path: target.path, headers: { ...request.headers, ...(target.cookie ? { Cookie: target.cookie } : {}) } };
        },
      },
    ],
  });
  clearInterval(sampler);
  peak = Math.max(peak, pssMiB());
  const row: Row = {
    page,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx + result.timeouts,
    bytesPerPage: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    pssMiB: peak,
    ...(options.rows ? { rowsPerSec: result.requests.average * rowsOnPage, note: `${rowsOnPage} rows a page` } : {}),
  };
  table.push(row);
  printRow(row);
}

function skip(page: string, note: string) {
  const row: Row = { page, reqPerSec: 0, p50: 0, p99: 0, errors: 0, bytesPerPage: 0, pssMiB: 0, note };
  table.push(row);
  printRow(row);
}

async function answering(targets: Target[]) {
  const statuses = await Promise.all(targets.map(async (t) => (await fetch(URL_BASE + t.path, { headers: t.cookie ? { Cookie: t.cookie } : {}, redirect: "manual" }).then(async (r) => (await r.arrayBuffer(), r.status)))));
  return targets.filter((_, k) => statuses[k] === 200);
}

/** Downloads the whole table as CSV once: how long the first byte and the last take. */
async function timeExport(cookie: string) {
  const started = performance.now();
  const response = await fetch(`${URL_BASE}/admin/proposals.csv`, { headers: { Cookie: cookie } });
  const firstByte = performance.now() - started;
  const bytes = (await response.arrayBuffer()).byteLength;
  const total = performance.now() - started;
  const row: Row = { page: "proposals CSV export (once)", reqPerSec: 1000 / total, p50: Math.round(firstByte), p99: Math.round(total), errors: response.ok ? 0 : 1, bytesPerPage: bytes, pssMiB: pssMiB(), note: "p50 = first byte, p99 = whole file" };
  table.push(row);
  printRow(row);
}

// ---------------------------------------------------------------------------------------------
// Writes: a joint proposal from nothing to submitted, as people do it on the pages without
// JavaScript: create, fill in, invite a partner, the partner confirms, submit.

async function writeFlow() {
  const clients = await pairs(CONNECTIONS, 1000);
  let done = 0;
  let failed = 0;
  let firstFailure = "";
  const latencies: number[] = [];
  let peak = pssMiB();
  const sampler = setInterval(() => (peak = Math.max(peak, pssMiB())), 500);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    clients.map(async (client, k) => {
      for (let n = 0; performance.now() < until && n < 1000; n++) {
        const started = performance.now();
        try {
          const id = await startJointDraft(client, `Joint investigations, bench client ${k + 1}, no. ${n + 1}`);
          if (await completeAndSubmit(id, client.lead)) done++;
          else {
            failed++;
            firstFailure ||= `proposal ${id} was not submitted`;
          }
        } catch (error) {
          failed++;
          firstFailure ||= String(error);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const row: Row = {
    page: `write flow: create → fill → invite → confirm → submit, ${CONNECTIONS} clients`,
    reqPerSec: done / seconds,
    p50: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
    errors: failed,
    bytesPerPage: 0,
    pssMiB: Math.max(peak, pssMiB()),
    note: `${done} proposals submitted (figures per whole flow: proposals/s, ms per proposal)${firstFailure ? `; first failure: ${firstFailure}` : ""}`,
  };
  table.push(row);
  printRow(row);
}

/**
 * The deadline rush: RUSH applicants, each with a joint draft whose partner has confirmed,
 * complete and submit it at the same moment. Afterwards every one must be submitted, with its
 * SUBMIT in the history and its receipts queued.
 */
async function deadlineRush() {
  const clients = await pairs(RUSH, 1100);
  const ids: number[] = [];
  for (let i = 0; i < clients.length; i += 8) {
    ids.push(...(await Promise.all(clients.slice(i, i + 8).map((client, k) => startJointDraft(client, `Deadline rush, applicant ${i + k + 1}`)))));
  }
  let peak = pssMiB();
  const sampler = setInterval(() => (peak = Math.max(peak, pssMiB())), 500);
  const started = performance.now();
  const latencies: number[] = [];
  const outcomes = await Promise.all(
    ids.map(async (id, k) => {
      const at = performance.now();
      const ok = await completeAndSubmit(id, clients[k]!.lead).catch(() => false);
      latencies.push(performance.now() - at);
      return ok;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);

  const file = new Database(databasePath, { readonly: true });
  const list = ids.join(",");
  const submitted = (file.prepare(`select count(*) as n from proposals where id in (${list}) and submitted_at is not null and reference is not null`).get() as { n: number }).n;
  const withHistory = (file.prepare(`select count(distinct proposal_id) as n from proposal_events where proposal_id in (${list}) and type = 'SUBMIT'`).get() as { n: number }).n;
  const withMail = (
    file
      .prepare(
        `select count(distinct e.proposal_id) as n from proposal_events e join outbox o on o.idempotency_key like 'proposal-event:' || e.id || ':proposal-submitted:%'
         where e.proposal_id in (${list}) and e.type = 'SUBMIT'`,
      )
      .get() as { n: number }
  ).n;
  file.close();
  const row: Row = {
    page: `deadline rush: ${RUSH} applicants complete and submit at once`,
    reqPerSec: submitted / seconds,
    p50: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
    p99: Math.round(latencies[Math.floor(latencies.length * 0.99)] ?? 0),
    errors: outcomes.filter((ok) => !ok).length,
    bytesPerPage: 0,
    pssMiB: Math.max(peak, pssMiB()),
    note: `${seconds.toFixed(1)} s in all; afterwards ${submitted}/${RUSH} submitted, ${withHistory} with SUBMIT in the history, ${withMail} with receipts queued`,
  };
  table.push(row);
  printRow(row);
  if (submitted !== RUSH || withHistory !== RUSH || withMail !== RUSH) process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------
// Memory: PSS of every process of the server's tree (its workers, and npx and tsx with --tsx).

function pssMiB() {
  return treePssMiB(server.pid!);
}

// ---------------------------------------------------------------------------------------------

function printRow(row: Row) {
  const rate = row.rowsPerSec !== undefined ? `${Math.round(row.reqPerSec)} pages/s (${Math.round(row.rowsPerSec).toLocaleString("en-GB")} rows/s)` : `${row.reqPerSec.toFixed(row.reqPerSec < 100 ? 1 : 0)} /s`;
  console.log(
    `${row.page.padEnd(46)} ${rate.padStart(30)}  p50 ${String(row.p50).padStart(5)} ms  p99 ${String(row.p99).padStart(5)} ms  ${String(row.errors).padStart(3)} err  ` +
      `${(row.bytesPerPage / 1024).toFixed(1).padStart(7)} KiB  ${row.pssMiB.toFixed(0).padStart(4)} MiB` +
      (row.note ? `  ${row.note}` : ""),
  );
}

process.on("exit", () => {
  if (!table.length) return;
  mkdirSync("bench/results", { recursive: true });
  const file = join("bench/results", `${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine, proposals: PROPOSALS, seconds: SECONDS, connections: CONNECTIONS, generatorProposalsPerSecond: generatorRate, rows: table }, null, 2) + "\n");
  console.log(`\nwritten to ${file}`);
});
