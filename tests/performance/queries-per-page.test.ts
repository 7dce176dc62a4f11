import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { connection, db } from "../../app/db.server";
import * as rootRoute from "../../app/root";
import * as dashboardPage from "../../app/routes/admin.dashboard";
import * as proposalsTable from "../../app/routes/admin.proposals._index";
import * as peopleList from "../../app/routes/admin.people._index";
import * as institutionsList from "../../app/routes/admin.institutions._index";
import * as homePage from "../../app/routes/_index";
import * as proposalPage from "../../app/routes/proposals.$proposalId._index";
import * as reviewPage from "../../app/routes/reviews.$assignmentId";
import { reviewAssignments } from "../../db/schema";
import { useDatabase } from "../support/database";
import type { Route } from "../support/http";
import { load, signInAs, statusOf } from "../support/http";
import { spyOnStatements } from "../support/statements";
import { DEMO_PROPOSALS, demoProposalId, driveTo, makeProposal, makeRound, MK_PROSECUTION, proposalIdByTitle, userId } from "../workflow-server/builders";

// What each page costs the database and the network, at the demo's size and with 200 more
// proposals in every stage: the same statements at both sizes (no query per row, no list read
// whole), and loader data under a budget that a payload sent twice would exceed. Counts and
// bytes only: speed is the benchmark's (docs/performance.md).

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
  { name: "people list", route: peopleList, path: () => "/admin/people", email: "admin@taf.example", kilobytes: 40 },
  { name: "institutions list", route: institutionsList, path: () => "/admin/institutions", email: "admin@taf.example", kilobytes: 40 },
  { name: "dashboard", route: dashboardPage, path: () => "/admin/dashboard", email: "admin@taf.example", kilobytes: 40 },
];

type Cost = { statements: number; bytes: number; status: number };

/** What one request to the page costs: the statements of the root loader and the page's, and the page's data in bytes. */
async function costOf(page: Page, cookie: string): Promise<Cost> {
  const options = { cookie, params: page.params?.() ?? {} };
  const spy = spyOnStatements();
  await load(rootRoute, page.path(), options);
  const data = await load(page.route, page.path(), options);
  const statements = spy.mock.calls.length;
  spy.mockRestore();
  return { statements, bytes: JSON.stringify(data).length, status: statusOf(data) };
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

/** 200 more proposals across the stages, led by and joined by the demo's people's institutions. */
function twoHundredMoreProposals() {
  const round = makeRound();
  const stages = ["awaitingDecision", "awaitingReviewers", "reviewing", "ongoing"] as const;
  for (let i = 0; i < 200; i++) {
    const title = `Generated proposal ${i}`;
    if (i % 5 === 4) makeProposal({ round, title, partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });
    else driveTo(stages[i % 4]!, { round, title, partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });
  }
}

describe("what each page costs", () => {
  it("runs the same statements with 200 more proposals as with the demo's, and sends its data once", async () => {
    driveTo("reviewing", { title: UNDER_REVIEW });
    const few = await costsOfEveryPage();
    twoHundredMoreProposals();
    const many = await costsOfEveryPage();

    console.log(PAGES.map((page) => `${page.name}: ${few[page.name]!.statements} → ${many[page.name]!.statements} statements, ${few[page.name]!.bytes} → ${many[page.name]!.bytes} B`).join("\n"));
    for (const page of PAGES) {
      expect(few[page.name]!.status, page.name).toBe(200);
      expect(many[page.name]!.statements, page.name).toBe(few[page.name]!.statements);
      expect(many[page.name]!.bytes, `${page.name}: bytes of loader data`).toBeLessThan(page.kilobytes * 1024);
    }
    // The lists grew with the data: the counts above were measured over real rows.
    const home = (await load(homePage, "/", { cookie: await signInAs("admin@taf.example") })) as Awaited<ReturnType<typeof homePage.loader>>;
    expect(home.administrator?.proposals.pages.total).toBeGreaterThan(160);
  }, 120_000);
});

describe("the home pages' query plans", () => {
  async function plansOf(email: string) {
    const cookie = await signInAs(email);
    const spy = spyOnStatements();
    await load(homePage, "/", { cookie });
    const calls = [...spy.mock.calls];
    spy.mockRestore();
    return calls.map(([source, parameters]) =>
      (connection().sqlite.prepare(`explain query plan ${source}`).all(...parameters) as { detail: string }[]).map((step) => step.detail).join("\n"),
    );
  }
  it("reads no proposal it does not show: no scan of the proposals on the TAF team's or the applicants' home", async () => {
    for (const email of ["admin@taf.example", "applicant.xk@taf.example"]) {
      const steps = await plansOf(email);
      expect(steps.length, email).toBeGreaterThan(2);
      expect(steps.filter((plan) => /\bSCAN proposals\b/.test(plan)), email).toEqual([]);
      expect(steps.some((plan) => /SEARCH proposals USING (COVERING )?INDEX|SEARCH proposals USING INTEGER PRIMARY KEY/.test(plan)), email).toBe(true);
    }
  });

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
