import { copyFileSync, existsSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";

// CPU time of every page's loaders (the root's and the page's, as Remix runs them on a request)
// in this process, over a database the load generator made (app/load/generate.server.ts):
//
//   PAGE_DATABASE=/tmp/taf-1k.db npm run bench:pages
//
// Each page is loaded RENDERS times after a warm-up; the figure is process.cpuUsage (user +
// system) per load, which unlike wall time does not count the time other processes hold the
// cores. Run it over databases of different sizes and compare (docs/performance.md, "Growth").
// It works on a copy: signing in writes sessions. PAGE_COPY=0 works on the file itself, for a
// database too large to copy twice (100,000 proposals are 48 GB; it gains four sessions and
// nothing else). PAGE_ONLY=<a name's start> loads only those
// pages; PAGE_STATEMENTS=1 also prints each page's statements by the time SQLite spends on them
// (timed apart, after the CPU figures, so that timing them costs those figures nothing).
// PAGE_SQL_CHARS=<n> prints the first n characters of each statement (150 unless said).

const source = process.env.PAGE_DATABASE;
const RENDERS = Number(process.env.PAGE_RENDERS ?? 200);
const ONLY = process.env.PAGE_ONLY;
const STATEMENT_LOADS = 50;

it("measures the CPU time of each page", async () => {
  if (!source || !existsSync(source)) throw new Error("PAGE_DATABASE=<a generated database> npm run bench:pages");
  const copy = process.env.PAGE_COPY === "0" ? null : join(tmpdir(), `taf-page-cpu-${process.pid}.db`);
  const removeCopy = () => copy && ["", "-wal", "-shm"].forEach((suffix) => rmSync(copy + suffix, { force: true }));
  if (copy) {
    removeCopy();
    copyFileSync(source, copy);
  }
  process.env.DATABASE_PATH = copy ?? source;
  process.env.SESSION_SECRET ??= "a bench secret that is long enough to sign cookies";
  process.env.APP_URL ??= "http://localhost:3000";
  process.env.DEMO_DATA = "off";
  const { connection } = await import("../app/db.server");
  const { startSession } = await import("../app/auth/session.server");
  const root = await import("../app/root");
  const routes = {
    home: await import("../app/routes/_index"),
    proposal: await import("../app/routes/proposals.$proposalId._index"),
    review: await import("../app/routes/reviews.$assignmentId"),
    proposals: await import("../app/routes/admin.proposals._index"),
    people: await import("../app/routes/admin.people._index"),
    institutions: await import("../app/routes/admin.institutions._index"),
    rounds: await import("../app/routes/admin.rounds._index"),
    eligibility: await import("../app/routes/admin.eligibility"),
    audit: await import("../app/routes/admin.audit"),
    mailbox: await import("../app/routes/admin.mailbox._index"),
    activities: await import("../app/routes/admin.activities"),
    dashboard: await import("../app/routes/admin.dashboard"),
  };
  const sqlite = connection().sqlite;
  const first = (role: string) =>
    (sqlite.prepare("select u.id from users u join memberships m on m.user_id = u.id where m.role = ? and u.active order by u.id limit 1").get(role) as { id: number }).id;
  const cookieOf = async (userId: number) => (await startSession(userId, new Request("http://localhost:3000"))).split(";")[0]!;
  const admin = await cookieOf(first("administrator"));
  const applicantId = first("applicant");
  const applicant = await cookieOf(applicantId);
  const reviewerRow = sqlite
    .prepare("select reviewer_user_id as userId, id from review_assignments where state = 'reviewing' order by reviewer_user_id, id limit 1")
    .get() as { userId: number; id: number } | undefined;
  const reviewer = await cookieOf(reviewerRow?.userId ?? first("reviewer"));
  const advisor = await cookieOf(first("countryAdvisor"));
  const own = sqlite
    .prepare("select p.id from proposals p join memberships m on m.institution_id = p.lead_institution_id where m.user_id = ? order by p.id limit 1")
    .get(applicantId) as { id: number };

  type Page = { name: string; route: { loader?: (args: never) => unknown }; path: string; cookie: string; params?: Record<string, string> };
  const allPages: Page[] = [
    { name: "home, administrator", route: routes.home, path: "/", cookie: admin },
    { name: "home, applicant", route: routes.home, path: "/", cookie: applicant },
    { name: "home, reviewer", route: routes.home, path: "/", cookie: reviewer },
    { name: "home, country advisor", route: routes.home, path: "/", cookie: advisor },
    { name: "proposal page, administrator", route: routes.proposal, path: `/proposals/${own.id}`, cookie: admin, params: { proposalId: String(own.id) } },
    { name: "proposal page, its applicant", route: routes.proposal, path: `/proposals/${own.id}`, cookie: applicant, params: { proposalId: String(own.id) } },
    ...(reviewerRow ? [{ name: "review page, its reviewer", route: routes.review, path: `/reviews/${reviewerRow.id}`, cookie: reviewer, params: { assignmentId: String(reviewerRow.id) } }] : []),
    { name: "proposals table, page 1", route: routes.proposals, path: "/admin/proposals", cookie: admin },
    { name: "proposals table, page 10", route: routes.proposals, path: "/admin/proposals?page=10", cookie: admin },
    { name: "proposals table, searched and filtered", route: routes.proposals, path: "/admin/proposals?q=firearms&country=XK", cookie: admin },
    { name: "people list", route: routes.people, path: "/admin/people", cookie: admin },
    { name: "institutions list", route: routes.institutions, path: "/admin/institutions", cookie: admin },
    { name: "rounds list", route: routes.rounds, path: "/admin/rounds", cookie: admin },
    { name: "eligibility desk", route: routes.eligibility, path: "/admin/eligibility", cookie: admin },
    { name: "audit log", route: routes.audit, path: "/admin/audit", cookie: admin },
    { name: "mailbox", route: routes.mailbox, path: "/admin/mailbox", cookie: admin },
    { name: "activities timeline", route: routes.activities, path: "/admin/activities", cookie: admin },
    { name: "dashboard", route: routes.dashboard, path: "/admin/dashboard", cookie: admin },
  ];
  const pages = allPages.filter((page) => !ONLY || page.name.startsWith(ONLY));
  const once = async (page: Page) => {
    for (const route of [root, page.route] as { loader?: (args: never) => unknown }[]) {
      const request = new Request(`http://localhost:3000${page.path}`, { headers: { Cookie: page.cookie } });
      try {
        await route.loader!({ request, params: page.params ?? {}, context: {} } as never);
      } catch (thrown) {
        if (!(thrown instanceof Response)) throw thrown;
        if (thrown.status >= 400) throw new Error(`${page.name}: ${thrown.status}`);
      }
    }
  };
  const proposals = (sqlite.prepare("select count(*) as n from proposals").get() as { n: number }).n;
  const lines = [`${proposals.toLocaleString("en-GB")} proposals in ${source}; ${RENDERS} loads per page after ${Math.min(RENDERS, 20)} to warm up`];
  for (const page of pages) {
    for (let k = 0; k < Math.min(RENDERS, 20); k++) await once(page);
    const before = process.cpuUsage();
    for (let k = 0; k < RENDERS; k++) await once(page);
    const spent = process.cpuUsage(before);
    lines.push(`${page.name.padEnd(40)} ${((spent.user + spent.system) / 1000 / RENDERS).toFixed(3).padStart(9)} ms CPU per load`);
  }
  if (process.env.PAGE_STATEMENTS) lines.push(...(await timeStatements(sqlite, pages, once)));
  console.log(lines.join("\n"));
  connection().sqlite.close();
  removeCopy();
});

type Statement = Record<string, (...args: unknown[]) => unknown> & { source: string };

/** Each page's statements, the slowest first, with the time SQLite runs them for (better-sqlite3's own methods, timed). */
async function timeStatements<Page extends { name: string }>(sqlite: { prepare: (source: string) => unknown }, pages: Page[], once: (page: Page) => Promise<void>) {
  const methods = Object.getPrototypeOf(sqlite.prepare("select 1")) as Statement;
  const spent = new Map<string, { runs: number; ms: number }>();
  let page = "";
  for (const method of ["all", "get", "run", "iterate"]) {
    const original = methods[method]!;
    methods[method] = function (this: Statement, ...args: unknown[]) {
      const start = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const key = `${page}\u0000${this.source.replace(/\s+/g, " ").slice(0, Number(process.env.PAGE_SQL_CHARS ?? 150))}`;
        const so = spent.get(key) ?? { runs: 0, ms: 0 };
        spent.set(key, { runs: so.runs + 1, ms: so.ms + Number(process.hrtime.bigint() - start) / 1e6 });
      }
    };
  }
  const lines: string[] = [];
  for (const each of pages) {
    page = each.name;
    for (let k = 0; k < STATEMENT_LOADS; k++) await once(each);
    const rows = [...spent].filter(([key]) => key.startsWith(`${page}\u0000`)).sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((sum, [, so]) => sum + so.ms, 0) / STATEMENT_LOADS;
    const runs = rows.reduce((sum, [, so]) => sum + so.runs, 0) / STATEMENT_LOADS;
    lines.push(`${page}: ${total.toFixed(3)} ms in SQLite per load, ${runs} statements`);
    for (const [key, so] of rows.slice(0, 5)) lines.push(`  ${(so.ms / STATEMENT_LOADS).toFixed(3)} ms  ×${so.runs / STATEMENT_LOADS}  ${key.split("\u0000")[1]}`);
  }
  return lines;
}
