import type { SQL } from "drizzle-orm";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { institutions, proposalPartners, proposals } from "../../db/schema";
import { leadOf } from "../../workflows/actors";
import { statesAccepting } from "../../workflows/proposal-stages";
import type { ProposalSnapshot } from "../../workflows/proposal.machine";
import { allowedEvents, restoreProposal } from "../../workflows/proposal.machine";
import { db, preparedStatement } from "../db.server";
import { responseInWords } from "../i18n.server";

/**
 * A proposal stored by a workflow this server does not know (a newer release, a missing
 * migration) cannot be shown or moved: the person is told so in words, and the log says why.
 */
function restoredOrUnavailable(proposalId: number, persisted: unknown, machineVersion: number): ProposalSnapshot {
  try {
    return restoreProposal(persisted, machineVersion);
  } catch (error) {
    console.error(`Proposal ${proposalId}:`, error);
    throw responseInWords("layout.error.proposalUnavailable", {}, { status: 503 });
  }
}

/** Who takes part in a proposal: what the permission predicates need to know about it. */
export type Participation = {
  proposalId: number;
  leadInstitutionId: number;
  /** Partner institutions that take part (see `partnerTakesPart`). */
  partnerInstitutionIds: number[];
  /** Countries of the lead and of those partners. */
  countryCodes: string[];
  /** The statechart where the proposal is: what may be done now is asked of it. */
  snapshot: ProposalSnapshot;
};

/** The events after which the TAF team judges the partners: until one of them, partners may change. */
const PARTNERS_JUDGED_AT = ["SUBMIT", "RESPOND"] as const;

/**
 * Whether the lead may still submit the draft or answer a clarification request: partners are
 * invited, removed and answer only until then, so that every invitation can be answered before
 * the TAF team judges the partners (SUBMIT and RESPOND refuse an unanswered invitation).
 */
export function partnersMayChange(snapshot: ProposalSnapshot, leadInstitutionId: number) {
  const allowed = allowedEvents(snapshot, leadOf(leadInstitutionId));
  return PARTNERS_JUDGED_AT.some((event) => allowed.includes(event));
}

/** The states in which partners may change: a draft, and a proposal answering a clarification request. */
export function statesOpenToPartners() {
  return PARTNERS_JUDGED_AT.flatMap((event) => statesAccepting(event));
}

/**
 * A partner institution takes part in a proposal once it confirmed and, while the proposal is a
 * draft or answers a clarification request, while it is invited. A condition over `proposal_partners` beside `proposals`, so that the
 * participation below and the visibility rule in permissions.server.ts read the same rule.
 */
export function partnerTakesPart(): SQL {
  return or(eq(proposalPartners.status, "confirmed"), and(eq(proposalPartners.status, "invited"), inArray(proposals.state, statesOpenToPartners())))!;
}

// Asked by every page of a proposal (the permission check): built and prepared once per connection.
const partnersTakingPart = preparedStatement((database) =>
  database
    .select({ institutionId: proposalPartners.institutionId, countryCode: institutions.countryCode })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
    .where(and(eq(proposalPartners.proposalId, sql.placeholder("proposalId")), partnerTakesPart()))
    .prepare(),
);

/**
 * Who takes part in the proposal, if it exists and meets the condition (for a person: that they
 * see it, `visibleProposals` in permissions.server.ts), in one query for the proposal and one
 * for its partners.
 */
export function participationIn(proposalId: number, condition?: SQL): Participation | null {
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
    .where(and(eq(proposals.id, proposalId), condition))
    .get();
  if (!proposal) return null;
  const snapshot = restoredOrUnavailable(proposal.id, proposal.snapshot, proposal.machineVersion);
  const partners = partnersTakingPart().all({ proposalId });
  return {
    proposalId,
    leadInstitutionId: proposal.leadInstitutionId,
    partnerInstitutionIds: partners.map((p) => p.institutionId),
    countryCodes: [...new Set([proposal.leadCountry, ...partners.map((p) => p.countryCode)])],
    snapshot,
  };
}
