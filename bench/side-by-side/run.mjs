// Production builds side by side (ADR 028): each started with WORKERS=2 on its own copy of one
// generated database, the same mix of signed-in pages (77 % proposal pages, 15 % homes, 8 % the
// table's pages) sent by wrk (apt-get install wrk) in rounds taken in turn, CPU of each process
// tree per request from /proc/<pid>/stat and its PSS sampled every second. Not part of npm test.
//   npm run db:generate-load -- --proposals 1000 --database /tmp/taf-1000.db
//   node bench/side-by-side/run.mjs /tmp/taf-1000.db builds.json [rounds=4] [seconds=20]
// builds.json: [{"name": "before", "dir": "/path/to/a/built/checkout", "args": ["--a-node-flag"], "env": {}}, …]
import { spawn, execFileSync } from "node:child_process";
import { openSync, readFileSync, writeFileSync, copyFileSync, rmSync, mkdirSync } from "node:fs";
const [DB, cfgFile, roundsArg = "4", secondsArg = "20"] = process.argv.slice(2);
const LUA = new URL("./targets.lua", import.meta.url).pathname;
const configs = JSON.parse(readFileSync(cfgFile, "utf8"));
const pss = (pid) => { try { return Number(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+)/m)[1]) / 1024; } catch { return 0; } };
const cpu = (pid) => { try { const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; } catch { return 0; } };
const tree = (pid) => [pid, ...execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n").filter(Boolean).map(Number)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const servers = [];
let port = 3480;
for (const c of configs) {
  const dir = `/tmp/ab-${c.name}`; rmSync(dir, { recursive: true, force: true }); mkdirSync(dir);
  copyFileSync(DB, `${dir}/taf.db`);
  const p = port++;
  const child = spawn("node", [...(c.args ?? []), "build/start.js"], { cwd: c.dir, detached: true, stdio: ["ignore", "ignore", openSync(`/tmp/ab-${c.name}.log`, "w")],
    env: { ...process.env, PORT: String(p), EMBEDDED_SMTP_PORT: "0", DATABASE_PATH: `${dir}/taf.db`, ATTACHMENTS_PATH: `${dir}/att`, NODE_ENV: "production", WORKERS: "2", ...(c.env ?? {}) } });
  servers.push({ ...c, port: p, child, base: `http://127.0.0.1:${p}` });
}
for (const s of servers) { for (let i = 0; i < 120; i++) { try { await fetch(s.base + "/login"); break; } catch { await sleep(500); } } }
await sleep(1000);
for (const s of servers) {
  s.rest = tree(s.child.pid).reduce((a, p) => a + pss(p), 0);
  const signIn = async (email) => { const r = await fetch(`${s.base}/login`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: s.base }, body: new URLSearchParams({ email, password: "taf-load-password" }), redirect: "manual" }); return r.headers.get("set-cookie").split(";")[0]; };
  const admins = []; for (let i = 1; i <= 5; i++) admins.push(await signIn(`administrator.000${i}@load.example`));
  const apps = []; for (let i = 1; i <= 20; i++) apps.push(await signIn(`applicant.${String(200 + i).padStart(4, "0")}@load.example`));
  const lines = [];
  for (let i = 1; i <= 1000; i++) {
    lines.push(`/proposals/${i}\t${admins[i % 5]}`);
    if (i % 4 === 0) lines.push(`/\t${admins[i % 5]}`);
    if (i % 4 === 1) lines.push(`/\t${apps[i % 20]}`);
    if (i % 10 === 0) lines.push(`/admin/proposals?page=${(i / 10) % 20 + 1}\t${admins[i % 5]}`);
  }
  writeFileSync(`/tmp/ab-${s.name}/targets.txt`, lines.join("\n") + "\n");
}
const results = Object.fromEntries(servers.map((s) => [s.name, []]));
const wrk = (s, seconds) => new Promise((resolve) => {
  let out = ""; const w = spawn("wrk", ["-t2", "-c8", `-d${seconds}s`, "-s", LUA, s.base, "--", `/tmp/ab-${s.name}/targets.txt`]);
  w.stdout.on("data", (d) => (out += d)); w.on("close", () => resolve(out));
});
for (let round = 0; round < Number(roundsArg) + 1; round++) {
  for (const s of round % 2 ? [...servers].reverse() : servers) {
    const pids = tree(s.child.pid);
    const c0 = pids.reduce((a, p) => a + cpu(p), 0);
    let peak = 0; const sampler = setInterval(() => { peak = Math.max(peak, tree(s.child.pid).reduce((a, p) => a + pss(p), 0)); }, 1000);
    const out = await wrk(s, round === 0 ? 8 : Number(secondsArg));
    clearInterval(sampler);
    const c1 = tree(s.child.pid).reduce((a, p) => a + cpu(p), 0);
    const m = out.match(/RESULT req=(\d+) errors=(\d+) p50=([\d.]+) p99=([\d.]+)/);
    const req = Number(m[1]);
    const r = { round, rps: req / Number(round === 0 ? 8 : secondsArg), cpuMs: (c1 - c0) / req, p50: Number(m[3]), p99: Number(m[4]), errors: Number(m[2]), peak, after: tree(s.child.pid).reduce((a, p) => a + pss(p), 0) };
    if (round > 0) results[s.name].push(r);
    console.log(s.name, round === 0 ? "(warm-up)" : "", JSON.stringify({ ...r, rps: r.rps.toFixed(1), cpuMs: r.cpuMs.toFixed(2), peak: r.peak.toFixed(0), after: r.after.toFixed(0) }));
  }
}
await sleep(12000);
for (const s of servers) {
  const rs = results[s.name]; const avg = (k) => (rs.reduce((a, r) => a + r[k], 0) / rs.length);
  console.log(`SUMMARY ${s.name.padEnd(14)} rest ${s.rest.toFixed(0)} MiB  rps ${avg("rps").toFixed(1)}  cpu/req ${avg("cpuMs").toFixed(2)} ms  p99 ${avg("p99").toFixed(0)}  peak ${Math.max(...rs.map((r) => r.peak)).toFixed(0)} MiB  idle-after ${tree(s.child.pid).reduce((a, p) => a + pss(p), 0).toFixed(0)} MiB`);
  process.kill(-s.child.pid, "SIGTERM");
}
