import { eq } from "drizzle-orm";
import { institutions, proposalPartners, proposals, reviewAssignments } from "../../db/schema";
import { leadOf } from "../../workflows/actors";
import type { ProposalSnapshot } from "../../workflows/proposal.machine";
import { allowedEvents, restoreProposal } from "../../workflows/proposal.machine";
import { db } from "../db.server";

/**
 * A proposal stored by a workflow this server does not know (a newer release, a missing
 * migration) cannot be shown or moved: the person is told so in words, and the log says why.
 */
function restoredOrUnavailable(proposalId: number, persisted: unknown, machineVersion: number): ProposalSnapshot {
  try {
    return restoreProposal(persisted, machineVersion);
  } catch (error) {
    console.error(`Proposal ${proposalId}:`, error);
    throw new Response("This proposal cannot be opened with this version of the portal. The TAF team has been told; please try again later.", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

/** Who takes part in a proposal: what the permission predicates need to know about it. */
export type Participation = {
  proposalId: number;
  leadInstitutionId: number;
  /**
   * Partner institutions that see the proposal: those that confirmed and, while it is a draft
   * they can still answer for, those invited. An invitation left unanswered at submission lapses.
   */
  partnerInstitutionIds: number[];
  /** Countries of the lead and of those partners. */
  countryCodes: string[];
  reviewerUserIds: number[];
  /** The statechart where the proposal is: what may be done now is asked of it. */
  snapshot: ProposalSnapshot;
};

/**
 * Whether the lead may still submit the draft: partners are invited, removed and answer only
 * until then, so that every invitation can be answered before the proposal leaves the draft.
 */
export function draftStillOpen(snapshot: ProposalSnapshot, leadInstitutionId: number) {
  return allowedEvents(snapshot, leadOf(leadInstitutionId)).includes("SUBMIT");
}

export function participationIn(proposalId: number): Participation | null {
  const proposal = db()
    .select({
      id: proposals.id,
      leadInstitutionId: proposals.leadInstitutionId,
      leadCountry: institutions.countryCode,
      snapshot: proposals.snapshot,
      machineVersion: proposals.machineVersion,
    })
    .from(proposals)
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(eq(proposals.id, proposalId))
    .get();
  if (!proposal) return null;
  const snapshot = restoredOrUnavailable(proposal.id, proposal.snapshot, proposal.machineVersion);
  const partners = db()
    .select({ institutionId: proposalPartners.institutionId, status: proposalPartners.status, countryCode: institutions.countryCode })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(eq(proposalPartners.proposalId, proposalId))
    .all()
    .filter((p) => p.status === "confirmed" || (p.status === "invited" && snapshot.matches("draft")));
  const reviewers = db().select({ userId: reviewAssignments.reviewerUserId }).from(reviewAssignments).where(eq(reviewAssignments.proposalId, proposalId)).all();
  return {
    proposalId,
    leadInstitutionId: proposal.leadInstitutionId,
    partnerInstitutionIds: partners.map((p) => p.institutionId),
    countryCodes: [...new Set([proposal.leadCountry, ...partners.map((p) => p.countryCode)])],
    reviewerUserIds: reviewers.map((r) => r.userId),
    snapshot,
  };
}
