// Load benchmarks on loopback: starts the production server with its own database and demo
// data, signs in, and measures the pages people use most. Speed is measured here, never
// asserted in tests. Run: npm run bench  (needs `npm run build` first; about a minute).
import autocannon from "autocannon";
import { DEMO_PASSWORD, loadDemoData } from "../app/demo/demo.server";
import { openDatabase } from "../db/client";
import { startPortal } from "../tests/support/portal";

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

async function signIn(url: string, email: string) {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
    redirect: "manual",
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`could not sign in as ${email} (status ${response.status})`);
  return cookie;
}

function run(title: string, url: string, headers: Record<string, string> = {}) {
  return new Promise<void>((resolve, reject) => {
    autocannon({ url, connections: 10, duration: DURATION_SECONDS, headers }, (error, result) => {
      if (error) return reject(error);
      const bad = result.non2xx + result.errors;
      console.log(
        `${title.padEnd(42)} ${String(Math.round(result.requests.average)).padStart(6)} req/s   ` +
          `p50 ${String(result.latency.p50).padStart(4)} ms   p99 ${String(result.latency.p99).padStart(4)} ms` +
          (bad ? `   ${bad} failed` : ""),
      );
      resolve();
    });
  });
}

/** Loading the demo into an empty database: what a fresh clone's first `npm start` waits for. */
async function timeDemoLoad(runs = 3) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const database = openDatabase(":memory:");
    const started = performance.now();
    await loadDemoData(database.db, new Date());
    times.push(performance.now() - started);
    database.sqlite.close();
  }
  times.sort((a, b) => a - b);
  console.log(`${"demo data into an empty database".padEnd(42)} median ${Math.round(times[Math.floor(runs / 2)]!)} ms of ${runs} runs\n`);
}

await timeDemoLoad();
const portal = await startPortal();
try {
  const admin = await signIn(portal.url, "admin@taf.example");
  const applicant = await signIn(portal.url, "applicant.xk@taf.example");
  console.log(`TAF portal on ${portal.url}: 10 connections, ${DURATION_SECONDS} s per page\n`);
  await run("sign-in page (signed out)", `${portal.url}/login`);
  await run("home, applicant", `${portal.url}/`, { Cookie: applicant });
  await run("home, administrator", `${portal.url}/`, { Cookie: admin });
  await run("people list, administrator", `${portal.url}/admin/people`, { Cookie: admin });
  await run("institutions list, administrator", `${portal.url}/admin/institutions`, { Cookie: admin });
  await run("proposal page with statechart, applicant", `${portal.url}/proposals/1`, { Cookie: applicant });
  await run("hashed asset (CSS)", `${portal.url}${await cssPath(portal.url)}`);
} finally {
  await portal.stop();
}

async function cssPath(url: string) {
  const html = await (await fetch(`${url}/login`)).text();
  const match = html.match(/href="(\/assets\/[^"]+\.css)"/);
  if (!match?.[1]) throw new Error("no stylesheet link on the sign-in page");
  return match[1];
}
