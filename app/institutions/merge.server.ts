import type { Tx } from "../../db/client";
import { and, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { PartnerStatus } from "../../db/schema";
import { institutions, memberships, proposalComments, proposalPartners, proposals, reviewerConflictRules, users } from "../../db/schema";
import type { ActingPerson } from "../audit.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";

// Merging a duplicate institution into the one to keep: everything that points at the
// duplicate now points at the kept one (proposals it leads, its partner rows, its people, its
// comments, reviewers' conflict rules), in one transaction with one audit row saying what moved.
// The duplicate stays as a record "merged into" the kept one, out of every choice list and
// search. Append-only history (proposal events, eligibility checks, the audit log) keeps the
// duplicate's id: replaying a history reads it through `mergedInstitutionIds`.

/** Why a merge is refused: a catalogue key, and the institution's name where the sentence names it. */
export type MergeRefusal = { key: string; name?: string };

type Outcome = { ok: true } | { ok: false; refusal: MergeRefusal };

// A confirmed partner stands behind the proposal; an invitation still may; a refusal does not.
const STRENGTH: Record<PartnerStatus, number> = { declined: 0, invited: 1, confirmed: 2 };

/** The id each merged institution now goes by: duplicate → kept (merges are kept one hop deep). */
export function mergedInstitutionIds(tx: Tx = db()): Map<number, number> {
  const rows = tx
    .select({ id: institutions.id, into: institutions.mergedIntoId })
    .from(institutions)
    .where(sql`${institutions.mergedIntoId} is not null`)
    .all();
  return new Map(rows.map((row) => [row.id, row.into!]));
}

function institutionRow(tx: Tx, id: number) {
  return tx.select().from(institutions).where(eq(institutions.id, id)).get() ?? null;
}

/** Why these two cannot be merged; null when they can. */
function refusal(duplicate: typeof institutions.$inferSelect | null, kept: typeof institutions.$inferSelect | null): MergeRefusal | null {
  if (!duplicate) return { key: "institutionRefusal.gone" };
  if (duplicate.mergedIntoId !== null) return { key: "mergeInstitutions.refusal.alreadyMerged", name: duplicate.name };
  if (!kept) return { key: "mergeInstitutions.refusal.keptUnknown" };
  if (kept.id === duplicate.id) return { key: "mergeInstitutions.refusal.itself" };
  if (kept.mergedIntoId !== null) return { key: "mergeInstitutions.refusal.keptMerged", name: kept.name };
  if (kept.countryCode !== duplicate.countryCode) return { key: "mergeInstitutions.refusal.otherCountry" };
  return null;
}

/** The institutions a duplicate can be merged into: of its country, not itself, not merged, by name. */
export function mergeCandidates(duplicateId: number, countryCode: string) {
  return db()
    .select({ id: institutions.id, name: institutions.name, active: institutions.active })
    .from(institutions)
    .where(and(eq(institutions.countryCode, countryCode), ne(institutions.id, duplicateId), isNull(institutions.mergedIntoId)))
    .orderBy(institutions.name)
    .all();
}

/** What a merge would move, counted and named, in a few queries; also what the audit row records. */
function whatMoves(tx: Tx, duplicateId: number, keptId: number) {
  const led = tx
    .select({ id: proposals.id, reference: proposals.reference, title: proposals.title })
    .from(proposals)
    .where(eq(proposals.leadInstitutionId, duplicateId))
    .orderBy(proposals.id)
    .all();
  const partnerRows = tx
    .select({ id: proposalPartners.id, proposalId: proposalPartners.proposalId, status: proposalPartners.status, reference: proposals.reference, title: proposals.title, leadInstitutionId: proposals.leadInstitutionId })
    .from(proposalPartners)
    .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
    .where(eq(proposalPartners.institutionId, duplicateId))
    .orderBy(proposalPartners.proposalId)
    .all();
  const keptPartnerRows = tx
    .select({ id: proposalPartners.id, proposalId: proposalPartners.proposalId, status: proposalPartners.status })
    .from(proposalPartners)
    .where(eq(proposalPartners.institutionId, keptId))
    .all();
  const keptLeads = new Set(
    tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.leadInstitutionId, keptId)).all().map((p) => p.id),
  );
  const ledIds = new Set(led.map((p) => p.id));
  const people = tx
    .selectDistinct({ id: users.id, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.institutionId, duplicateId))
    .orderBy(users.name)
    .all();
  const comments = tx.select({ n: sql<number>`count(*)` }).from(proposalComments).where(eq(proposalComments.institutionId, duplicateId)).get()!.n;
  const conflictRules = tx.select({ n: sql<number>`count(*)` }).from(reviewerConflictRules).where(eq(reviewerConflictRules.institutionId, duplicateId)).get()!.n;
  // An untitled draft has neither: the page names it in the reader's words.
  const name = (p: { reference: string | null; title: string }) => p.reference ?? p.title;
  return {
    led: led.map((p) => ({ id: p.id, name: name(p) })),
    // Where the kept one already takes part (as lead, or as partner), the duplicate's row is folded into it.
    partnerRows: partnerRows.map((row) => {
      const keptRow = keptPartnerRows.find((k) => k.proposalId === row.proposalId);
      const fold = keptLeads.has(row.proposalId) ? "keptLeads" : keptRow ? "keptPartner" : null;
      return { ...row, name: name(row), fold, keptRow: keptRow ?? null };
    }),
    // A proposal the duplicate leads where the kept one is a partner: the kept one becomes the lead.
    keptPartnerOnLed: keptPartnerRows.filter((k) => ledIds.has(k.proposalId)),
    people,
    comments,
    conflictRules,
  };
}

/** The merge page's preview of what moves, or why these two cannot be merged. */
export function mergePreview(duplicateId: number, keptId: number) {
  const tx = db();
  const duplicate = institutionRow(tx, duplicateId);
  const kept = institutionRow(tx, keptId);
  const refused = refusal(duplicate, kept);
  if (refused) return { ok: false as const, refusal: refused };
  const moves = whatMoves(tx, duplicateId, keptId);
  return {
    ok: true as const,
    kept: { id: kept!.id, name: kept!.name },
    led: moves.led,
    partnerOf: moves.partnerRows.map((row) => ({ id: row.proposalId, name: row.name, status: row.status, folded: row.fold !== null })),
    people: moves.people.filter((p, index) => moves.people.findIndex((other) => other.id === p.id) === index).map((p) => ({ id: p.id, name: p.name })),
    comments: moves.comments,
    conflictRules: moves.conflictRules,
  };
}

/**
 * Merges the duplicate into the institution to keep, for an administrator (the route checks
 * the permission), with a reason; refused in words for the same country, itself or a merged one.
 */
export function mergeInstitution(actor: ActingPerson, duplicateId: number, keptId: number, reason: string, ip?: string, now = new Date()): Outcome {
  return db().transaction<Outcome>(
    (tx) => {
      const duplicate = institutionRow(tx, duplicateId);
      const kept = institutionRow(tx, keptId);
      const refused = refusal(duplicate, kept);
      if (refused) return { ok: false, refusal: refused };
      const moves = whatMoves(tx, duplicateId, keptId);

      // The kept institution leads now, so its own partner row in those proposals goes.
      if (moves.keptPartnerOnLed.length) {
        tx.delete(proposalPartners).where(inArray(proposalPartners.id, moves.keptPartnerOnLed.map((k) => k.id))).run();
      }
      tx.update(proposals)
        .set({ leadInstitutionId: keptId, snapshot: sql`json_set(${proposals.snapshot}, '$.context.leadInstitutionId', ${keptId})` })
        .where(eq(proposals.leadInstitutionId, duplicateId))
        .run();
      for (const row of moves.partnerRows) {
        if (row.fold === null) {
          tx.update(proposalPartners).set({ institutionId: keptId }).where(eq(proposalPartners.id, row.id)).run();
          continue;
        }
        // Folded: the kept one's row keeps the stronger answer, with who gave it and when.
        if (row.keptRow && STRENGTH[row.status] > STRENGTH[row.keptRow.status]) {
          const answer = tx.select().from(proposalPartners).where(eq(proposalPartners.id, row.id)).get()!;
          tx.update(proposalPartners)
            .set({ status: answer.status, statement: answer.statement, respondedAt: answer.respondedAt, respondedByUserId: answer.respondedByUserId })
            .where(eq(proposalPartners.id, row.keptRow.id))
            .run();
        }
        tx.delete(proposalPartners).where(eq(proposalPartners.id, row.id)).run();
      }

      // A person who already has the same role at the kept institution keeps that one membership.
      tx.delete(memberships)
        .where(
          and(
            eq(memberships.institutionId, duplicateId),
            sql`exists (select 1 from memberships as kept where kept.user_id = memberships.user_id and kept.role = memberships.role and kept.institution_id = ${keptId})`,
          ),
        )
        .run();
      tx.update(memberships).set({ institutionId: keptId }).where(eq(memberships.institutionId, duplicateId)).run();
      tx.update(proposalComments).set({ institutionId: keptId }).where(eq(proposalComments.institutionId, duplicateId)).run();
      tx.delete(reviewerConflictRules)
        .where(
          and(
            eq(reviewerConflictRules.institutionId, duplicateId),
            sql`exists (select 1 from reviewer_conflict_rules as kept where kept.reviewer_user_id = reviewer_conflict_rules.reviewer_user_id and kept.institution_id = ${keptId})`,
          ),
        )
        .run();
      tx.update(reviewerConflictRules).set({ institutionId: keptId }).where(eq(reviewerConflictRules.institutionId, duplicateId)).run();
      // Records merged into the duplicate earlier now point at the kept one, so a merge is one hop.
      tx.update(institutions).set({ mergedIntoId: keptId }).where(eq(institutions.mergedIntoId, duplicateId)).run();
      tx.update(institutions).set({ mergedIntoId: keptId, mergedAt: now, active: false }).where(eq(institutions.id, duplicateId)).run();

      audit(
        {
          actorUserId: actor.id,
          action: "institutionMerged",
          subjectType: "institution",
          subjectId: duplicateId,
          detail: {
            into: { id: keptId, name: kept!.name },
            reason,
            proposalsLed: moves.led.map((p) => p.id),
            partnerRowsMoved: moves.partnerRows.filter((r) => r.fold === null).map((r) => r.proposalId),
            partnerRowsFolded: moves.partnerRows.filter((r) => r.fold !== null).map((r) => ({ proposalId: r.proposalId, status: r.status, into: r.fold })),
            keptPartnerRowsNowLead: moves.keptPartnerOnLed.map((k) => k.proposalId),
            people: [...new Set(moves.people.map((p) => p.id))],
            comments: moves.comments,
            conflictRules: moves.conflictRules,
          },
          ip,
        },
        tx,
      );
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** The record a merged institution now points to, and the records merged into this one. */
export function mergeLinks(institutionId: number, language: PageLanguage) {
  const row = db().select({ into: institutions.mergedIntoId, at: institutions.mergedAt }).from(institutions).where(eq(institutions.id, institutionId)).get();
  const into = row?.into ? db().select({ id: institutions.id, name: institutions.name }).from(institutions).where(eq(institutions.id, row.into)).get() ?? null : null;
  const mergedHere = db()
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(eq(institutions.mergedIntoId, institutionId))
    .orderBy(institutions.name)
    .all();
  return { mergedInto: into, mergedAt: row?.at ? formatBrusselsIn(language, row.at) : null, mergedHere };
}
