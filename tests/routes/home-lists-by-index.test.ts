import type { SQL } from "drizzle-orm";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { saveDraft } from "../../app/proposals/drafting.server";
import { PAGE_SIZE } from "../../app/pagination.server";
import * as home from "../../app/routes/_index";
import { proposalPartners, reviewAssignments } from "../../db/schema";
import { useDatabase } from "../support/database";
import { load, signInAs } from "../support/http";
import { ALBANIAN_POLICE, assignReviewers, at, DAY, driveTo, KOSOVO_POLICE, makeProposal, makeRound, MK_PROSECUTION, proposalRow } from "../workflow-server/builders";

// The applicant's and the reviewer's home find their page from an index, through facts of the
// proposal that triggers copy onto the rows the index orders (migration 0027): the proposal's
// last change onto its partners, its state onto its assignments. What a person sees must follow
// the proposal as it changes, whether their institution leads it or is its partner.

useDatabase("demo");

type Home = Awaited<ReturnType<typeof home.loader>>;

async function homeOf(email: string) {
  return (await load(home, "/", { cookie: await signInAs(email) })) as Home;
}

const titlesOf = (rows: { title: string }[]) => rows.map((row) => row.title);

describe("an applicant's home", () => {
  it("lists the proposals its institution leads and joins the latest changed first, and one the lead edits rises to the top of the partner's list", async () => {
    const round = makeRound();
    // More than a page of them, so that the oldest is found only if the index knows it changed.
    const partnered = Array.from({ length: PAGE_SIZE + 2 }, (_, n) =>
      makeProposal({ round, title: `Joint plan ${n + 1}`, lead: KOSOVO_POLICE, partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }] }),
    );
    // Led by the Albanian police itself, made after the others: first in its list.
    makeProposal({ round, title: "Albanian-led plan", lead: ALBANIAN_POLICE, partners: [{ institution: MK_PROSECUTION, status: "confirmed" }] });

    const before = (await homeOf("applicant.al@taf.example")).applicant!.proposals;
    expect(titlesOf(before.rows).slice(0, 3)).toEqual(["Albanian-led plan", `Joint plan ${PAGE_SIZE + 2}`, `Joint plan ${PAGE_SIZE + 1}`]);
    expect(titlesOf(before.rows)).not.toContain("Joint plan 1");

    const first = proposalRow(partnered[0]!.id);
    const saved = saveDraft({ proposalId: first.id, basedOn: first.updatedAt.getTime(), values: { ...first.content, title: "Joint plan 1, revised" } as never, now: at(DAY) });
    expect(saved.ok).toBe(true);

    for (const email of ["applicant.al@taf.example", "applicant.xk@taf.example"]) {
      const after = (await homeOf(email)).applicant!.proposals;
      expect(titlesOf(after.rows)[0], email).toBe("Joint plan 1, revised");
    }
    const after = (await homeOf("applicant.al@taf.example")).applicant!.proposals;
    expect(titlesOf(after.rows).slice(1, 3)).toEqual(["Albanian-led plan", `Joint plan ${PAGE_SIZE + 2}`]);
    expect(after.pages.total).toBe(before.pages.total);
  });

  it("no longer lists a proposal its institution declined, and says how many it lists", async () => {
    const round = makeRound();
    const { id } = makeProposal({ round, title: "A plan to decline", lead: KOSOVO_POLICE, partners: [{ institution: ALBANIAN_POLICE, status: "invited" }] });
    const listed = (await homeOf("applicant.al@taf.example")).applicant!.proposals;
    expect(titlesOf(listed.rows)).toContain("A plan to decline");

    db().update(proposalPartners).set({ status: "declined", respondedAt: at(DAY) }).where(eq(proposalPartners.proposalId, id)).run();
    const after = (await homeOf("applicant.al@taf.example")).applicant!.proposals;
    expect(titlesOf(after.rows)).not.toContain("A plan to decline");
    expect(after.pages.total).toBe(listed.pages.total - 1);
  });
});

describe("a reviewer's home", () => {
  it("lists the open assignments soonest due first, whether the review has begun or waits for reviewers, and none whose review closed", async () => {
    const waiting = driveTo("awaitingReviewers", { title: "Waiting for its reviewers" });
    const underway = driveTo("reviewing", { title: "Under review already" });
    const closed = driveTo("deciding", { title: "Review closed" });
    assignReviewers(waiting, ["reviewer.eu@taf.example"], at(3 * DAY));
    const dueOf = (id: number) => db().select({ dueAt: reviewAssignments.dueAt }).from(reviewAssignments).where(eq(reviewAssignments.proposalId, id)).get()!.dueAt;
    // driveTo assigned reviewer.eu to the one under review, due in 14 days: the waiting one comes first.
    expect(dueOf(underway).getTime()).toBeGreaterThan(at(3 * DAY).getTime());

    const { assignments } = (await homeOf("reviewer.eu@taf.example")).reviewer!;
    const titles = titlesOf(assignments.rows);
    expect(titles).toContain("Waiting for its reviewers");
    expect(titles).toContain("Under review already");
    expect(titles).not.toContain("Review closed");
    expect(titles.indexOf("Waiting for its reviewers")).toBeLessThan(titles.indexOf("Under review already"));
    const due = assignments.rows.map((row) => row.dueAt);
    expect(due).toEqual([...due].sort());
    expect(assignments.pages.total).toBe(assignments.rows.length);
    expect(proposalRow(closed).state).toBe("euReview.deciding");
  });
});

describe("the facts copied for the indexes", () => {
  it("stay those of the proposal through the whole process", () => {
    for (const point of ["awaitingReviewers", "reviewing", "deciding", "drafting", "ongoing"] as const) driveTo(point, { title: `Driven to ${point}` });
    const drifted = (copy: SQL) => db().get<{ n: number }>(sql`select count(*) as n from ${copy}`)!.n;
    expect(drifted(sql`review_assignments a join proposals p on p.id = a.proposal_id where a.proposal_state is not p.state`)).toBe(0);
    expect(drifted(sql`proposal_partners pp join proposals p on p.id = pp.proposal_id where pp.proposal_updated_at is not p.updated_at`)).toBe(0);
    // Not vacuous: assignments and partners went through those stages.
    expect(db().get<{ n: number }>(sql`select count(*) as n from review_assignments a join proposals p on p.id = a.proposal_id where p.state = 'conceptualWork.drafting'`)!.n).toBeGreaterThan(0);
  });
});
