// The write flow in-process, without HTTP: the loaders and actions the pages call, as Remix calls
// them, for a joint proposal from creation to submission. Prints, per step, the statements SQLite
// ran and the CPU time, so a change to the write path can be judged by counts and CPU, not by the
// wall clock of a shared machine (docs/performance.md, "The write path").
//   npx tsx scripts/profile-writes.ts [--flows 60] [--proposals 200] [--data /tmp/taf-profile-writes]
//   node --import tsx --cpu-prof --cpu-prof-dir /tmp/prof scripts/profile-writes.ts   (a CPU profile)
// The database is generated once in --data (kept for later runs) and copied for each run.
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: flags } = parseArgs({
  options: {
    flows: { type: "string", default: "60" },
    proposals: { type: "string", default: "200" },
    data: { type: "string", default: "/tmp/taf-profile-writes" },
  },
});
const FLOWS = Number(flags.flows);
mkdirSync(flags.data, { recursive: true });
const base = join(flags.data, `base-${flags.proposals}.db`);
const working = join(flags.data, "work.db");
process.env.DATABASE_PATH = base;
process.env.APP_URL ??= "http://127.0.0.1:3000";

if (!existsSync(base)) {
  const { db, closeDatabase } = await import("../app/db.server");
  const { generateLoad } = await import("../app/load/generate.server");
  console.log(`Generating ${flags.proposals} proposals into ${base} …`);
  await generateLoad(db(), { proposals: Number(flags.proposals) });
  closeDatabase();
}
for (const suffix of ["", "-wal", "-shm"]) rmSync(working + suffix, { force: true });
copyFileSync(base, working);
process.env.DATABASE_PATH = working;

const { connection } = await import("../app/db.server");
const { startSession } = await import("../app/auth/session.server");
const newPage = await import("../app/routes/proposals.new");
const partnersPage = await import("../app/routes/proposals.$proposalId.partners");
const partnershipPage = await import("../app/routes/proposals.$proposalId.partnership");
const editPage = await import("../app/routes/proposals.$proposalId.edit");
const submitPage = await import("../app/routes/proposals.$proposalId.submit");
const { filledForm } = await import("./load/portal-client");

const ORIGIN = process.env.APP_URL;
const sqlite = connection().sqlite;
const applicants = sqlite
  .prepare(
    `select u.id, u.email, m.institution_id as institutionId, i.country_code as country from users u join memberships m on m.user_id = u.id and m.role = 'applicant'
     join institutions i on i.id = m.institution_id order by u.id`,
  )
  .all() as { id: number; email: string; institutionId: number; country: string }[];
const openRound = (sqlite.prepare("select id from rounds where code = 'L2026-R1'").get() as { id: number }).id;

// Every statement run on the connection, counted by its step (as tests/support/statements.ts does).
let statements = 0;
const prototype = Object.getPrototypeOf(sqlite.prepare("select 1")) as Record<string, (...parameters: unknown[]) => unknown>;
for (const name of ["all", "get", "run", "iterate"]) {
  const original = prototype[name]!;
  prototype[name] = function (this: unknown, ...parameters: unknown[]) {
    statements++;
    return original.apply(this, parameters);
  };
}

type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
async function call(route: Route, kind: "loader" | "action", path: string, cookie: string, params: Record<string, string>, form?: Record<string, string | string[]>) {
  const headers = new Headers({ Cookie: cookie, Origin: ORIGIN });
  let init: RequestInit = { headers };
  if (form) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    init = { method: "POST", headers, body };
  }
  const run = route[kind] as (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
  try {
    return await run({ request: new Request(ORIGIN + path, init), params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const cookieOf = async (userId: number) => (await startSession(userId, new Request(ORIGIN))).split(";")[0]!;
const partnersByCountry = new Map<string, (typeof applicants)[number]>();
for (const a of applicants.slice(0, 300)) if (!partnersByCountry.has(a.country)) partnersByCountry.set(a.country, a);
const partnerCookies = new Map<string, string>();
for (const [country, partner] of partnersByCountry) partnerCookies.set(country, await cookieOf(partner.id));

const steps = ["create", "invite", "confirm", "edit page", "save", "submit page", "submit"] as const;
const cost = Object.fromEntries(steps.map((s) => [s, { statements: 0, cpu: 0 }])) as Record<(typeof steps)[number], { statements: number; cpu: number }>;
async function measured<T>(step: (typeof steps)[number], run: () => Promise<T>): Promise<T> {
  const before = statements;
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  cost[step].statements += statements - before;
  cost[step].cpu += used.user + used.system;
  return result;
}
const location = (result: unknown) => (result instanceof Response ? (result.headers.get("Location") ?? "") : "");
const data = (result: unknown) => result as Record<string, unknown>;

const outboxBefore = (sqlite.prepare("select count(*) as n from outbox").get() as { n: number }).n;
const allCpu = process.cpuUsage();
let submitted = 0;
for (let n = 0; n < FLOWS; n++) {
  const lead = applicants[1100 + n]!;
  const partnerCountry = [...partnersByCountry.keys()].find((c) => c !== lead.country)!;
  const partner = partnersByCountry.get(partnerCountry)!;
  const leadCookie = await cookieOf(lead.id);
  const partnerCookie = partnerCookies.get(partnerCountry)!;
  const created = await measured("create", () =>
    call(newPage, "action", "/proposals/new", leadCookie, {}, { roundId: String(openRound), institutionId: String(lead.institutionId), title: `Profiled flow ${n + 1}` }),
  );
  const id = location(created).match(/\/proposals\/(\d+)/)?.[1];
  if (!id) throw new Error(`creating answered ${created instanceof Response ? created.status : JSON.stringify(created).slice(0, 400)}`);
  const params = { proposalId: id };
  await measured("invite", () => call(partnersPage, "action", `/proposals/${id}/partners`, leadCookie, params, { intent: "invite", institutionId: String(partner.institutionId) }));
  await measured("confirm", () =>
    call(partnershipPage, "action", `/proposals/${id}/partnership`, partnerCookie, params, { intent: "confirm", statement: "Our unit brings its open cases and two investigators." }),
  );
  const draft = data(await measured("edit page", () => call(editPage, "loader", `/proposals/${id}/edit`, leadCookie, params)));
  await measured("save", () => call(editPage, "action", `/proposals/${id}/edit`, leadCookie, params, { intent: "save", revision: String(draft.revision), ...filledForm() }));
  const preview = data(await measured("submit page", () => call(submitPage, "loader", `/proposals/${id}/submit`, leadCookie, params)));
  const sent = await measured("submit", () =>
    call(submitPage, "action", `/proposals/${id}/submit`, leadCookie, params, { intent: "submit", version: String(preview.version), revision: String(preview.revision) }),
  );
  if (location(sent).includes("notice=submitted")) submitted++;
  else throw new Error(`proposal ${id} was not submitted: ${JSON.stringify(sent).slice(0, 400)}`);
}
const all = process.cpuUsage(allCpu);
const mails = (sqlite.prepare("select count(*) as n from outbox").get() as { n: number }).n - outboxBefore;

console.log(`${submitted} of ${FLOWS} flows submitted; ${(mails / submitted).toFixed(1)} outbox rows per flow`);
console.log("step            statements/flow   CPU ms/flow");
for (const step of steps) {
  console.log(`${step.padEnd(16)}${(cost[step].statements / FLOWS).toFixed(1).padStart(15)}${(cost[step].cpu / FLOWS / 1000).toFixed(2).padStart(14)}`);
}
const total = (all.user + all.system) / 1000 / FLOWS;
console.log(`${"whole flow".padEnd(16)}${(Object.values(cost).reduce((s, c) => s + c.statements, 0) / FLOWS).toFixed(1).padStart(15)}${total.toFixed(2).padStart(14)}  (${(1000 / total).toFixed(1)} flows per CPU-second)`);
