// The crash test (issue 14): the production server takes a deadline rush while it is killed with
// SIGKILL three times, at different moments, and started again each time. Afterwards every
// submission the portal acknowledged is there, whole, with its history; no proposal is half
// written; every owed e-mail is in the outbox once and is delivered once after the restart.
//   npm run test:crash [-- --applicants 100]        (needs `npm run build`; CI runs it after npm test)
// Prints what it tried and found, and exits non-zero if anything was lost.
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { portalClient, type Applicant } from "./load/portal-client";

const { values: flags } = parseArgs({ options: { applicants: { type: "string", default: "100" } } });
const APPLICANTS = Number(flags.applicants);
// After how many acknowledged submissions the server is killed: early, midway, late in the rush.
const KILL_AT = [0.15, 0.45, 0.75].map((share) => Math.max(1, Math.round(APPLICANTS * share)));
const DEADLINE_MS = 10 * 60_000;

if (!existsSync("build/start.js")) {
  console.error("No build: run `npm run build` first (npm test does).");
  process.exit(2);
}

const folder = join(tmpdir(), `taf-crash-${process.pid}`);
rmSync(folder, { recursive: true, force: true });
mkdirSync(folder, { recursive: true });
const databasePath = join(folder, "taf.db");
const port = await freePort();
let serverOutput = "";
const base = `http://127.0.0.1:${port}`;
const started = performance.now();

// A programme's people and rounds, made by the benchmark's generator; no proposals yet.
process.env.DATABASE_PATH = databasePath;
const { db, closeDatabase } = await import("../app/db.server");
const { generateLoad, LOAD_PASSWORD } = await import("../app/load/generate.server");
await generateLoad(db(), { proposals: 0 });
closeDatabase();
const fixtures = new Database(databasePath, { readonly: true });
const applicants = fixtures
  .prepare(
    `select u.email, m.institution_id as institutionId, i.country_code as country from users u join memberships m on m.user_id = u.id and m.role = 'applicant'
     join institutions i on i.id = m.institution_id order by u.id`,
  )
  .all() as Applicant[];
const openRound = fixtures.prepare("select id from rounds where code = 'L2026-R1'").pluck().get() as number;
// Mail the generator wrote for the past counts as sent without a mail server: only what the rush owes is checked.
const mailBefore = fixtures.prepare("select coalesce(max(id), 0) from outbox").pluck().get() as number;
fixtures.close();

let server = await startServer();
const client = portalClient(base, LOAD_PASSWORD);
const pairs = await client.pairs(applicants, APPLICANTS, 300);
const drafts: number[] = [];
for (let i = 0; i < pairs.length; i += 8) {
  drafts.push(...(await Promise.all(pairs.slice(i, i + 8).map((pair, k) => client.startJointDraft(openRound, pair, `Crash rush, applicant ${i + k + 1}`)))));
}
console.log(`${drafts.length} joint drafts ready, each with a confirmed partner; the rush begins.`);

// The rush: every lead completes and submits at once. A request cut off by a crash is tried
// again once the portal answers; only an answer "submitted" (a redirect) counts as acknowledged.
const acknowledged = new Set<number>();
const cutOff = { requests: 0 };
const kills: { at: number; acknowledged: number }[] = [];
let restarting: Promise<void> | null = null;

async function submitUntilAnswered(id: number, lead: (typeof pairs)[number]["lead"]) {
  for (let tries = 0; tries < 20 && performance.now() - started < DEADLINE_MS; tries++) {
    await restarting;
    try {
      if (await client.completeAndSubmit(id, lead)) acknowledged.add(id);
      return;
    } catch {
      cutOff.requests += 1;
      await (restarting ?? sleep(200));
    }
  }
}

async function killer() {
  for (const threshold of KILL_AT) {
    while (acknowledged.size < threshold && performance.now() - started < DEADLINE_MS) await sleep(20);
    kills.push({ at: Math.round(performance.now() - started), acknowledged: acknowledged.size });
    let release!: () => void;
    restarting = new Promise((resolve) => (release = resolve));
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGKILL");
    await exited;
    server = await startServer();
    restarting = null;
    release();
  }
}

await Promise.all([killer(), ...drafts.map((id, k) => submitUntilAnswered(id, pairs[k]!.lead))]);

// Let the restarted dispatcher deliver what is owed (it sends every two seconds, one message
// after another). What is checked is that everything arrives, not how fast: the wait goes on as
// long as messages keep leaving, and gives up after a minute and a half without one leaving.
const check = new Database(databasePath, { readonly: true });
const pending = () => check.prepare("select count(*) from outbox where status <> 'sent' and id > ?").pluck().get(mailBefore) as number;
const STALLED_MS = 90_000;
const deliveryStarted = Date.now();
for (let left = pending(), lastProgress = Date.now(); left > 0 && Date.now() - lastProgress < STALLED_MS; ) {
  await sleep(500);
  const now = pending();
  if (now < left) lastProgress = Date.now();
  left = now;
}
const deliverySeconds = Math.round((Date.now() - deliveryStarted) / 1000);

const problems: string[] = [];
const list = drafts.join(",");
const missing = [...acknowledged].filter(
  (id) => !check.prepare("select 1 from proposals p where p.id = ? and p.submitted_at is not null and p.reference is not null and exists (select 1 from proposal_events e where e.proposal_id = p.id and e.type = 'SUBMIT')").get(id),
);
if (missing.length) problems.push(`acknowledged but not submitted with its history: ${missing.join(", ")}`);
const halfWritten = check
  .prepare(
    `select p.id from proposals p where p.id in (${list}) and (
       (p.submitted_at is not null) <> exists (select 1 from proposal_events e where e.proposal_id = p.id and e.type = 'SUBMIT')
       or (p.submitted_at is not null and not exists (select 1 from proposal_versions v where v.proposal_id = p.id))
       or (p.submitted_at is not null and p.reference is null))`,
  )
  .pluck()
  .all() as number[];
if (halfWritten.length) problems.push(`half-written proposals: ${halfWritten.join(", ")}`);
const submitted = check.prepare(`select count(*) from proposals where id in (${list}) and submitted_at is not null`).pluck().get() as number;
const withoutReceipt = check
  .prepare(
    `select e.proposal_id from proposal_events e where e.proposal_id in (${list}) and e.type = 'SUBMIT'
     and not exists (select 1 from outbox o where o.idempotency_key like 'proposal-event:' || e.id || ':proposal-submitted:%')`,
  )
  .pluck()
  .all() as number[];
if (withoutReceipt.length) problems.push(`submitted without their receipts queued: ${withoutReceipt.join(", ")}`);
const owed = check.prepare("select count(*) from outbox where id > ?").pluck().get(mailBefore) as number;
const undelivered = pending();
if (undelivered) problems.push(`${undelivered} messages not delivered: none left the outbox for ${STALLED_MS / 1000} s`);
const received = check.prepare("select count(*) from mailbox").pluck().get() as number;
const twice = check.prepare("select count(*) from (select 1 from mailbox group by message_id, envelope_to having count(*) > 1)").pluck().get() as number;
if (twice) problems.push(`${twice} messages received twice`);
if (received !== owed) problems.push(`${owed} messages owed, ${received} received`);
check.close();

const exited = new Promise((resolve) => server.once("exit", resolve));
server.kill("SIGTERM");
await exited;

console.log(
  [
    `Crash test: ${APPLICANTS} applicants submitting at once, the server killed with SIGKILL ${kills.length} times`,
    `  (after ${kills.map((k) => `${k.acknowledged} acknowledged, at ${(k.at / 1000).toFixed(1)} s`).join("; ")}) and started again each time.`,
    `  ${acknowledged.size} submissions acknowledged, ${submitted} submitted in all; ${cutOff.requests} requests cut off by a crash and tried again.`,
    `  ${owed} e-mails owed, each in the outbox once; ${received} received by the mail server after the restarts, the last ${deliverySeconds} s after the last submission.`,
    `  ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
    problems.length ? `LOST OR BROKEN:\n  ${problems.join("\n  ")}` : "  Nothing lost: every acknowledged submission whole, no proposal half written, every e-mail delivered once.",
  ].join("\n"),
);
if (problems.length) console.error(`\nServer output:\n${serverOutput.slice(-4000)}`);
rmSync(folder, { recursive: true, force: true });
process.exit(problems.length || acknowledged.size < APPLICANTS / 2 || kills.length < KILL_AT.length ? 1 : 0);

// ---------------------------------------------------------------------------------------------

/** Starts the production server on the crash test's database, as `npm start` runs it. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["build/start.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: base,
      DATABASE_PATH: databasePath,
      ATTACHMENTS_PATH: join(folder, "attachments"),
      EMBEDDED_SMTP_PORT: "0",
      SMTP_URL: "",
      SESSION_SECRET: "crash-test-session-secret-kept-across-restarts",
      DEMO_DATA: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => ((output += chunk), (serverOutput += chunk)));
  child.stderr!.on("data", (chunk) => ((output += chunk), (serverOutput += chunk)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start:\n${output}`)), 60_000);
    child.stdout!.on("data", () => output.includes("listening on") && (clearTimeout(timer), resolve()));
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`the portal exited with ${code}:\n${output}`))));
  });
  return child;
}

async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
    probe.on("error", reject);
  });
}
