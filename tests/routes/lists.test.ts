import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import { loadDemoData } from "../../app/demo/demo.server";
import * as institutionsPage from "../../app/routes/admin.institutions._index";
import * as mailboxPage from "../../app/routes/admin.mailbox._index";
import * as peoplePage from "../../app/routes/admin.people._index";
import * as roundPage from "../../app/routes/admin.rounds.$roundId";
import * as home from "../../app/routes/_index";
import { DESK_ROWS } from "../../app/home/home.server";
import { PAGE_SIZE } from "../../app/pagination.server";
import { institutions, mailbox, memberships, outbox, proposalPartners, proposals, reviewAssignments, users } from "../../db/schema";
import { pageHref } from "../../app/components/pagination";
import type { Route } from "../support/http";
import { load, signInAs, statusOf } from "../support/http";
import { driveTo, KOSOVO_POLICE, MK_PROSECUTION, userId } from "../workflow-server/builders";

// Every list pages by 50 ("1–50 of 312"), the TAF team's desk by DESK_ROWS: a page costs the same few statements however long the
// list, every row is reachable through the pages, and a page number is never a 500.

type Pages = { param: string; page: number; pageCount: number; total: number; first: number; last: number };
type List = { rows: { id: number }[]; pages: Pages };
type Home = Awaited<ReturnType<typeof home.loader>>;
type Lists = Record<string, unknown> & { pages: Pages };
type ListCase = { name: string; email: string; route: Route; path: string; params?: Record<string, string>; param: string; size?: number; list: (data: unknown) => List };

/**
 * A proposal in the EU review (where its reviewers see it), led from Kosovo*, with a partner
 * from North Macedonia, assigned to reviewer.eu.
 */
const MODEL = "Joint investigations of drug-trafficking networks, under EU review";

let cases: ListCase[];
/** The statements each list's first page cost with only 5 rows added. */
const withFewRows = new Map<string, number>();

beforeAll(async () => {
  await loadDemoData(db());
  driveTo("reviewing", { title: MODEL, lead: KOSOVO_POLICE, partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });
  const roundId = db().select({ roundId: proposals.roundId }).from(proposals).where(eq(proposals.title, MODEL)).get()!.roundId;
  const round = { path: `/admin/rounds/${roundId}`, params: { roundId: String(roundId) } };
  cases = [
    { name: "an applicant's home", email: "applicant.xk@taf.example", route: home, path: "/", param: "ourPage", list: (d) => (d as Home).applicant!.proposals },
    { name: "a reviewer's home", email: "reviewer.eu@taf.example", route: home, path: "/", param: "reviewPage", list: (d) => (d as Home).reviewer!.assignments },
    {
      name: "a country advisor's home",
      email: "advisor.mk@taf.example",
      route: home,
      path: "/",
      param: "countryPage",
      list: (d) => (d as Home).countryAdvisor!.proposals,
    },
    { name: "the TAF team's home", email: "admin@taf.example", route: home, path: "/", param: "progressPage", size: DESK_ROWS, list: (d) => (d as Home).administrator!.proposals },
    { name: "a round's page", email: "admin@taf.example", route: roundPage, ...round, param: "page", list: (d) => (d as { proposals: List }).proposals },
    {
      name: "people",
      email: "admin@taf.example",
      route: peoplePage,
      path: "/admin/people",
      param: "page",
      list: (d) => ({ rows: (d as Lists).people as List["rows"], pages: (d as Lists).pages }),
    },
    {
      name: "institutions",
      email: "admin@taf.example",
      route: institutionsPage,
      path: "/admin/institutions",
      param: "page",
      list: (d) => ({ rows: (d as Lists).institutions as List["rows"], pages: (d as Lists).pages }),
    },
    {
      name: "received mail",
      email: "admin@taf.example",
      route: mailboxPage,
      path: "/admin/mailbox",
      param: "page",
      list: (d) => ({ rows: (d as Lists).received as List["rows"], pages: (d as Lists).pages }),
    },
    {
      name: "undelivered mail",
      email: "admin@taf.example",
      route: mailboxPage,
      path: "/admin/mailbox",
      param: "undeliveredPage",
      list: (d) => ({ rows: (d as Lists).undelivered as List["rows"], pages: (d as Lists).undeliveredPages as Pages }),
    },
  ];
  addRows(5);
  for (const list of cases) {
    expect(list.list(await open(list)).rows.length, list.name).toBeGreaterThanOrEqual(5);
    withFewRows.set(list.name, await statementsFor(list));
  }
  addRows(115);
});

let added = 0;

/** Adds `n` rows to every list: proposals like MODEL, people, institutions, received and waiting mail. */
function addRows(n: number) {
  const model = db().select().from(proposals).where(eq(proposals.title, MODEL)).get()!;
  const partners = db().select().from(proposalPartners).where(eq(proposalPartners.proposalId, model.id)).all();
  const reviewer = userId("reviewer.eu@taf.example");
  const xk = db().select({ id: institutions.id }).from(institutions).where(eq(institutions.name, "Kosovo* Police")).get()!.id;
  db().transaction((tx) => {
    for (let i = 0; i < n; i++) {
      const at = added++;
      const { id: _, reference: __, ...copy } = model;
      const proposal = tx
        .insert(proposals)
        .values({ ...copy, title: `Copy ${String(at).padStart(3, "0")} of the drug-trafficking investigations` })
        .returning()
        .get();
      for (const { id: _, ...partner } of partners)
        tx.insert(proposalPartners)
          .values({ ...partner, proposalId: proposal.id })
          .run();
      tx.insert(reviewAssignments).values({ proposalId: proposal.id, reviewerUserId: reviewer, dueAt: model.updatedAt }).run();
      const person = tx
        .insert(users)
        .values({ email: `listed${at}@example.org`, name: `Listed Person ${at}` })
        .returning()
        .get();
      tx.insert(memberships).values({ userId: person.id, role: "applicant", institutionId: xk }).run();
      tx.insert(institutions)
        .values({ name: `Border Crossing Point ${at}`, countryCode: "RS", type: "lawEnforcementAgency", chapter24: true })
        .run();
      tx.insert(mailbox)
        .values({ receivedAt: model.updatedAt, envelopeFrom: "portal@taf.example", envelopeTo: `listed${at}@example.org`, subject: `Message ${at}`, text: "…" })
        .run();
      tx.insert(outbox)
        .values({
          idempotencyKey: `listed:${at}`,
          template: "test",
          recipient: `listed${at}@example.org`,
          subject: `Waiting ${at}`,
          html: "",
          text: "",
          nextAttemptAt: model.updatedAt,
        })
        .run();
    }
  });
}

const cookies = new Map<string, string>();
async function cookieFor(email: string) {
  if (!cookies.has(email)) cookies.set(email, await signInAs(email));
  return cookies.get(email)!;
}

async function open(list: ListCase, page?: string) {
  const search = page === undefined ? "" : `?${new URLSearchParams({ [list.param]: page })}`;
  return load(list.route, list.path + search, { cookie: await cookieFor(list.email), params: list.params });
}

/** The statements a page of the list prepares on the database connection. */
async function statementsFor(list: ListCase) {
  // Once before counting: a list's length kept until the next write (keptUntilWritten) is
  // counted on the first visit after one, which is the write's cost, not the page's.
  await open(list);
  const spy = spyOnStatements();
  await open(list);
  const n = spy.mock.calls.length;
  spy.mockRestore();
  return n;
}

describe("lists page by 50", () => {
  it("cost the same statements with 5 rows added and with 120, and reach every row, the third page's first included", async () => {
    for (const list of cases) {
      const size = list.size ?? PAGE_SIZE;
      expect(await statementsFor(list), list.name).toBe(withFewRows.get(list.name));
      const first = list.list(await open(list));
      expect(first.rows, list.name).toHaveLength(size);
      expect(first.pages, list.name).toMatchObject({ param: list.param, page: 1, first: 1, last: size });
      expect(first.pages.total, list.name).toBeGreaterThanOrEqual(120);

      const third = list.list(await open(list, "3"));
      expect(third.pages, list.name).toMatchObject({ page: 3, first: 2 * size + 1 });
      const ids: number[] = [];
      for (let page = 1; page <= first.pages.pageCount; page++) ids.push(...list.list(await open(list, String(page))).rows.map((row) => row.id));
      expect(ids.length, list.name).toBe(first.pages.total);
      expect(new Set(ids).size, list.name).toBe(ids.length);
    }
  });

  it("show the last page for a page past the end", async () => {
    for (const list of cases) {
      const last = list.list(await open(list, String(list.list(await open(list)).pages.pageCount)));
      const beyond = list.list(await open(list, "99999999999"));
      expect(beyond.pages, list.name).toEqual(last.pages);
      expect(
        beyond.rows.map((row) => row.id),
        list.name,
      ).toEqual(last.rows.map((row) => row.id));
      expect(beyond.rows.length, list.name).toBeGreaterThan(0);
    }
  });

  it("answer a page number that is not one with a 400 in words", async () => {
    for (const list of cases) {
      for (const page of ["0", "-1", "two", "1.5", "1e3", "9999999999999999999"]) {
        const response = await open(list, page);
        expect(statusOf(response), `${list.name}, page ${page}`).toBe(400);
        expect(await (response as Response).text()).toMatch(/is not a page number/);
      }
    }
  });

  it("keep the filters and the other lists' pages in their Previous and Next links", async () => {
    const cookie = await cookieFor("admin@taf.example");
    const filtered = (await load(peoplePage, "/admin/people?q=listed&page=2", { cookie })) as Lists;
    expect(filtered.pages).toMatchObject({ page: 2, first: 51, last: 100, total: 120 });
    expect((filtered.people as { email: string }[]).every((person) => person.email.startsWith("listed"))).toBe(true);

    const home = { pathname: "/", search: "?ourPage=2&reviewPage=3" };
    expect(pageHref(home, "reviewPage", 4)).toBe("/?ourPage=2&reviewPage=4");
    expect(pageHref(home, "ourPage", 1)).toBe("/?reviewPage=3");
    expect(pageHref({ pathname: "/admin/people", search: "?q=listed&role=applicant" }, "page", 2)).toBe("/admin/people?q=listed&role=applicant&page=2");
    expect(pageHref({ pathname: "/admin/people", search: "?page=2" }, "page", 1)).toBe("/admin/people");
  });
});
