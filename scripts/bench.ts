// Load benchmarks on loopback: starts the production server with its own database and demo
// data, signs in, and measures the pages people use most. Speed is measured here, never
// asserted in tests. Run: npm run bench  (needs `npm run build` first; about a minute).
import autocannon from "autocannon";
import Database from "better-sqlite3";
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
  const seeded = seedProposals(portal.databasePath, 20_000);
  console.log(`\n${seeded} proposals added beside the demo's (their partners and search index included)\n`);
  await run("proposals table, 20,000 proposals", `${portal.url}/admin/proposals`, { Cookie: admin });
  await run("proposals table, searched and filtered", `${portal.url}/admin/proposals?q=drug&country=XK&stage=euReview`, { Cookie: admin });
  await run("proposals table, by title, page 200", `${portal.url}/admin/proposals?sort=title&order=asc&page=200`, { Cookie: admin });
  await timeExport(`${portal.url}/admin/proposals.csv`, admin);
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

/**
 * Copies the demo's proposals with their partners until `count` more exist, a statement for
 * each table (a recursive CTE numbers the copies), through the triggers that keep the search
 * index and the topics in step, as the portal's own writes go.
 */
function seedProposals(databasePath: string, count: number) {
  const sqlite = new Database(databasePath);
  sqlite.pragma("busy_timeout = 10000");
  sqlite.transaction(() => {
    const { base } = sqlite.prepare("select max(id) as base from proposals").get() as { base: number };
    // Copy n of the demo proposal number n mod (their count): its id will be base + n.
    sqlite.exec("create temp table copies (n integer primary key, source_id integer not null)");
    sqlite
      .prepare(
        `insert into copies (n, source_id)
         with recursive copy(n) as (select 1 union all select n + 1 from copy where n < ?),
           source as (select id, row_number() over (order by id) - 1 as k, count(*) over () as demo from proposals)
         select copy.n, source.id from copy join source on source.k = copy.n % source.demo`,
      )
      .run(count);
    sqlite.exec(
      `insert into proposals (round_id, lead_institution_id, created_by_user_id, reference, title, content, state, snapshot, machine_version, version, submitted_at, created_at, updated_at)
       select p.round_id, p.lead_institution_id, p.created_by_user_id, case when p.reference is null then null else p.reference || '-B' || c.n end,
         p.title || ' (copy ' || c.n || ')', p.content, p.state, p.snapshot, p.machine_version, p.version, p.submitted_at, p.created_at, p.updated_at - c.n * 60000
       from copies c join proposals p on p.id = c.source_id order by c.n`,
    );
    const { last } = sqlite.prepare("select max(id) as last from proposals").get() as { last: number };
    if (last !== base + count) throw new Error(`the copies were numbered ${base + 1}–${last}, not ${base + 1}–${base + count}`);
    sqlite
      .prepare(
        `insert into proposal_partners (proposal_id, institution_id, status, statement, invited_at, responded_at, responded_by_user_id)
         select ? + c.n, pp.institution_id, pp.status, pp.statement, pp.invited_at, pp.responded_at, pp.responded_by_user_id
         from copies c join proposal_partners pp on pp.proposal_id = c.source_id`,
      )
      .run(base);
    sqlite.exec("drop table copies");
  })();
  sqlite.close();
  return count;
}

/** Downloads the whole table as CSV once: how long the first byte and the last take. */
async function timeExport(url: string, cookie: string) {
  const started = performance.now();
  const response = await fetch(url, { headers: { Cookie: cookie } });
  const firstByte = performance.now() - started;
  const rows = response.headers.get("X-Row-Count");
  const bytes = (await response.arrayBuffer()).byteLength;
  const total = performance.now() - started;
  console.log(`${"proposals CSV export (once)".padEnd(42)} ${rows} rows, ${Math.round(bytes / 1024)} KiB   first byte ${Math.round(firstByte)} ms   whole file ${Math.round(total)} ms`);
}
