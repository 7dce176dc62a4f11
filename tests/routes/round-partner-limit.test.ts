import { count, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "../../app/db.server";
import { roundLimitsSchema } from "../../app/proposals/content-schema";
import { applyProposalCommand } from "../../app/proposals/workflow.server";
import * as partnersRoute from "../../app/routes/proposals.$proposalId.partners";
import { outbox, proposalPartners, rounds } from "../../db/schema";
import { signInAs, submit } from "../support/http";
import { useDatabase } from "../support/database";
import { ALBANIAN_POLICE, institutionId, leadApplicant, makeProposal, makeRound, MK_PROSECUTION, proposalRow, RS_PROSECUTION, T0 } from "../workflow-server/builders";

// A round's "most partner institutions" binds where partners are invited and on SUBMIT: a
// proposal never takes in, or is submitted with, more partners than its round published.

useDatabase("demo");

let lead: string;
beforeEach(async () => {
  lead = await signInAs("applicant.xk@taf.example");
});

type Reply = { result: { error?: Record<string, string[] | null> } };
const counts = () => [proposalPartners, outbox].map((table) => db().select({ n: count() }).from(table).get()!.n);
const invite = (proposalId: number, institution: string) =>
  submit(partnersRoute, `/proposals/${proposalId}/partners`, { intent: "invite", institutionId: String(institutionId(institution)) }, { cookie: lead, params: { proposalId: String(proposalId) } });

function roundAllowing(maxPartners: number) {
  return makeRound({ closesAt: new Date("2030-06-28T15:00:00.000Z"), settings: { limits: roundLimitsSchema.parse({ maxPartners }) } });
}

describe("a round's most partner institutions", () => {
  it("refuses an invitation beyond the limit, naming it, and changes nothing", async () => {
    const round = roundAllowing(1);
    const { id } = makeProposal({ round, partners: [{ institution: ALBANIAN_POLICE, status: "confirmed" }] });
    const before = counts();
    const refused = (await invite(id, MK_PROSECUTION)) as Reply;
    expect(refused.result.error?.[""]).toEqual([
      `This round allows at most 1 partner institution, and this proposal has 1. Remove one to invite ${MK_PROSECUTION}.`,
    ]);
    expect(counts()).toEqual(before);
  });

  it("does not count a partner that declined", async () => {
    const round = roundAllowing(1);
    const { id } = makeProposal({ round, partners: [{ institution: ALBANIAN_POLICE, status: "declined" }] });
    expect(await invite(id, MK_PROSECUTION)).toBeInstanceOf(Response);
  });

  it("refuses SUBMIT when the round's limit was lowered below the partners a draft has", () => {
    const round = roundAllowing(3);
    const { id } = makeProposal({
      round,
      partners: [
        { institution: ALBANIAN_POLICE, status: "confirmed" },
        { institution: MK_PROSECUTION, status: "confirmed" },
        { institution: RS_PROSECUTION, status: "confirmed" },
      ],
    });
    // The TAF team tightens the limit while the proposal is still a draft (nothing submitted yet).
    const stored = db().select().from(rounds).where(eq(rounds.id, round.id)).get()!;
    db().update(rounds).set({ settings: { ...stored.settings, limits: { maxPartners: 2 } } }).where(eq(rounds.id, round.id)).run();
    const before = proposalRow(id);
    const outcome = applyProposalCommand({ proposalId: id, actor: leadApplicant(), command: { type: "SUBMIT" }, now: T0 });
    expect(outcome).toMatchObject({ ok: false, message: "This round allows at most 2 partner institutions; this proposal has 3. Remove one first." });
    expect(proposalRow(id)).toEqual(before);
  });
});
