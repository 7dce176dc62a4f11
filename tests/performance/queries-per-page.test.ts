import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connection, db } from "../../app/db.server";
import * as rootRoute from "../../app/root";
import * as dashboardPage from "../../app/routes/admin.dashboard";
import * as proposalsTable from "../../app/routes/admin.proposals._index";
import * as peopleList from "../../app/routes/admin.people._index";
import * as institutionsList from "../../app/routes/admin.institutions._index";
import * as roundsList from "../../app/routes/admin.rounds._index";
import * as eligibilityDesk from "../../app/routes/admin.eligibility";
import * as activityLog from "../../app/routes/admin.audit";
import * as mailboxPage from "../../app/routes/admin.mailbox._index";
import * as activitiesTimeline from "../../app/routes/admin.activities";
import * as homePage from "../../app/routes/_index";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import * as reviewPage from "../../app/routes/reviews.$assignmentId";
import { proposals, reviewAssignments } from "../../db/schema";
import { useDatabase } from "../support/database";
import type { Route } from "../support/http";
import { load, signInAs, statusOf } from "../support/http";
import { spyOnStatements } from "../support/statements";
import { DEMO_PROPOSALS, demoProposalId, driveTo, makeProposal, makeRound, MK_PROSECUTION, proposalIdByTitle, userId } from "../workflow-server/builders";

// What each page costs the database and the network, at the demo's size and with 80 more
// proposals in every stage (more than a page of each list): the same statements at both sizes
// (no query per row, no list read whole), loader data under a budget that a payload sent twice
// would exceed, and query plans that read no growing table whole. Counts, bytes and plans only:
// speed is the benchmark's (docs/performance.md, `npm run bench:pages`).

useDatabase("demo");

type Page = { name: string; route: Route; path: () => string; email: string; params?: () => Record<string, string>; kilobytes: number };

const FIRST_PROPOSAL = Object.keys(DEMO_PROPOSALS)[0] as keyof typeof DEMO_PROPOSALS;

/** A proposal in the EU review, with reviewer.eu's assignment on it: the review page's subject. */
const UNDER_REVIEW = "Counted under review";

function assignmentOfReviewer(email: string) {
  return db()
    .select({ id: reviewAssignments.id })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.reviewerUserId, userId(email)), eq(reviewAssignments.proposalId, proposalIdByTitle(UNDER_REVIEW))))
    .get()!.id;
}

const PAGES: Page[] = [
  { name: "home, administrator", route: homePage, path: () => "/", email: "admin@taf.example", kilobytes: 30 },
  { name: "home, applicant", route: homePage, path: () => "/", email: "applicant.xk@taf.example", kilobytes: 30 },
  { name: "home, reviewer", route: homePage, path: () => "/", email: "reviewer.eu@taf.example", kilobytes: 30 },
  { name: "home, country advisor", route: homePage, path: () => "/", email: "advisor.mk@taf.example", kilobytes: 30 },
  {
    name: "proposal page, administrator",
    route: proposalPage,
    path: () => `/proposals/${demoProposalId(FIRST_PROPOSAL)}`,
    params: () => ({ proposalId: String(demoProposalId(FIRST_PROPOSAL)) }),
    email: "admin@taf.example",
    kilobytes: 30,
  },
  {
    name: "proposal page, its applicant",
    route: proposalPage,
    path: () => `/proposals/${demoProposalId(FIRST_PROPOSAL)}`,
    params: () => ({ proposalId: String(demoProposalId(FIRST_PROPOSAL)) }),
    email: "applicant.xk@taf.example",
    kilobytes: 30,
  },
  {
    name: "review page, its reviewer",
    route: reviewPage,
    path: () => `/reviews/${assignmentOfReviewer("reviewer.eu@taf.example")}`,
    params: () => ({ assignmentId: String(assignmentOfReviewer("reviewer.eu@taf.example")) }),
    email: "reviewer.eu@taf.example",
    kilobytes: 30,
  },
  { name: "proposals table", route: proposalsTable, path: () => "/admin/proposals", email: "admin@taf.example", kilobytes: 60 },
  { name: "proposals table, searched and filtered", route: proposalsTable, path: () => "/admin/proposals?q=macedonia&country=MK", email: "admin@taf.example", kilobytes: 60 },
  { name: "people list", route: peopleList, path: () => "/admin/people", email: "admin@taf.example", kilobytes: 40 },
  { name: "institutions list", route: institutionsList, path: () => "/admin/institutions", email: "admin@taf.example", kilobytes: 40 },
  { name: "rounds list", route: roundsList, path: () => "/admin/rounds", email: "admin@taf.example", kilobytes: 40 },
  { name: "eligibility desk", route: eligibilityDesk, path: () => "/admin/eligibility", email: "admin@taf.example", kilobytes: 60 },
  { name: "activity log", route: activityLog, path: () => "/admin/audit", email: "admin@taf.example", kilobytes: 60 },
  { name: "mailbox", route: mailboxPage, path: () => "/admin/mailbox", email: "admin@taf.example", kilobytes: 40 },
  { name: "activities timeline", route: activitiesTimeline, path: () => "/admin/activities", email: "admin@taf.example", kilobytes: 60 },
  { name: "dashboard", route: dashboardPage, path: () => "/admin/dashboard", email: "admin@taf.example", kilobytes: 40 },
];

type Cost = { statements: number; bytes: number; status: number; executed: [string, unknown[]][] };

/** What one request to the page costs: the statements of the root loader and the page's, and the page's data in bytes. */
async function costOf(page: Page, cookie: string): Promise<Cost> {
  const options = { cookie, params: page.params?.() ?? {} };
  const spy = spyOnStatements();
  await load(rootRoute, page.path(), options);
  const data = await load(page.route, page.path(), options);
  const executed = [...spy.mock.calls];
  spy.mockRestore();
  return { statements: executed.length, executed, bytes: JSON.stringify(data).length, status: statusOf(data) };
}

async function costsOfEveryPage() {
  const costs: Record<string, Cost> = {};
  for (const page of PAGES) {
    const cookie = await signInAs(page.email);
    // Once before counting: what a connection prepares once is not a page's cost.
    await costOf(page, cookie);
    costs[page.name] = await costOf(page, cookie);
  }
  return costs;
}

/** 80 more proposals across the stages, led by and joined by the demo's people's institutions. */
function moreProposals() {
  const round = makeRound();
  const stages = ["awaitingDecision", "awaitingReviewers", "reviewing", "ongoing"] as const;
  for (let i = 0; i < 80; i++) {
    const title = `Generated proposal ${i}`;
    if (i % 5 === 4) makeProposal({ round, title, partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });
    else driveTo(stages[i % 4]!, { round, title, partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });
  }
}

/** Tables that grow with the programme: a plan may search them, or walk an index to a LIMIT, never read them whole. */
const GROWING = new Set([
  "proposals", "proposal_events", "proposal_partners", "proposal_versions", "proposal_topics", "proposal_comments", "proposal_deadlines",
  "proposal_decisions", "advisor_shares", "partner_departures", "eligibility_checks", "review_assignments", "assignment_events", "reviews",
  "activities", "activity_reports", "activity_participants", "attachments", "audit_log", "outbox", "outbox_attempts", "mailbox",
]);

/**
 * Full scans that are bounded: an index walked in its order and stopped by the statement's
 * LIMIT at the page (the statement must have one).
 */
const WALKED_TO_A_LIMIT = [
  /^SCAN proposals USING INDEX proposals_updated$/, // the proposals table and the advisors' home, newest first
  /^SCAN proposals USING COVERING INDEX proposals_updated$/, // the proposals table searched, newest first, each id looked up among the matches
  /^SCAN audit_log USING INDEX audit_log_at$/, // the activity log, newest first
  /^SCAN proposal_events USING INDEX proposal_events_at$/,
  /^SCAN mailbox$/, // the mailbox, newest first by its id (the table's own order)
];

/** The tables a statement names, by their aliases: `from audit_log a` makes "a" audit_log. */
function tablesByAlias(source: string) {
  const byAlias = new Map<string, string>();
  for (const [, table, alias] of source.matchAll(/\b(?:from|join)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    byAlias.set(table!, table!);
    if (alias && !/^(on|where|inner|left|join|order|group|limit|indexed|union|as)$/i.test(alias)) byAlias.set(alias, table!);
  }
  return byAlias;
}

const planOf = (source: string, parameters: unknown[]) =>
  (connection().sqlite.prepare(`explain query plan ${source}`).all(...parameters) as { detail: string }[]).map((step) => step.detail);

/** The steps of a statement's plan that read a growing table whole, named by the table. */
function wholeReads(source: string, parameters: unknown[]) {
  const steps = planOf(source, parameters);
  const byAlias = tablesByAlias(source);
  return steps
    .map((step) => {
      const scanned = /^SCAN (\w+)(.*)$/.exec(step);
      if (!scanned) return null;
      const table = byAlias.get(scanned[1]!) ?? scanned[1]!;
      const named = `SCAN ${table}${scanned[2]}`;
      if (!GROWING.has(table)) return null;
      if (/\blimit\b/i.test(source) && WALKED_TO_A_LIMIT.some((walk) => walk.test(named))) return null;
      return named;
    })
    .filter((step): step is string => step !== null);
}

describe("what each page costs", () => {
  it("runs the same statements with 80 more proposals as with the demo's, reads no growing table whole, and sends its data once", async () => {
    driveTo("reviewing", { title: UNDER_REVIEW });
    const few = await costsOfEveryPage();
    moreProposals();
    const many = await costsOfEveryPage();

    console.log(PAGES.map((page) => `${page.name}: ${few[page.name]!.statements} → ${many[page.name]!.statements} statements, ${few[page.name]!.bytes} → ${many[page.name]!.bytes} B`).join("\n"));
    for (const page of PAGES) {
      expect(few[page.name]!.status, page.name).toBe(200);
      expect(many[page.name]!.statements, page.name).toBe(few[page.name]!.statements);
      expect(many[page.name]!.bytes, `${page.name}: bytes of loader data`).toBeLessThan(page.kilobytes * 1024);
      const scans = many[page.name]!.executed.flatMap(([source, parameters]) => wholeReads(source, parameters).map((step) => `${step}\n    in ${source.slice(0, 300)}`));
      expect(scans, `${page.name}: no growing table read whole`).toEqual([]);
    }
    // The lists grew with the data: the counts above were measured over real rows.
    const home = (await load(homePage, "/", { cookie: await signInAs("admin@taf.example") })) as Awaited<ReturnType<typeof homePage.loader>>;
    expect(home.administrator?.proposals.pages.total).toBeGreaterThan(60);
    expect(home.administrator?.proposals.pages.pageCount).toBeGreaterThan(1);
  }, 120_000);

  it("keeps the figures the pages show in step with the rows they count, through every write", () => {
    driveTo("reviewing", { title: UNDER_REVIEW });
    moreProposals();
    const sqlite = connection().sqlite;
    const counted = sqlite.prepare("select round_id, state, reference is not null as submitted, count(*) as n from proposals group by 1, 2, 3 order by 1, 2, 3").all();
    const kept = sqlite.prepare("select round_id, state, submitted, n from proposal_tallies where n <> 0 order by 1, 2, 3").all();
    expect(kept).toEqual(counted);
    const named = Object.fromEntries((sqlite.prepare("select name, n from tallies").all() as { name: string; n: number }[]).map((row) => [row.name, row.n]));
    const count = (query: string) => (sqlite.prepare(query).get() as { n: number }).n;
    expect(named).toEqual({
      mailbox: count("select count(*) as n from mailbox"),
      audit_log: count("select count(*) as n from audit_log"),
      proposal_events: count("select count(*) as n from proposal_events"),
      activities: count("select count(*) as n from activities"),
      "users:active": count("select count(*) as n from users where active"),
      "institutions:active": count("select count(*) as n from institutions where active"),
    });
    expect(named.proposal_events).toBeGreaterThan(80);
    expect(named.activities).toBeGreaterThan(0);
    const days = "select a.id, coalesce(r.held_on, a.starts_on) as day from activities a left join activity_reports r on r.proposal_id = a.proposal_id and r.activity_key = a.key order by a.id";
    expect(sqlite.prepare("select activity_id as id, happens_on as day from activity_days order by activity_id").all()).toEqual(sqlite.prepare(days).all());
  }, 60_000);
});

describe("the proposals table searched and narrowed to a country", () => {
  it("counts and pages what the words and the country match from the search index alone, and reads the partners of no proposal to find them", async () => {
    moreProposals();
    const cookie = await signInAs("admin@taf.example");
    const path = "/admin/proposals?q=generated&country=MK";
    // The statements a load sends that search the index (the rows' statement reads each row's countries from it by rowid).
    const searching = async () => {
      const spy = spyOnStatements();
      const data = (await load(proposalsTable, path, { cookie })) as Awaited<ReturnType<typeof proposalsTable.loader>>;
      const searched = spy.mock.calls.filter(([source]) => source.includes("proposal_search match")).map(([source, parameters]) => ({ source, steps: planOf(source, parameters) }));
      spy.mockRestore();
      return { data, searched };
    };
    const { data, searched } = await searching();
    // The 80 generated proposals, each with a confirmed partner of North Macedonia.
    expect(data.proposals.pages.total).toBe(80);
    expect(data.proposals.rows).toHaveLength(50);
    // One statement asks the index, once, for the page and the total.
    expect(searched).toHaveLength(1);
    const [{ steps }] = searched as [(typeof searched)[number]];
    expect(steps.filter((step) => /VIRTUAL TABLE/.test(step)).length).toBeGreaterThan(0);
    // The index, the order of the last change and the states of proposals whose partner is only
    // invited from their indexes: no row of a table, and no partner of any proposal.
    expect(steps.filter((step) => /^(SEARCH|SCAN) /.test(step) && !/VIRTUAL TABLE|COVERING INDEX|^SCAN \(subquery|^SCAN matches/.test(step))).toEqual([]);
    expect(steps.filter((step) => /proposal_partners|\bpp\b/.test(step))).toEqual([]);

    // The page is kept until the next write: seen again, the index is not asked; after a write it is.
    const again = await searching();
    expect(again.searched).toEqual([]);
    expect(again.data.proposals.rows.map((row) => row.id)).toEqual(data.proposals.rows.map((row) => row.id));
    const last = data.proposals.rows.at(-1)!;
    db().update(proposals).set({ updatedAt: new Date(Date.now() + 60_000) }).where(eq(proposals.id, last.id)).run();
    const written = await searching();
    expect(written.searched).toHaveLength(1);
    expect(written.data.proposals.rows[0]!.id).toBe(last.id);
  });
});

describe("the session lookup", () => {
  it("finds the session by its token alone, through indexes", async () => {
    const cookie = await signInAs("applicant.xk@taf.example");
    const spy = spyOnStatements();
    await load(rootRoute, "/", { cookie });
    const [session] = spy.mock.calls;
    spy.mockRestore();
    const plan = (connection().sqlite.prepare(`explain query plan ${session![0]}`).all(...session![1]) as { detail: string }[]).map((step) => step.detail);
    expect(plan[0]).toMatch(/SEARCH sessions USING INDEX/);
    expect(plan.filter((step) => step.startsWith("SCAN"))).toEqual([]);
  });
});
