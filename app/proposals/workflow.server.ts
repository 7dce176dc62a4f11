import { SYSTEM_ACTOR } from "../../workflows/actors";
import type { Tx } from "../../db/client";
import { and, count, eq, inArray, isNotNull, max } from "drizzle-orm";
import type { VersionKind } from "../../db/schema";
import { eligibilityChecks, institutions, proposalEvents, proposalPartners, proposals, proposalVersions, reviewAssignments, rounds } from "../../db/schema";
import type { Actor } from "../../workflows/actors";
import type { CriterionResult } from "../../workflows/eligibility";
import { checkEligibility, overallEligibility, windowPosition } from "../../workflows/eligibility";
import type { ProposalContent } from "../../workflows/proposal-content";
import { missingConceptNoteParts, missingProposalParts, missingReportParts } from "../../workflows/proposal-content";
import type { ProposalCommand } from "../../workflows/proposal-events";
import type { PageLanguage } from "../../workflows/languages";
import { messageIn } from "../../workflows/machine-kit";
import type { Translate } from "../../workflows/words";
import { inEnglish } from "../../workflows/in-english";
import type { ProposalEvent, ProposalSnapshot } from "../../workflows/proposal.machine";
import { initialProposalSnapshot, persistProposal, PROPOSAL_MACHINE_VERSION, restoreProposal, statePath, stepProposal } from "../../workflows/proposal.machine";
import { accepts } from "../../workflows/proposal-stages";
import { ASSIGNMENT_STATES_HOLDING_A_PLACE } from "../../workflows/assignment.machine";
import { db } from "../db.server";
import { storageRefusal } from "../storage-faults.server";
import { frozenCompletionReport, frozenConceptNote, proposalDocuments } from "./documents.server";
import { overLimitParts } from "./content-schema";
import { planApprovedActivities } from "./activity-plan.server";
import { updateDeadlines } from "./deadlines.server";
import { notifyTransition } from "./notifications.server";
import { revisionRequests } from "./revision-requests.server";
import { mergedInstitutionIds } from "../institutions/merge.server";
import { draftRulesOfRound, roundSettings } from "../rounds/workflow.server";
import { roundEligibility, submissionRoundFacts } from "../rounds/eligibility.server";

// Applying an event to a proposal: the one way a proposal changes state. The statechart
// (workflows/proposal.machine.ts) decides; this module gathers the facts it needs from the
// database and writes the outcome (snapshot, history, frozen versions, mail) in ONE transaction.

type ProposalRow = typeof proposals.$inferSelect;

export type { ProposalCommand } from "../../workflows/proposal-events";

export type ProposalOutcome =
  | { ok: true; state: string; version: number; reference: string | null }
  | { ok: false; problem: "notFound" | "conflict" | "refused" | "unavailable"; message: string };

/** The catalogue key of a save or command that found the proposal changed meanwhile. */
export const CONFLICT = "proposalCommands.conflict";
export const CONFLICT_MESSAGE = inEnglish(CONFLICT);

/** Starts a draft led by the given institution. Its history begins with this row. */
export function createProposal(
  tx: Tx,
  draft: { roundId: number; leadInstitutionId: number; createdBy: Actor; title: string; content?: ProposalContent; now?: Date },
) {
  const now = draft.now ?? new Date();
  const snapshot = initialProposalSnapshot({ leadInstitutionId: draft.leadInstitutionId });
  const state = statePath(snapshot);
  const proposal = tx
    .insert(proposals)
    .values({
      roundId: draft.roundId,
      leadInstitutionId: draft.leadInstitutionId,
      createdByUserId: draft.createdBy.userId,
      title: draft.title,
      content: draft.content ?? {},
      state,
      snapshot: persistProposal(snapshot),
      machineVersion: PROPOSAL_MACHINE_VERSION,
      updatedAt: now,
    })
    .returning()
    .get();
  recordEvent(tx, proposal, { type: "CREATE", actor: draft.createdBy, leadInstitutionId: draft.leadInstitutionId }, "", state, 1, now);
  return proposal;
}

/**
 * Applies one command: in one immediate transaction (or the caller's), refuses it with a reason
 * the statechart gives, or a conflict when `expectedVersion` is stale; otherwise writes the new
 * snapshot, state path and version, a history row per event, and the mail the change owes.
 */
export function applyProposalCommand(
  input: {
    proposalId: number;
    expectedVersion?: number;
    actor: Actor;
    command: ProposalCommand;
    now?: Date;
    /** The page's translator and language, for the statechart's refusal; English without. */
    words?: { t: Translate; language: PageLanguage };
  },
  outer?: Tx,
): ProposalOutcome {
  try {
    // Inside the caller's transaction, a savepoint: a stale write undoes this command's rows only.
    return outer ? outer.transaction((tx) => applyIn(tx, input)) : db().transaction((tx) => applyIn(tx, input), { behavior: "immediate" });
  } catch (error) {
    if (error instanceof StaleWrite) return { ok: false, problem: "conflict", message: input.words ? input.words.t(CONFLICT) : CONFLICT_MESSAGE };
    // The caller's transaction is broken by a storage fault: only the one who began it can answer.
    if (outer) throw error;
    const refusal = storageRefusal(error);
    return { ok: false, problem: "unavailable", message: input.words ? input.words.t(refusal) : inEnglish(refusal) };
  }
}

/** Thrown, not returned, when the row changed under the command, so its history rows roll back. */
class StaleWrite extends Error {}

function applyIn(tx: Tx, input: Parameters<typeof applyProposalCommand>[0]): ProposalOutcome {
  const now = input.now ?? new Date();
  const proposal = tx.select().from(proposals).where(eq(proposals.id, input.proposalId)).get();
  if (!proposal) return { ok: false, problem: "notFound", message: "There is no such proposal." };
  if (input.expectedVersion !== undefined && input.expectedVersion !== proposal.version) {
    return { ok: false, problem: "conflict", message: input.words ? input.words.t(CONFLICT) : CONFLICT_MESSAGE };
  }
  const before = restoreProposal(proposal.snapshot, proposal.machineVersion);
  const event = proposalEvent(tx, proposal, input.command, input.actor, now);
  const step = stepProposal(before, event);
  if (!step.accepted) return { ok: false, problem: "refused", message: input.words ? messageIn(step.refusal, input.words.t, input.words.language) : step.reason };

  let version = proposal.version + 1;
  let snapshot = step.snapshot;
  const eventId = recordEvent(tx, proposal, event, proposal.state, statePath(snapshot), version, now);
  const changes: Partial<ProposalRow> = {};

  if (event.type === "SUBMIT" || event.type === "RESPOND") {
    changes.reference = proposal.reference ?? nextReference(tx, proposal);
    if (event.type === "SUBMIT") {
      changes.submittedAt = now;
      // Taken after the deadline (in the round's grace period, or by a round that does not apply
      // its window): it stays marked late.
      changes.submittedLate = ["grace", "closed"].includes(windowPosition(event.round, event.now));
    }
    freezeVersion(tx, proposal, "proposal", input.actor, now);
  }
  if (event.type === "SUBMIT_CONCEPT") freezeVersion(tx, proposal, "conceptNote", input.actor, now);
  if (event.type === "SUBMIT_REPORT") freezeVersion(tx, proposal, "completionReport", input.actor, now);
  if (event.type === "APPROVE_CONCEPT") planApprovedActivities(tx, proposal.id, now);
  if (event.type === "REQUEST_CLARIFICATION") changes.clarificationDueAt = input.command.type === "REQUEST_CLARIFICATION" ? input.command.dueAt : null;
  else if (proposal.clarificationDueAt) changes.clarificationDueAt = null;

  // The automatic eligibility check runs as soon as the machine waits for its result, in this
  // transaction, so a proposal never rests there.
  if (accepts(snapshot, "ELIGIBILITY_CHECKED")) {
    const results = eligibilityResults(tx, proposal, now);
    tx.insert(eligibilityChecks).values({ proposalId: proposal.id, at: now, overall: overallEligibility(results), results }).run();
    const checkedEvent: ProposalEvent = { type: "ELIGIBILITY_CHECKED", actor: SYSTEM_ACTOR, results };
    const checked = stepProposal(snapshot, checkedEvent);
    if (!checked.accepted) throw new Error(`The automatic eligibility check was refused: ${checked.reason}`);
    version += 1;
    recordEvent(tx, proposal, checkedEvent, statePath(snapshot), statePath(checked.snapshot), version, now);
    snapshot = checked.snapshot;
  }

  const state = statePath(snapshot);
  const written = tx
    .update(proposals)
    .set({ ...changes, state, snapshot: persistProposal(snapshot), version, updatedAt: now })
    .where(and(eq(proposals.id, proposal.id), eq(proposals.version, proposal.version)))
    .run();
  // The transaction is immediate, so no one can have written in between; this is a belt to the braces.
  if (written.changes !== 1) throw new StaleWrite("The proposal changed while the command was applied.");

  updateDeadlines(tx, { proposalId: proposal.id, event, fromState: proposal.state, toState: state, now });
  notifyTransition(tx, {
    proposal: { ...proposal, ...changes, state },
    event,
    fromState: proposal.state,
    toState: state,
    eventId,
    now,
  });
  return { ok: true, state, version, reference: changes.reference ?? proposal.reference };
}

/** The statechart's event: the command, its actor, and the facts its guards read. */
function proposalEvent(tx: Tx, proposal: ProposalRow, command: ProposalCommand, actor: Actor, now: Date): ProposalEvent {
  const iso = now.toISOString();
  const documents = proposalDocuments(proposal.content);
  switch (command.type) {
    case "SUBMIT":
      return { type: "SUBMIT", actor, now: iso, ...standingBehind(tx, proposal, now) };
    case "RESPOND":
      return { type: "RESPOND", actor, message: command.message, ...standingBehind(tx, proposal, now) };
    case "REQUEST_CLARIFICATION":
      return { type: "REQUEST_CLARIFICATION", actor, now: iso, question: command.question, dueAt: command.dueAt.toISOString() };
    case "CLARIFICATION_EXPIRED":
      return { type: "CLARIFICATION_EXPIRED", actor, now: iso, dueAt: (proposal.clarificationDueAt ?? now).toISOString() };
    case "START_REVIEW":
      return { type: "START_REVIEW", actor, assignedReviewers: reviewCount(tx, proposal.id, false), minimumReviews: minimumReviews(tx, proposal) };
    case "CLOSE_REVIEW":
      return { type: "CLOSE_REVIEW", actor, submittedReviews: reviewCount(tx, proposal.id, true), minimumReviews: minimumReviews(tx, proposal), reason: command.reason ?? "" };
    case "SUBMIT_CONCEPT": {
      // Whether it answers a revision request is the history's to say, not the form's.
      const answering = revisionRequests(proposal.id, "SUBMIT_CONCEPT", tx).openRequest !== null;
      return { type: "SUBMIT_CONCEPT", actor, missingParts: missingConceptNoteParts(documents.conceptNote), answering, answer: answering ? (command.answer ?? "").trim() : "" };
    }
    case "SUBMIT_REPORT":
      return { type: "SUBMIT_REPORT", actor, missingParts: missingReportParts(documents.completionReport) };
    default:
      return { ...command, actor };
  }
}

/** Who stands behind the proposal and what it still lacks: SUBMIT's facts, read again on RESPOND. */
function standingBehind(tx: Tx, proposal: ProposalRow, now: Date) {
  const round = tx.select().from(rounds).where(eq(rounds.id, proposal.roundId)).get()!;
  const lead = tx.select({ countryCode: institutions.countryCode }).from(institutions).where(eq(institutions.id, proposal.leadInstitutionId)).get()!;
  const { answers } = proposalDocuments(proposal.content);
  return {
    round: submissionRoundFacts(round, tx),
    leadCountryCode: lead.countryCode,
    partners: partnerFacts(tx, proposal.id).map(({ institutionId, countryCode, status }) => ({ institutionId, countryCode, status })),
    missingParts: missingProposalParts(proposal.title, answers),
    overLimitParts: overLimitParts(roundSettings(round).limits, { title: proposal.title, ...answers }, draftRulesOfRound(round, now)),
  };
}

function partnerFacts(tx: Tx, proposalId: number) {
  return tx
    .select({
      institutionId: proposalPartners.institutionId,
      status: proposalPartners.status,
      countryCode: institutions.countryCode,
      name: institutions.name,
      type: institutions.type,
      chapter23: institutions.chapter23,
      chapter24: institutions.chapter24,
      active: institutions.active,
    })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .where(eq(proposalPartners.proposalId, proposalId))
    .all();
}

/** Reviewers holding a place on the proposal (declined, conflicted and withdrawn ones free theirs), or those of them whose review is in. */
function reviewCount(tx: Tx, proposalId: number, submittedOnly: boolean) {
  const holding = and(eq(reviewAssignments.proposalId, proposalId), inArray(reviewAssignments.state, [...ASSIGNMENT_STATES_HOLDING_A_PLACE]));
  const where = submittedOnly ? and(holding, isNotNull(reviewAssignments.submittedAt)) : holding;
  return tx.select({ n: count() }).from(reviewAssignments).where(where).get()?.n ?? 0;
}

function minimumReviews(tx: Tx, proposal: ProposalRow) {
  const round = tx.select({ code: rounds.code, settings: rounds.settings }).from(rounds).where(eq(rounds.id, proposal.roundId)).get()!;
  return roundSettings(round).minimumReviews;
}

function eligibilityResults(tx: Tx, proposal: ProposalRow, now: Date): CriterionResult[] {
  const round = tx.select().from(rounds).where(eq(rounds.id, proposal.roundId)).get()!;
  const lead = tx.select().from(institutions).where(eq(institutions.id, proposal.leadInstitutionId)).get()!;
  const { answers } = proposalDocuments(proposal.content);
  const rules = roundEligibility(round);
  // The check's reasons go into the history in English, the language of record; a page reads them again in its reader's words.
  return checkEligibility({
    rules: { ...rules, graceHours: round.mode === "rolling" ? 0 : rules.graceHours },
    window: { opensAt: round.opensAt.toISOString(), closesAt: round.closesAt?.toISOString() ?? null },
    // A resubmission after clarification keeps the first submission's time for the window.
    submittedAt: (proposal.submittedAt ?? now).toISOString(),
    lead: { id: lead.id, name: lead.name, countryCode: lead.countryCode, type: lead.type, chapter23: lead.chapter23, chapter24: lead.chapter24, active: lead.active },
    partners: partnerFacts(tx, proposal.id).map((p) => ({ ...p, id: p.institutionId })),
    themes: answers.themes ?? [],
    missingParts: missingProposalParts(proposal.title, answers),
  }, inEnglish);
}

/** "TAF-2026-R1-007": the round's code and the order of first submission within it. */
function nextReference(tx: Tx, proposal: ProposalRow) {
  const round = tx.select({ code: rounds.code }).from(rounds).where(eq(rounds.id, proposal.roundId)).get()!;
  const numbered = tx
    .select({ n: count() })
    .from(proposals)
    .where(and(eq(proposals.roundId, proposal.roundId), isNotNull(proposals.reference)))
    .get()!.n;
  return `TAF-${round.code}-${String(numbered + 1).padStart(3, "0")}`;
}

/**
 * Each submission freezes what was submitted as the next version of its kind, for comparison:
 * the whole proposal, the concept note or the completion report alone.
 */
function freezeVersion(tx: Tx, proposal: ProposalRow, kind: Exclude<VersionKind, "activityReport">, actor: Actor, now: Date) {
  const last =
    tx
      .select({ n: max(proposalVersions.number) })
      .from(proposalVersions)
      .where(and(eq(proposalVersions.proposalId, proposal.id), eq(proposalVersions.kind, kind)))
      .get()?.n ?? 0;
  tx.insert(proposalVersions)
    .values({
      proposalId: proposal.id,
      kind,
      number: last + 1,
      title: proposal.title,
      content: kind === "proposal" ? proposal.content : kind === "completionReport" ? frozenCompletionReport(proposal.content) : frozenConceptNote(proposal.content),
      createdAt: now,
      createdByUserId: actor.role === "system" ? null : actor.userId,
    })
    .run();
}

// A history row holds the event as the statechart saw it, facts included, so the log replays.
type HistoryEntry = ProposalEvent | { type: "CREATE"; actor: Actor; leadInstitutionId: number };

function recordEvent(tx: Tx, proposal: ProposalRow, entry: HistoryEntry, fromState: string, toState: string, version: number, now: Date) {
  const { type, actor, ...payload } = entry;
  return tx
    .insert(proposalEvents)
    .values({
      proposalId: proposal.id,
      at: now,
      actorUserId: actor.role === "system" ? null : actor.userId,
      actorRole: actor.role,
      actorInstitutionId: actor.institutionId,
      type,
      payload: payload as Record<string, unknown>,
      fromState,
      toState,
      version,
      machineVersion: PROPOSAL_MACHINE_VERSION,
    })
    .returning({ id: proposalEvents.id })
    .get().id;
}

/** The snapshot a proposal's history leads to: used to check that the log and the row agree. */
export function replayHistory(proposalId: number, tx: Tx = db()): ProposalSnapshot | null {
  const rows = tx.select().from(proposalEvents).where(eq(proposalEvents.proposalId, proposalId)).orderBy(proposalEvents.id).all();
  // The history keeps the institutions as they were; one merged since is read as the one it was merged into.
  const merged = mergedInstitutionIds(tx);
  const now = (id: number | null) => (id === null ? null : (merged.get(id) ?? id));
  let snapshot: ProposalSnapshot | null = null;
  for (const row of rows) {
    if (row.type === "CREATE") {
      snapshot = initialProposalSnapshot({ leadInstitutionId: now(Number(row.payload.leadInstitutionId))! });
      continue;
    }
    if (!snapshot) return null;
    const actor: Actor = { userId: row.actorUserId ?? 0, role: row.actorRole as Actor["role"], institutionId: now(row.actorInstitutionId) };
    snapshot = replayStep(snapshot, row, actor);
  }
  return snapshot;
}

function replayStep(snapshot: ProposalSnapshot, row: typeof proposalEvents.$inferSelect, actor: Actor): ProposalSnapshot {
  // Replaying across a change of machine means replaying up to it with the old machine and
  // migrating the snapshot (ADR 002); there is one machine so far, so an event from another is
  // a history this code cannot read.
  if (row.machineVersion !== PROPOSAL_MACHINE_VERSION) {
    throw new Error(`Event ${row.id} of proposal ${row.proposalId} was applied under machine version ${row.machineVersion}, which this version of the portal cannot replay.`);
  }
  const step = stepProposal(snapshot, { ...row.payload, type: row.type, actor } as ProposalEvent);
  if (!step.accepted) throw new Error(`History of proposal ${row.proposalId} does not replay at event ${row.id} (${row.type}): ${step.reason}`);
  return step.snapshot;
}
