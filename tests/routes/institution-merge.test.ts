import { and, count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog, institutions, memberships, proposalComments, proposalPartners, proposals, reviewerConflictRules } from "../../db/schema";
import { db } from "../../app/db.server";
import { createInstitution, institutionChoices, listInstitutions, updateInstitution } from "../../app/institutions/institutions.server";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import * as institutionRoute from "../../app/routes/admin.institutions.$institutionId";
import * as commentsRoute from "../../app/routes/proposals.$proposalId.comments";
import * as mergeRoute from "../../app/routes/admin.institutions.$institutionId_.merge";
import { useDatabase } from "../support/database";
import { load, signInAs, statusOf, submit } from "../support/http";
import { actorFor, addPerson, ALBANIAN_POLICE, expectHistoryReplays, institutionId, KOSOVO_POLICE, makeProposal, makeRound, MK_PROSECUTION, T0, userId } from "../workflow-server/builders";

// Merging a duplicate institution: everything pointing at it moves to the record kept, the
// duplicate stays as a record marked merged, and the proposals' histories still replay.

useDatabase("demo");

const DUPLICATE = "Kosovo Police Directorate (duplicate)";
const REASON = "The same police service, entered twice when it changed its name.";
let admin = "";

beforeEach(async () => {
  admin = await signInAs("admin@taf.example");
});

function addDuplicate() {
  const outcome = createInstitution({ id: userId("admin@taf.example"), name: "Anna Keller" }, { name: DUPLICATE, countryCode: "XK", type: "police", chapter23: false, chapter24: true, active: true });
  if (!outcome.ok) throw new Error("the duplicate was not added");
  return outcome.institutionId;
}

const mergePath = (id: number, query = "") => ({ path: `/admin/institutions/${id}/merge${query}`, params: { institutionId: String(id) } });
async function merge(duplicateId: number, into: number, options: { reason?: string; cookie?: string } = {}) {
  const { path, params } = mergePath(duplicateId);
  return submit(mergeRoute, path, { into: String(into), reason: options.reason ?? REASON }, { cookie: options.cookie ?? admin, params });
}
type Reply = { result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> } };
const merges = () => db().select({ n: count() }).from(auditLog).where(eq(auditLog.action, "institutionMerged")).get()!.n;
const row = (id: number) => db().select().from(institutions).where(eq(institutions.id, id)).get()!;

describe("merging a duplicate institution", () => {
  it("moves its proposals, partner rows, people, comments and conflict rules to the kept one, folding where both take part", async () => {
    const duplicate = addDuplicate();
    const kept = institutionId(KOSOVO_POLICE);
    addPerson({ email: "officer@duplicate.example", name: "Driton Gashi", role: "applicant", institution: DUPLICATE });
    // Led by the duplicate, with the kept one invited: the kept one leads after the merge.
    const led = makeProposal({ round: makeRound({ open: true }), lead: DUPLICATE, createdBy: "officer@duplicate.example", title: "Led by the duplicate", partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }, { institution: KOSOVO_POLICE, status: "invited" }] });
    // The duplicate confirmed where the kept one is only invited: the confirmation is kept.
    const both = makeProposal({ round: makeRound(), lead: ALBANIAN_POLICE, createdBy: "applicant.al@taf.example", title: "Both take part", partners: [{ institution: DUPLICATE, status: "confirmed" }, { institution: KOSOVO_POLICE, status: "invited" }] });
    const partnerOnly = makeProposal({ round: makeRound(), lead: MK_PROSECUTION, createdBy: "applicant.mk@taf.example", title: "The duplicate as partner", partners: [{ institution: DUPLICATE, status: "invited" }] });
    const officer = actorFor("officer@duplicate.example");
    db().delete(proposalPartners).where(and(eq(proposalPartners.proposalId, led.id), eq(proposalPartners.institutionId, kept))).run();
    expect(applyProposalCommand({ proposalId: led.id, actor: officer, command: { type: "SUBMIT" }, now: T0 }).ok).toBe(true);
    db().insert(proposalPartners).values({ proposalId: led.id, institutionId: kept, status: "declined", invitedAt: T0 }).run();
    const officerCookie = await signInAs("officer@duplicate.example");
    await submit(commentsRoute, `/proposals/${both.id}/comments`, { body: "We confirm from the directorate." }, { cookie: officerCookie, params: { proposalId: String(both.id) } });
    db().insert(reviewerConflictRules).values({ reviewerUserId: userId("reviewer.eu@taf.example"), institutionId: duplicate, reason: "Former employer", createdAt: T0 }).run();

    const { path, params } = mergePath(duplicate, `?into=${kept}`);
    const preview = (await load(mergeRoute, path, { cookie: admin, params })) as { preview: { ok: true; led: { name: string }[]; partnerOf: { folded: boolean }[]; people: { name: string }[]; comments: number; conflictRules: number } };
    expect(preview.preview).toMatchObject({ ok: true, people: [{ name: "Driton Gashi" }], comments: 1, conflictRules: 1 });
    expect(preview.preview.led).toHaveLength(1);
    expect(preview.preview.partnerOf.map((p) => p.folded)).toEqual([true, false]);

    const result = await merge(duplicate, kept);
    expect((result as Response).headers.get("Location")).toBe(`/admin/institutions/${kept}?notice=merged`);

    const ledRow = db().select().from(proposals).where(eq(proposals.id, led.id)).get()!;
    expect(ledRow.leadInstitutionId).toBe(kept);
    expect((ledRow.snapshot as { context: { leadInstitutionId: number } }).context.leadInstitutionId).toBe(kept);
    const partnersOf = (id: number) =>
      db().select({ institutionId: proposalPartners.institutionId, status: proposalPartners.status }).from(proposalPartners).where(eq(proposalPartners.proposalId, id)).orderBy(proposalPartners.institutionId).all();
    expect(partnersOf(led.id)).toEqual([{ institutionId: institutionId(ALBANIAN_POLICE), status: "confirmed" }]);
    expect(partnersOf(both.id)).toEqual([{ institutionId: kept, status: "confirmed" }]);
    expect(partnersOf(partnerOnly.id)).toEqual([{ institutionId: kept, status: "invited" }]);
    expect(db().select().from(memberships).where(eq(memberships.userId, userId("officer@duplicate.example"))).get()!.institutionId).toBe(kept);
    expect(db().select().from(proposalComments).where(eq(proposalComments.proposalId, both.id)).get()!.institutionId).toBe(kept);
    expect(db().select().from(reviewerConflictRules).where(eq(reviewerConflictRules.reviewerUserId, userId("reviewer.eu@taf.example"))).all().map((r) => r.institutionId)).toContain(kept);
    expect(row(duplicate)).toMatchObject({ mergedIntoId: kept, active: false });

    // The history names the duplicate as it was, and still replays to the stored snapshot.
    expectHistoryReplays(led.id);
    // The lead's applicant, now of the kept institution, still acts as the lead.
    expect(applyProposalCommand({ proposalId: led.id, actor: actorFor("officer@duplicate.example"), command: { type: "WITHDRAW", reason: "Merged and withdrawn for the test." }, now: T0 }).ok).toBe(true);
    expectHistoryReplays(led.id);

    const audits = db().select().from(auditLog).where(eq(auditLog.action, "institutionMerged")).all();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.detail).toMatchObject({ into: { id: kept }, reason: REASON, proposalsLed: [led.id], partnerRowsMoved: [partnerOnly.id], keptPartnerRowsNowLead: [led.id], comments: 1, conflictRules: 1 });
  });

  it("takes the duplicate out of every choice list and the directory, and links the two pages", async () => {
    const duplicate = addDuplicate();
    const kept = institutionId(KOSOVO_POLICE);
    await merge(duplicate, kept);
    expect(institutionChoices().map((c) => c.id)).not.toContain(duplicate);
    expect(institutionChoices(duplicate).map((c) => c.id)).not.toContain(duplicate);
    expect(listInstitutions({ search: "Kosovo" }, { param: "page", page: 1 }).rows.map((r) => r.id)).not.toContain(duplicate);
    const page = (id: number) => load(institutionRoute, `/admin/institutions/${id}`, { cookie: admin, params: { institutionId: String(id) } }) as Promise<{ mergedInto: { id: number } | null; mergedHere: { id: number }[] }>;
    expect((await page(duplicate)).mergedInto).toMatchObject({ id: kept });
    expect((await page(kept)).mergedHere.map((m) => m.id)).toEqual([duplicate]);
    const edit = updateInstitution({ id: null, name: "test" }, duplicate, { name: DUPLICATE, countryCode: "XK", type: "police", chapter23: false, chapter24: true, active: true });
    expect(edit).toMatchObject({ ok: false });
    expect(row(duplicate).active).toBe(false);
  });

  it("refuses another country, itself, an institution already merged and a missing reason, and changes nothing", async () => {
    const duplicate = addDuplicate();
    const kept = institutionId(KOSOVO_POLICE);
    const formError = async (result: unknown) => ((result as Reply).result.error?.[""] ?? [])[0];
    expect(await formError(await merge(duplicate, institutionId(ALBANIAN_POLICE)))).toBe("Only institutions of the same country can be merged: the two records are of different countries.");
    expect(await formError(await merge(duplicate, duplicate))).toBe("An institution cannot be merged into itself: choose the other record to keep.");
    const short = (await merge(duplicate, kept, { reason: "dup" })) as Reply;
    expect(short.result.error?.reason).toEqual(["Say in a sentence why these two records are one institution."]);
    expect(short.result.initialValue?.reason).toBe("dup");
    expect(merges()).toBe(0);
    expect(row(duplicate).mergedIntoId).toBeNull();

    await merge(duplicate, kept);
    expect(await formError(await merge(duplicate, kept))).toBe(`${DUPLICATE} is already merged into another institution.`);
    expect(await formError(await merge(kept, duplicate))).toBe(`${DUPLICATE} is itself merged into another institution: choose that one to keep.`);
    expect(merges()).toBe(1);
  });

  it("is the TAF team's alone: anyone else gets 403 and nothing changes", async () => {
    const duplicate = addDuplicate();
    const kept = institutionId(KOSOVO_POLICE);
    for (const email of ["applicant.xk@taf.example", "advisor.mk@taf.example", "reviewer.eu@taf.example"]) {
      const cookie = await signInAs(email);
      const { path, params } = mergePath(duplicate);
      expect(statusOf(await load(mergeRoute, path, { cookie, params }))).toBe(403);
      expect(statusOf(await merge(duplicate, kept, { cookie }))).toBe(403);
    }
    expect(merges()).toBe(0);
    expect(row(duplicate).mergedIntoId).toBeNull();
  });
});
