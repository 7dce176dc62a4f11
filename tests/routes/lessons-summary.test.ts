import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { spyOnStatements } from "../support/statements";
import { db } from "../../app/db.server";
import { lessonsOfRound } from "../../app/lessons/lessons.server";
import * as csvRoute from "../../app/routes/admin.rounds.$roundId_.lessons[.csv]";
import * as lessonsRoute from "../../app/routes/admin.rounds.$roundId_.lessons";
import { auditLog, feedbackAnswers, feedbackInvitations, institutions } from "../../db/schema";
import { KOSOVO_FOOTNOTE } from "../../workflows/countries";
import { createTranslator } from "../../workflows/messages";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf } from "../support/http";
import { roundIdByCode, userId } from "../workflow-server/builders";

// The administrators' summary of a round's lessons learnt, on the closed demo round 2026-R1 whose
// figures are computed by hand from app/demo/lessons.server.ts: five answers, of the ten
// institutions that led or partnered its five proposals.

useDatabase("demo");

/** The summary as an English page reads it. */
const ENGLISH = { t: createTranslator("en"), language: "en" as const };

type Page = Exclude<Awaited<ReturnType<typeof lessonsRoute.loader>>, Response>;

async function summary(roundId: number, query = "") {
  const result = await load(lessonsRoute, `/admin/rounds/${roundId}/lessons${query}`, { cookie: await signInAs("admin@taf.example"), params: { roundId: String(roundId) } });
  if (result instanceof Response) throw new Error(`The lessons page answered ${result.status}`);
  return result as Page;
}

describe("a round's lessons learnt", () => {
  it("sums up the closed demo round: answers in of asked, each question's average and distribution", () => {
    const lessons = lessonsOfRound(db(), roundIdByCode("2026-R1"), ENGLISH)!;
    expect(lessons.survey).toMatchObject({ open: false, closedAt: expect.any(String) });
    expect({ asked: lessons.asked, answered: lessons.answered }).toEqual({ asked: 10, answered: 5 });
    // guidance 4,4,5,3,5 · form 4,3,4,4,5 · timing 3,3,2,4,4 · support 5,5,4,3,5
    expect(lessons.questions.map((q) => [q.id, q.answered, q.average])).toEqual([
      ["guidance", 5, 4.2],
      ["form", 5, 4],
      ["timing", 5, 3.2],
      ["support", 5, 4.4],
    ]);
    expect(lessons.questions[0]!.distribution.map((d) => d.count)).toEqual([0, 0, 1, 2, 2]);
    expect(lessons.questions[2]!.distribution.map((d) => d.count)).toEqual([0, 1, 2, 2, 0]);
  });

  it("lists the comments with institution and country (the Ministry of Justice of Montenegro wrote none), and the completion reports' lessons", () => {
    const lessons = lessonsOfRound(db(), roundIdByCode("2026-R1"), ENGLISH)!;
    expect(lessons.comments.map((c) => [c.institution, c.country.name, c.country.needsFootnote])).toEqual([
      ["Albanian State Police", "Albania", false],
      ["State Investigation and Protection Agency (SIPA)", "Bosnia and Herzegovina", false],
      ["Kosovo* Police", "Kosovo", true],
      ["Public Prosecutor's Office of North Macedonia", "North Macedonia", false],
    ]);
    expect(lessons.comments[2]).toMatchObject({ answeredBy: "Arben Krasniqi", comment: expect.stringMatching(/^The guide was clear/) });
    expect(lessons.lessonsLearnt).toEqual([
      expect.objectContaining({ lead: "Ministry of Justice of Montenegro", lessonsLearnt: expect.stringMatching(/^Involving the prosecutors who write most requests/) }),
    ]);
  });

  it("pages the comments by 50 with the same few queries however many there are", async () => {
    const roundId = roundIdByCode("2026-R1");
    const count = async (query = "") => {
      const spy = spyOnStatements();
      const page = await summary(roundId, query);
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return { n, page };
    };
    const few = await count();
    db().transaction((tx) => {
      const by = userId("applicant.xk@taf.example");
      for (let i = 0; i < 60; i++) {
        const institution = tx.insert(institutions).values({ name: `Bulk institution ${String(i).padStart(2, "0")}`, countryCode: "RS", type: "police" }).returning().get();
        tx.insert(feedbackInvitations).values({ roundId, institutionId: institution.id, askedAt: new Date() }).run();
        tx.insert(feedbackAnswers).values({ roundId, institutionId: institution.id, ratings: { guidance: 3, form: 3, timing: 3, support: 3 }, comment: `Comment ${i}`, answeredByUserId: by, answeredAt: new Date() }).run();
      }
    });
    const many = await count();
    expect(many.n).toBe(few.n);
    expect(many.page.comments.rows).toHaveLength(50);
    expect(many.page.comments.pages).toMatchObject({ total: 64, pageCount: 2 });
    const second = await summary(roundId, "?commentsPage=2");
    expect(second.comments.rows).toHaveLength(14);
    expect(many.page.answered).toBe(65);
  });

  it("exports as CSV: the figures, the comments with Kosovo*, cells safe from formulas, the footnote last, and an audit row", async () => {
    const roundId = roundIdByCode("2026-R1");
    const police = db().select({ id: institutions.id }).from(institutions).where(eq(institutions.name, "Kosovo* Police")).get()!.id;
    db().update(feedbackAnswers).set({ comment: "=HYPERLINK(\"http://example.org\")" }).where(and(eq(feedbackAnswers.roundId, roundId), eq(feedbackAnswers.institutionId, police))).run();

    const response = (await load(csvRoute, `/admin/rounds/${roundId}/lessons.csv`, { cookie: await signInAs("admin@taf.example"), params: { roundId: String(roundId) } })) as Response;
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="lessons-learnt-2026-R1-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await response.text();
    const lines = text.trim().split("\r\n");
    expect(lines).toContain("Institutions asked,10");
    expect(lines).toContain("Answers in,5");
    expect(lines).toContain("How clear were the guide to applicants and the round's criteria?,The guidance,5,4.2,0,0,1,2,2");
    expect(text).toContain(`Kosovo* Police,Kosovo*,"'=HYPERLINK(""http://example.org"")"`);
    expect(lines.at(-1)).toBe(KOSOVO_FOOTNOTE);
    const audited = db().select().from(auditLog).where(eq(auditLog.action, "round.lessonsExported")).all();
    expect(audited).toEqual([expect.objectContaining({ subjectType: "round", subjectId: String(roundId), actorUserId: userId("admin@taf.example") })]);
  });

  it("is the administrators' alone", async () => {
    const roundId = roundIdByCode("2026-R1");
    for (const email of ["applicant.xk@taf.example", "reviewer.eu@taf.example", "advisor.mk@taf.example"]) {
      const cookie = await signInAs(email);
      expect(statusOf(await load(lessonsRoute, `/admin/rounds/${roundId}/lessons`, { cookie, params: { roundId: String(roundId) } }))).toBe(403);
      expect(statusOf(await load(csvRoute, `/admin/rounds/${roundId}/lessons.csv`, { cookie, params: { roundId: String(roundId) } }))).toBe(403);
    }
  });
});
