import { and, eq, inArray } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "../../db/client";
import { institutions, memberships, proposalPartners, proposals, reviewConflicts, reviewerConflictRules } from "../../db/schema";
import { translatorFor } from "../../workflows/messages";
import { db } from "../db.server";
import { partnerTakesPart } from "../proposals/participation.server";

// Conflicts of interest between reviewers and proposals, in one place: detected (the reviewer
// is affiliated with an institution taking part, or a rule of the TAF team names one), declared
// by the reviewer, and the dismissals of false detections. A conflicted reviewer is never
// assigned, and `visibleProposals` keeps every page and list of the proposal from them.

export type Conflict = { reviewerUserId: number; source: "detected" | "declared" | "rule"; reason: string };

/** The institutions taking part in each proposal: the lead and the partners that take part. */
function takingPart(tx: Tx, proposalIds: number[]) {
  const lead = tx
    .select({ proposalId: proposals.id, id: institutions.id, name: institutions.name })
    .from(proposals)
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(inArray(proposals.id, proposalIds))
    .all();
  const partners = tx
    .select({ proposalId: proposalPartners.proposalId, id: institutions.id, name: institutions.name })
    .from(proposalPartners)
    .innerJoin(proposals, eq(proposals.id, proposalPartners.proposalId))
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(and(inArray(proposalPartners.proposalId, proposalIds), partnerTakesPart()))
    .all();
  return [...lead, ...partners];
}

/**
 * The open conflicts of a proposal, per reviewer: detected ones not dismissed, rules, and
 * declarations. With `reviewerUserIds`, only theirs.
 */
export function conflictsOf(proposalId: number, tx: Tx = db(), reviewerUserIds?: number[], t?: TFunction): Map<number, Conflict[]> {
  return conflictsOfProposals([proposalId], tx, reviewerUserIds, t).get(proposalId) ?? new Map();
}

/**
 * `conflictsOf` for several proposals at once, in four statements whatever their number: per
 * proposal, per reviewer. A detection's reason is worded by `t` (the review desk's language);
 * a declaration's and a rule's own reason stay as the person typed them.
 */
export function conflictsOfProposals(proposalIds: number[], tx: Tx = db(), reviewerUserIds?: number[], t: TFunction = translatorFor("en")): Map<number, Map<number, Conflict[]>> {
  const result = new Map(proposalIds.map((id) => [id, new Map<number, Conflict[]>()]));
  if (!proposalIds.length) return result;
  const parts = takingPart(tx, proposalIds);
  const ids = [...new Set(parts.map((institution) => institution.id))];
  const forReviewers = (column: typeof memberships.userId | typeof reviewerConflictRules.reviewerUserId) =>
    reviewerUserIds ? inArray(column, reviewerUserIds) : undefined;
  const found: (Conflict & { proposalId: number })[] = [];
  if (ids.length) {
    const affiliations = tx
      .select({ reviewerUserId: memberships.userId, institutionId: memberships.institutionId })
      .from(memberships)
      .where(and(eq(memberships.role, "reviewer"), inArray(memberships.institutionId, ids), forReviewers(memberships.userId)))
      .all();
    const rules = tx
      .select({ reviewerUserId: reviewerConflictRules.reviewerUserId, institutionId: reviewerConflictRules.institutionId, reason: reviewerConflictRules.reason })
      .from(reviewerConflictRules)
      .where(and(inArray(reviewerConflictRules.institutionId, ids), forReviewers(reviewerConflictRules.reviewerUserId)))
      .all();
    for (const part of parts) {
      for (const row of affiliations.filter((affiliation) => affiliation.institutionId === part.id)) {
        found.push({ proposalId: part.proposalId, reviewerUserId: row.reviewerUserId, source: "detected", reason: t("reviewDesk.conflict.affiliated", { institution: part.name }) });
      }
      for (const row of rules.filter((rule) => rule.institutionId === part.id)) {
        found.push({ proposalId: part.proposalId, reviewerUserId: row.reviewerUserId, source: "rule", reason: t("reviewDesk.conflict.rule", { institution: part.name, reason: row.reason }) });
      }
    }
  }
  const recorded = tx
    .select()
    .from(reviewConflicts)
    .where(and(inArray(reviewConflicts.proposalId, proposalIds), reviewerUserIds ? inArray(reviewConflicts.reviewerUserId, reviewerUserIds) : undefined))
    .orderBy(reviewConflicts.id)
    .all();
  // A dismissal is a detected-conflict row with its dismissal filled in: it answers every
  // detection of that reviewer for this proposal (the TAF team judged the person, not the rule).
  const dismissed = new Set(recorded.filter((row) => row.dismissedAt !== null).map((row) => `${row.proposalId}:${row.reviewerUserId}`));
  for (const row of recorded) if (row.source === "declared" && row.dismissedAt === null) found.push({ proposalId: row.proposalId, reviewerUserId: row.reviewerUserId, source: "declared", reason: row.reason });
  for (const { proposalId, ...conflict } of found) {
    if (conflict.source !== "declared" && dismissed.has(`${proposalId}:${conflict.reviewerUserId}`)) continue;
    const byReviewer = result.get(proposalId)!;
    byReviewer.set(conflict.reviewerUserId, [...(byReviewer.get(conflict.reviewerUserId) ?? []), conflict]);
  }
  return result;
}

/** A reviewer's declaration of a conflict with a proposal, as the record the TAF team reads. */
export function recordDeclaredConflict(tx: Tx, input: { proposalId: number; reviewerUserId: number; reason: string; now: Date }) {
  tx.insert(reviewConflicts)
    .values({ proposalId: input.proposalId, reviewerUserId: input.reviewerUserId, source: "declared", reason: input.reason, createdAt: input.now, createdByUserId: input.reviewerUserId })
    .run();
}

/** An administrator dismisses a false detection (or rule) for this reviewer and proposal, with a reason. */
export function dismissDetectedConflict(input: { proposalId: number; reviewerUserId: number; reason: string; by: { id: number }; now?: Date }, tx: Tx = db(), t: TFunction = translatorFor("en")) {
  const now = input.now ?? new Date();
  if (input.reason.trim() === "") return { ok: false as const, message: t("reviewDesk.validation.dismissReason") };
  tx.insert(reviewConflicts)
    .values({
      proposalId: input.proposalId,
      reviewerUserId: input.reviewerUserId,
      source: "detected",
      reason: "Dismissed detection",
      createdAt: now,
      createdByUserId: input.by.id,
      dismissedAt: now,
      dismissedByUserId: input.by.id,
      dismissalReason: input.reason.trim(),
    })
    .run();
  return { ok: true as const };
}
