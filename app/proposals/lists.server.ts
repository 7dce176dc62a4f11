import { and, desc, eq, exists, inArray, ne, notInArray, or, sql } from "drizzle-orm";
import { institutions, proposalPartners, proposals, reviewAssignments, rounds } from "../../db/schema";
import { proposalMachine, stateLabelOf } from "../../workflows/proposal.machine";
import { formatBrussels } from "../../workflows/time";
import { db } from "../db.server";

// The proposal lists on the home pages: one query each, whatever the number of rows.

// The statechart's final states: a proposal there is finished.
const FINAL_STATES = Object.entries(proposalMachine.root.states).flatMap(([key, node]) => (node.type === "final" ? [key] : []));
const LIST_LIMIT = 100;

function listWhere(where: ReturnType<typeof and>) {
  return db()
    .select({
      id: proposals.id,
      reference: proposals.reference,
      title: proposals.title,
      state: proposals.state,
      updatedAt: proposals.updatedAt,
      roundTitle: rounds.title,
      leadInstitutionId: proposals.leadInstitutionId,
      leadName: institutions.name,
    })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(where)
    .orderBy(desc(proposals.updatedAt))
    .limit(LIST_LIMIT)
    .all()
    .map((row) => ({ ...row, stateLabel: stateLabelOf(row.state), updated: formatBrussels(row.updatedAt), finished: FINAL_STATES.includes(row.state) }));
}

function partnerOf(where: ReturnType<typeof and>) {
  return exists(
    db()
      .select({ one: sql`1` })
      .from(proposalPartners)
      .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
      .where(
        and(
          eq(proposalPartners.proposalId, proposals.id),
          // As participation.server.ts: confirmed partners, and invited ones while it is a draft.
          or(eq(proposalPartners.status, "confirmed"), and(eq(proposalPartners.status, "invited"), eq(proposals.state, "draft"))),
          where,
        ),
      ),
  );
}

/**
 * Proposals an applicant's institutions lead or are (invited or confirmed) partners in; those
 * whose invitation still waits for their answer say so.
 */
export function proposalsOfInstitutions(institutionIds: number[]) {
  if (institutionIds.length === 0) return [];
  const rows = listWhere(or(inArray(proposals.leadInstitutionId, institutionIds), partnerOf(inArray(proposalPartners.institutionId, institutionIds))));
  const invited = new Set(
    db()
      .select({ proposalId: proposalPartners.proposalId })
      .from(proposalPartners)
      .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
      .where(and(inArray(proposalPartners.institutionId, institutionIds), eq(proposalPartners.status, "invited"), eq(proposals.state, "draft")))
      .all()
      .map((row) => row.proposalId),
  );
  return rows.map((row) => ({ ...row, attention: invited.has(row.id) ? "Your institution is invited: confirm or decline" : null }));
}

/** Submitted proposals with an institution of one of these countries: a country advisor's view. */
export function proposalsOfCountries(countryCodes: string[]) {
  if (countryCodes.length === 0) return [];
  return listWhere(
    and(
      ne(proposals.state, "draft"),
      or(inArray(institutions.countryCode, countryCodes), partnerOf(inArray(institutions.countryCode, countryCodes))),
    ),
  );
}

export function proposalsAssignedTo(reviewerUserId: number) {
  return listWhere(
    exists(
      db()
        .select({ one: sql`1` })
        .from(reviewAssignments)
        .where(and(eq(reviewAssignments.proposalId, proposals.id), eq(reviewAssignments.reviewerUserId, reviewerUserId))),
    ),
  );
}

/** Every proposal past the draft stage and not finished: the TAF team's working list. */
export function proposalsInProgress() {
  return listWhere(and(ne(proposals.state, "draft"), notInArray(proposals.state, FINAL_STATES)));
}

/** Every proposal of a round, drafts included: the TAF team's view of one round. */
export function proposalsOfRound(roundId: number) {
  return listWhere(eq(proposals.roundId, roundId));
}
