// Production builds side by side (ADR 028): each started with WORKERS=2 on its own copy of one
// generated database, the same mix of signed-in pages (77 % proposal pages, 15 % homes, 8 % the
// table's pages) sent by wrk (apt-get install wrk) in rounds taken in turn, the CPU of each
// process tree per request and its PSS sampled every second. Not part of npm test.
//   npm run db:generate-load -- --proposals 1000 --database /tmp/taf-1000.db
//   npm run bench:side-by-side -- /tmp/taf-1000.db builds.json [rounds=4] [seconds=20]
// builds.json: [{"name": "before", "dir": "/path/to/a/built/checkout", "args": ["--a-node-flag"]}, …]
// PAGES=proposal|admin-home|applicant-home|table sends only that page type of the mix.
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { LOAD_PASSWORD } from "../app/load/generate.server";
import { portalClient } from "./load/portal-client";
import { treeCpuMs, treePssMiB } from "./load/process-tree";

type Build = { name: string; dir: string; args?: string[]; env?: Record<string, string> };
type Round = { rps: number; cpuMs: number; p99: number; peak: number };
type Running = Build & { base: string; child: ChildProcess; folder: string; atRest: number; rounds: Round[] };

const [database, buildsFile, roundsArg = "4", secondsArg = "20"] = process.argv.slice(2);
if (!database || !buildsFile) {
  console.error("Usage: npm run bench:side-by-side -- DATABASE builds.json [rounds] [seconds]");
  process.exit(2);
}
const TARGETS_SCRIPT = new URL("./load/targets.lua", import.meta.url).pathname;
const builds = JSON.parse(readFileSync(buildsFile, "utf8")) as Build[];

const running: Running[] = builds.map((build, k) => {
  const folder = `/tmp/side-by-side-${build.name}`;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder);
  copyFileSync(database, `${folder}/taf.db`);
  const port = 3480 + k;
  const child = spawn("node", [...(build.args ?? []), "build/start.js"], {
    cwd: build.dir,
    detached: true,
    // A file, not a pipe: a server outliving this script must not hold its output open.
    stdio: ["ignore", "ignore", openSync(`${folder}/server.log`, "w")],
    env: { ...process.env, PORT: String(port), EMBEDDED_SMTP_PORT: "0", DATABASE_PATH: `${folder}/taf.db`, ATTACHMENTS_PATH: `${folder}/attachments`, NODE_ENV: "production", WORKERS: "2", ...build.env },
  });
  return { ...build, base: `http://127.0.0.1:${port}`, child, folder, atRest: 0, rounds: [] };
});

for (const server of running) {
  await answering(server.base);
  await sleep(1000);
  server.atRest = treePssMiB(server.child.pid!);
  const { signInAll } = portalClient(server.base, LOAD_PASSWORD);
  const admins = await signInAll([1, 2, 3, 4, 5].map((n) => `administrator.${String(n).padStart(4, "0")}@load.example`));
  const applicants = await signInAll(Array.from({ length: 20 }, (_, n) => `applicant.${String(201 + n).padStart(4, "0")}@load.example`));
  const lines: string[] = [];
  const add = (type: string, line: string) => (!process.env.PAGES || process.env.PAGES === type) && lines.push(line);
  for (let i = 1; i <= 1000; i += 1) {
    const admin = admins[i % admins.length]!.cookie;
    add("proposal", `/proposals/${i}\t${admin}`);
    if (i % 4 === 0) add("admin-home", `/\t${admin}`);
    if (i % 4 === 1) add("applicant-home", `/\t${applicants[i % applicants.length]!.cookie}`);
    if (i % 10 === 0) add("table", `/admin/proposals?page=${((i / 10) % 20) + 1}\t${admin}`);
  }
  if (!lines.length) throw new Error(`PAGES=${process.env.PAGES}: no such page type`);
  writeFileSync(`${server.folder}/targets.txt`, `${lines.join("\n")}\n`);
}

// Round 0 warms each build up and is not counted; then the order alternates (A B C, C B A, …).
for (let round = 0; round <= Number(roundsArg); round += 1) {
  for (const server of round % 2 ? [...running].reverse() : running) {
    const seconds = round === 0 ? 8 : Number(secondsArg);
    const pid = server.child.pid!;
    const cpuBefore = treeCpuMs(pid);
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, treePssMiB(pid))), 1000);
    const result = await wrk(server, seconds);
    clearInterval(sampler);
    const measured = { rps: result.requests / seconds, cpuMs: (treeCpuMs(pid) - cpuBefore) / result.requests, p99: result.p99, peak };
    if (round > 0) server.rounds.push(measured);
    console.log(`${server.name}${round === 0 ? " (warm-up)" : ` round ${round}`}: ${measured.rps.toFixed(1)} req/s, ${measured.cpuMs.toFixed(2)} ms CPU a request, p99 ${measured.p99.toFixed(0)} ms, ${result.errors} errors, PSS peak ${peak.toFixed(0)} MiB`);
  }
}

for (const server of running) {
  const mean = (key: keyof Round) => server.rounds.reduce((sum, r) => sum + r[key], 0) / server.rounds.length;
  console.log(
    `${server.name.padEnd(16)} at rest ${server.atRest.toFixed(0)} MiB  ${mean("rps").toFixed(1)} req/s  ${mean("cpuMs").toFixed(2)} ms CPU a request  ` +
      `p99 ${mean("p99").toFixed(0)} ms  PSS peak ${Math.max(...server.rounds.map((r) => r.peak)).toFixed(0)} MiB  after ${treePssMiB(server.child.pid!).toFixed(0)} MiB`,
  );
  process.kill(-server.child.pid!, "SIGTERM");
}

async function answering(base: string) {
  for (let tries = 0; tries < 120; tries += 1) {
    if (await fetch(`${base}/login`).then(() => true, () => false)) return;
    await sleep(500);
  }
  throw new Error(`${base} did not answer within a minute`);
}

function wrk(server: Running, seconds: number) {
  return new Promise<{ requests: number; errors: number; p99: number }>((resolve, reject) => {
    let output = "";
    const child = spawn("wrk", ["-t2", "-c8", `-d${seconds}s`, "-s", TARGETS_SCRIPT, server.base, "--", `${server.folder}/targets.txt`]);
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", () => {
      const found = /RESULT req=(\d+) errors=(\d+) p50=[\d.]+ p99=([\d.]+)/.exec(output);
      if (!found) return reject(new Error(`wrk gave no result:\n${output}`));
      resolve({ requests: Number(found[1]), errors: Number(found[2]), p99: Number(found[3]) });
    });
  });
}
