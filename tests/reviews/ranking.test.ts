import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import { applyAssignmentCommand } from "../../app/reviews/assignments.server";
import { formulaSafe } from "../../app/csv.server";
import * as rankingCsvRoute from "../../app/routes/admin.rounds.$roundId_.ranking[.csv]";
import * as rankingRoute from "../../app/routes/admin.rounds.$roundId_.ranking";
import { auditLog, proposals, reviewAssignments } from "../../db/schema";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { useDatabase } from "../support/database";
import { load, signInAs } from "../support/http";
import { roundIdByCode } from "../support/tables";
import { actorFor, driveTo, makeRound, proposalIdByTitle, userId } from "../workflow-server/builders";

// The ranking of a round: every proposal that reached the EU review, scored from its submitted
// reviews only, sortable by column through the address, in a fixed number of statements; and
// its CSV export, which a spreadsheet can only read as text.

useDatabase("demo");

const ASSETS = "Tracing and confiscating criminal assets across borders";
const SMUGGLING = "Migrant smuggling on the Balkan route: joint analysis of border crossings";
const PRISONS = "Preventing radicalisation in prisons: a practice exchange";
const FIREARMS = "Tracing seized firearms across borders: joint firearms focal points";

type Ranking = Exclude<Awaited<ReturnType<typeof rankingRoute.loader>>, Response>;

async function ranking(roundId: number, search = "") {
  const result = await load(rankingRoute, `/admin/rounds/${roundId}/ranking${search}`, { cookie: await signInAs("admin@taf.example"), params: { roundId: String(roundId) } });
  if (result instanceof Response) throw new Error(`The ranking answered ${result.status}`);
  return result as Ranking;
}

async function csv(roundId: number) {
  const result = await load(rankingCsvRoute, `/admin/rounds/${roundId}/ranking.csv`, { cookie: await signInAs("admin@taf.example"), params: { roundId: String(roundId) } });
  return result as Response;
}

const titles = (page: Ranking) => page.rows.map((row) => row.title);

describe("a round's ranking", () => {
  it("lists the proposals that reached the EU review, best first, with their aggregates from submitted reviews", async () => {
    const page = await ranking(roundIdByCode("2026-R2"));
    // The second call's other proposals are still in the eligibility check or drafts.
    expect(titles(page)).toEqual([FIREARMS, ASSETS, SMUGGLING, PRISONS]);
    const [firearms, assets, smuggling, prisons] = page.rows;

    // Both reviews in and the review closed: (5 + 4 + 4 + 4 + 4) / 5 and 4, at “Selection: waiting for your decision”, as the TAF team reads it.
    expect(firearms!.aggregate).toMatchObject({ reviewsIn: 2, assigned: 2, weightedMean: 4.1 });
    expect([firearms!.stage, firearms!.decidable, assets!.decidable]).toEqual(["Selection: waiting for your decision", true, false]);

    // One review in of two: reviewer.expert's draft, scored in part, does not count.
    expect(assets!.aggregate).toMatchObject({ reviewsIn: 1, assigned: 2, weightedMean: 3.8, weightedMedian: 3.8 });
    expect(assets!.aggregate.recommendations).toEqual({ promising: 1, notPromising: 0, needsClarification: 0 });
    expect(assets!.aggregate.confidence).toEqual({ low: 0, medium: 1, high: 0 });

    expect(smuggling!.aggregate).toMatchObject({ reviewsIn: 2, assigned: 2, weightedMean: 3.5, weightedMedian: 3.5 });
    expect(smuggling!.largestGap).toBe(3);
    expect(smuggling!.aggregate.disagreement.flagged).toBe(true);
    expect(smuggling!.aggregate.disagreement.reasons).toEqual(["Reviewers are 3 points apart on Regional (cross-border) added value (2 to 5)."]);
    expect(smuggling!.aggregate.recommendations).toEqual({ promising: 1, notPromising: 0, needsClarification: 1 });
    expect(smuggling!.placedBecause).toBe(`Weighted mean 3.50, below the 3.80 of ${assets!.reference}.`);

    // The conflicted reviewer holds no place; nothing is in yet.
    expect(prisons!.aggregate).toMatchObject({ reviewsIn: 0, assigned: 1, weightedMean: null });
    expect(prisons!.placedBecause).toBe("No scored review yet: placed after every scored proposal.");
    expect(prisons!.countries.map((c) => c.name)).toEqual(["Bosnia and Herzegovina", "North Macedonia"]);
  });

  it("counts only submitted reviews: a review reopened by its reviewer drops out until submitted again", async () => {
    const assignment = db()
      .select({ id: reviewAssignments.id })
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.proposalId, proposalIdByTitle(ASSETS)), eq(reviewAssignments.reviewerUserId, userId("reviewer.eu@taf.example"))))
      .get()!;
    const reopened = applyAssignmentCommand({ assignmentId: assignment.id, actor: actorFor("reviewer.eu@taf.example"), command: { type: "REOPEN_REVIEW" } });
    expect(reopened.ok, JSON.stringify(reopened)).toBe(true);
    const page = await ranking(roundIdByCode("2026-R2"));
    expect(page.rows.find((row) => row.title === ASSETS)!.aggregate).toMatchObject({ reviewsIn: 0, assigned: 2, weightedMean: null });
    expect(titles(page)).toEqual([FIREARMS, SMUGGLING, ASSETS, PRISONS]);
  });

  it("keeps proposals the review has moved on from: the first call's five, each with both reviews", async () => {
    const page = await ranking(roundIdByCode("2026-R1"));
    expect(page.rows).toHaveLength(5);
    for (const row of page.rows) expect([row.aggregate.reviewsIn, row.aggregate.assigned], row.title).toEqual([2, 2]);
    expect(page.rows.map((row) => row.stage)).toContain("Not selected");
  });

  it("sorts by the column the address names, either way, with proposals lacking the figure last", async () => {
    const roundId = roundIdByCode("2026-R2");
    const references = (page: Ranking) => page.rows.map((row) => row.reference);
    const byReference = await ranking(roundId, "?sort=reference&order=asc");
    expect(references(byReference)).toEqual([...references(byReference)].sort());
    expect(references(await ranking(roundId, "?sort=reference&order=desc"))).toEqual([...references(byReference)].reverse());

    expect(titles(await ranking(roundId, "?sort=mean&order=asc"))).toEqual([SMUGGLING, ASSETS, FIREARMS, PRISONS]);
    expect(titles(await ranking(roundId, "?sort=mean"))).toEqual([FIREARMS, ASSETS, SMUGGLING, PRISONS]);
    // Rows level on the column keep their rank order.
    expect(titles(await ranking(roundId, "?sort=disagreement"))).toEqual([SMUGGLING, FIREARMS, ASSETS, PRISONS]);
    expect(titles(await ranking(roundId, "?sort=reviews"))).toEqual([FIREARMS, SMUGGLING, ASSETS, PRISONS]);
    expect((await ranking(roundId, "?sort=reviews")).order).toEqual({ sort: "reviews", order: "desc" });

    // A hand-edited address falls back to the ranking.
    const unknown = await ranking(roundId, "?sort=drop%20table&order=sideways");
    expect(unknown.order).toEqual({ sort: "rank", order: "asc" });
    expect(titles(unknown)).toEqual([FIREARMS, ASSETS, SMUGGLING, PRISONS]);
  });

  it("costs the same statements with 2 proposals under review and with 12", async () => {
    const round = makeRound();
    const statements = async () => {
      const spy = spyOnStatements();
      const page = await ranking(round.id);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return { n, rows: page.rows.length };
    };
    for (let i = 0; i < 2; i++) driveTo("deciding", { round, title: `Reviewed ${i}` });
    const few = await statements();
    for (let i = 2; i < 12; i++) driveTo(i % 2 ? "deciding" : "reviewing", { round, title: `Reviewed ${i}` });
    const many = await statements();
    expect([few.rows, many.rows]).toEqual([2, 12]);
    expect(many.n).toBe(few.n);
  });
});

describe("the ranking's pages", () => {
  it("shows 50 rows a page, sorted across the pages, in the same statements with 3 proposals as with 53, while the CSV holds every row", async () => {
    const round = makeRound();
    const statements = async (search: string) => {
      const spy = spyOnStatements();
      const page = await ranking(round.id, search);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return { n, page };
    };
    for (let i = 0; i < 3; i++) driveTo("awaitingReviewers", { round, title: `Reviewed ${i}` });
    const few = await statements("");
    for (let i = 3; i < 53; i++) driveTo("awaitingReviewers", { round, title: `Reviewed ${i}` });
    const [first, second] = [await statements("?sort=reference&order=desc"), await statements("?sort=reference&order=desc&page=2")];

    expect([few.page.rows.length, first.page.rows.length, second.page.rows.length]).toEqual([3, 50, 3]);
    expect(second.page.pages).toMatchObject({ page: 2, pageCount: 2, total: 53, first: 51, last: 53 });
    expect([first.n, second.n]).toEqual([few.n, few.n]);
    const references = [...first.page.rows, ...second.page.rows].map((row) => row.reference);
    expect(new Set(references).size).toBe(53);
    expect(references).toEqual([...references].sort().reverse());
    // A page past the end, from a link made when there were more rows, shows the last one.
    expect((await ranking(round.id, "?page=9")).pages).toMatchObject({ page: 2, first: 51 });

    const lines = (await (await csv(round.id)).text()).trimEnd().split("\r\n");
    expect(lines).toHaveLength(1 + 53 + 1);
  });
});

describe("the ranking's CSV export", () => {
  it("is a file named for the round, in rank order, with Kosovo* written as such and its footnote as the last line", async () => {
    const response = await csv(roundIdByCode("2026-R1"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="ranking-2026-R1-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The byte order mark spreadsheet programs need to read UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^Rank,Reference,Title,Stage,Lead institution,Countries,Reviews in,Reviewers assigned,Weighted mean,/);
    expect(lines).toHaveLength(1 + 5 + 1);
    expect(lines.at(-1)).toBe(KOSOVO_FOOTNOTE);
    const standOut = lines.find((line) => line.includes("Joint investigations of complex drug-trafficking networks"))!;
    expect(standOut).toContain("Albania; Kosovo*; North Macedonia");
    expect(standOut.startsWith("1,TAF-2026-R1-")).toBe(true);
  });

  it("writes a cell that starts like a formula as text", async () => {
    db().update(proposals).set({ title: '=HYPERLINK("http://evil.example","Open")' }).where(eq(proposals.title, SMUGGLING)).run();
    const text = await (await csv(roundIdByCode("2026-R2"))).text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""Open"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(formulaSafe(`${start}1+1`)).toBe(`'${start}1+1`);
    expect(formulaSafe("Kosovo* Police")).toBe("Kosovo* Police");
    expect(formulaSafe("3.50")).toBe("3.50");
  });

  it("leaves an audit row for each export, naming who exported which round", async () => {
    const roundId = roundIdByCode("2026-R2");
    await csv(roundId);
    await csv(roundId);
    const rows = db().select().from(auditLog).where(eq(auditLog.action, "round.rankingExported")).all();
    expect(rows.map((row) => [row.actorUserId, row.subjectType, row.subjectId, row.detail])).toEqual([
      [userId("admin@taf.example"), "round", String(roundId), { proposals: 4 }],
      [userId("admin@taf.example"), "round", String(roundId), { proposals: 4 }],
    ]);
  });
});
