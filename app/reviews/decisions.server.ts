import { and, eq, inArray, isNotNull, isNull, ne, or } from "drizzle-orm";
import type { TFunction } from "i18next";
import type { Tx } from "../../db/client";
import type { DecisionOutcome } from "../../db/schema";
import { institutions, proposalDecisions, proposals, reviewAssignments, reviews, rounds, users } from "../../db/schema";
import { selectionOutcomeEmail } from "../../emails/templates/selection-outcome";
import { recipientLanguage } from "../../emails/words";
import { translatorFor } from "../../workflows/messages";
import { statesAccepting, stageLabelFor } from "../../workflows/proposal-stages";
import { restoreProposal, stepProposal } from "../../workflows/proposal.machine";
import { actorFor } from "../auth/actors.server";
import type { SessionUser } from "../auth/session.server";
import { audit } from "../audit.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { askForFeedback } from "../lessons/feedback.server";
import { applicantsOf } from "../proposals/notifications.server";
import { applyProposalCommand } from "../proposals/workflow.server";
import { messageIn } from "../../workflows/machine-kit";
import { languageOf } from "../../workflows/words";
import type { SeenDecision } from "./decisions-schema";

// The TAF team's selection decisions on a round's proposals at "Deciding": recorded and held,
// each checked by the statechart as a dry run, then released together. Only the release applies
// DECIDE (and so sends the outcome mail, once per applicant, through the outbox). Names and
// refusals are in the words of the page that asks (its `t`), English where none is given.

export type DecisionInput = { outcome: DecisionOutcome; priority: boolean; reason: string; sharedFeedback: string };

type Named = { proposalId: number; title: string; message: string };
export type RecordResult = { recorded: string[]; refused: Named[] };
export type ReleaseResult = { released: string[]; refused: Named[] };

const ENGLISH = translatorFor("en");

function nameOf(p: { reference: string | null; title: string }, t: TFunction) {
  return t("decisionsPage.proposalName", { reference: p.reference ?? t("decisionsPage.unnumbered"), title: p.title || t("decisionsPage.untitled") });
}

/** Whether the round exists, for an action that acts on its decisions. */
export function decisionsRoundExists(roundId: number) {
  return db().select({ id: rounds.id }).from(rounds).where(eq(rounds.id, roundId)).get() !== undefined;
}

/**
 * Every proposal of the round the TAF team can decide now or has a held decision on, and the
 * held decisions with the outcome mail each will send, previewed in the language its lead
 * applicant receives it in.
 */
export function decisionsPage(roundId: number, t: TFunction) {
  const round = db().select({ id: rounds.id, code: rounds.code, title: rounds.title }).from(rounds).where(eq(rounds.id, roundId)).get();
  if (!round) return null;
  const rows = db()
    .select({ proposal: proposals, lead: institutions.name, decision: proposalDecisions, decidedBy: users.name })
    .from(proposals)
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .leftJoin(proposalDecisions, and(eq(proposalDecisions.proposalId, proposals.id), isNull(proposalDecisions.releasedAt)))
    .leftJoin(users, eq(users.id, proposalDecisions.decidedByUserId))
    .where(and(eq(proposals.roundId, roundId), or(inArray(proposals.state, statesAccepting("DECIDE")), eq(proposalDecisions.proposalId, proposals.id))))
    .orderBy(proposals.reference)
    .all();
  const comments = reviewersCommentsForApplicants(rows.map((row) => row.proposal.id));
  const proposalsToDecide = rows.map(({ proposal, lead, decision, decidedBy }) => ({
    proposalId: proposal.id,
    name: nameOf(proposal, t),
    lead,
    stage: stageLabelFor(proposal.state, "tafTeam", t),
    held: decision ? { ...decision, decidedBy: decidedBy ?? "" } : null,
    reviewersComments: comments.get(proposal.id) ?? [],
  }));
  const held = rows.flatMap(({ proposal, decision }) => {
    if (!decision) return [];
    const recipients = applicantsOf(db(), proposal);
    const lead = recipients.find((r) => r.institutionId === proposal.leadInstitutionId) ?? recipients[0];
    const language = recipientLanguage(lead?.locale);
    const preview = selectionOutcomeEmail({
      appUrl: env().APP_URL,
      recipientName: lead?.name ?? translatorFor(language)("decisionsPage.applicant"),
      reference: proposal.reference,
      title: proposal.title || translatorFor(language)("decisionsPage.untitled"),
      promising: decision.outcome === "promising",
      sharedFeedback: decision.sharedFeedback,
      proposalUrl: `${env().APP_URL}/proposals/${proposal.id}`,
      language,
    });
    return [
      {
        proposalId: proposal.id,
        name: nameOf(proposal, t),
        outcome: decision.outcome,
        priority: decision.priority,
        recipients: recipients.length,
        preview: { subject: preview.subject, text: preview.text, language },
      },
    ];
  });
  return { round, proposals: proposalsToDecide, held };
}

/**
 * The submitted reviews' comments for the applicants, per proposal, in one query: what the TAF
 * team draws on to write the shared comments. Unsigned, as the applicants will read them.
 */
function reviewersCommentsForApplicants(proposalIds: number[]): Map<number, string[]> {
  const rows = db()
    .select({ proposalId: reviewAssignments.proposalId, comment: reviews.commentForApplicants })
    .from(reviews)
    .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviews.assignmentId))
    .where(and(inArray(reviewAssignments.proposalId, proposalIds), isNotNull(reviews.submittedAt), ne(reviews.commentForApplicants, "")))
    .orderBy(reviewAssignments.proposalId, reviews.submittedAt)
    .all();
  const byProposal = new Map<number, string[]>();
  for (const row of rows) byProposal.set(row.proposalId, [...(byProposal.get(row.proposalId) ?? []), row.comment]);
  return byProposal;
}

/** The refusal of a form that saw another held decision or proposal version than there is now, as a catalogue key. */
export const DECISION_CONFLICT_MESSAGE = "decisionsPage.refusal.changedMeanwhile";

/**
 * What a form was shown of a proposal's decision: the version of its held decision (0: none)
 * and, on the proposal's own page, the proposal's version too.
 */
export type { SeenDecision } from "./decisions-schema";

/**
 * The one rule for every decision form: one that was shown another held decision, or another
 * version of the proposal, than there is now is refused rather than overwrite what it never saw.
 * A caller that names no version (the demo, a script) is not a form and is not checked.
 */
function changedMeanwhile(seen: SeenDecision | undefined, now: { decision: number; proposal?: number }) {
  if (!seen) return false;
  return seen.decision !== now.decision || (seen.proposal !== undefined && seen.proposal !== now.proposal);
}

/** The audit row of a decision's change, in the transaction that makes it: who, which proposal, what outcome. */
function auditDecision(tx: Tx, admin: SessionUser, action: "decision.recorded" | "decision.changed" | "decision.withdrawn" | "decision.released", decision: { proposalId: number; outcome: DecisionOutcome; priority: boolean }, at?: Date) {
  audit({ actorUserId: admin.id, action, subjectType: "proposal", subjectId: decision.proposalId, detail: { outcome: decision.outcome, priority: decision.priority }, at }, tx);
}

export const PRIORITY_NEEDS_PROMISING = "decisionsPage.refusal.priorityNeedsPromising";

/**
 * Records (or changes) a held decision on each proposal, after asking the statechart whether
 * DECIDE with these facts would be accepted now; a refused one is named with the machine's reason.
 * `seen` holds, by proposal, what the form showed of it; a proposal whose decision (or whose
 * version, where the form showed it) is no longer that one is refused and left as it is.
 */
export function recordDecisions(
  admin: SessionUser,
  roundId: number,
  proposalIds: number[],
  input: DecisionInput,
  { seen = {}, now = new Date(), t = ENGLISH }: { seen?: Record<number, SeenDecision>; now?: Date; t?: TFunction } = {},
): RecordResult {
  const result: RecordResult = { recorded: [], refused: [] };
  for (const proposalId of new Set(proposalIds)) {
    db().transaction(
      (tx) => {
        const proposal = tx.select().from(proposals).where(and(eq(proposals.id, proposalId), eq(proposals.roundId, roundId))).get();
        if (!proposal) return result.refused.push({ proposalId, title: t("decisionsPage.proposalNumber", { id: proposalId }), message: t("decisionsPage.refusal.notInRound") });
        // Who may decide, and where, is the statechart's to say first: a person who may not learns nothing more.
        const snapshot = restoreProposal(proposal.snapshot, proposal.machineVersion);
        const step = stepProposal(snapshot, { type: "DECIDE", actor: actorFor(admin, snapshot, "DECIDE"), outcome: input.outcome, reason: input.reason, sharedFeedback: input.sharedFeedback });
        if (!step.accepted) return result.refused.push({ proposalId, title: nameOf(proposal, t), message: messageIn(step.refusal, t, languageOf(t)) });
        const existing = tx.select().from(proposalDecisions).where(eq(proposalDecisions.proposalId, proposalId)).get();
        if (existing?.releasedAt) return result.refused.push({ proposalId, title: nameOf(proposal, t), message: t("decisionsPage.refusal.alreadyReleased") });
        if (changedMeanwhile(seen[proposalId], { decision: existing?.version ?? 0, proposal: proposal.version })) {
          return result.refused.push({ proposalId, title: nameOf(proposal, t), message: t(DECISION_CONFLICT_MESSAGE) });
        }
        if (input.priority && input.outcome !== "promising") {
          return result.refused.push({ proposalId, title: nameOf(proposal, t), message: t(PRIORITY_NEEDS_PROMISING) });
        }
        const values = { ...input, decidedByUserId: admin.id, decidedAt: now };
        if (existing) tx.update(proposalDecisions).set({ ...values, version: existing.version + 1 }).where(eq(proposalDecisions.proposalId, proposalId)).run();
        else tx.insert(proposalDecisions).values({ proposalId, ...values }).run();
        auditDecision(tx, admin, existing ? "decision.changed" : "decision.recorded", { proposalId, ...input });
        result.recorded.push(nameOf(proposal, t));
      },
      { behavior: "immediate" },
    );
  }
  return result;
}

export type WithdrawResult = { ok: true } | { ok: false; message: string };

/**
 * Withdraws a held decision; a released one is the proposal's history and stays. `seenVersion`
 * is the version of the held decision the form showed: another one is not withdrawn unseen.
 */
export function withdrawDecision(admin: SessionUser, roundId: number, proposalId: number, seenVersion?: number, t: TFunction = ENGLISH): WithdrawResult {
  return db().transaction(
    (tx): WithdrawResult => {
      const held = tx
        .select({ decision: proposalDecisions })
        .from(proposalDecisions)
        .innerJoin(proposals, eq(proposals.id, proposalDecisions.proposalId))
        .where(and(eq(proposalDecisions.proposalId, proposalId), eq(proposals.roundId, roundId), isNull(proposalDecisions.releasedAt)))
        .get()?.decision;
      if (changedMeanwhile(seenVersion === undefined ? undefined : { decision: seenVersion }, { decision: held?.version ?? 0 })) {
        return { ok: false, message: t(DECISION_CONFLICT_MESSAGE) };
      }
      if (!held) return { ok: false, message: t("decisionsPage.refusal.nothingHeld") };
      tx.delete(proposalDecisions).where(eq(proposalDecisions.proposalId, proposalId)).run();
      auditDecision(tx, admin, "decision.withdrawn", held);
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/**
 * Releases the round's held decisions: for each, in one transaction, DECIDE through the
 * statechart (which sends the outcome mail) and the decision marked released. One the machine
 * refuses now (the proposal moved on meanwhile) stays held and is named with the reason. Its
 * institutions are asked for the round's feedback in the same transaction (app/lessons). The
 * demo passes its own transaction, so that its story is released as the TAF team releases one.
 */
export function releaseDecisions(admin: SessionUser, roundId: number, now = new Date(), database: Tx = db(), t: TFunction = ENGLISH): ReleaseResult {
  const held = database
    .select({ decision: proposalDecisions, reference: proposals.reference, title: proposals.title, snapshot: proposals.snapshot, machineVersion: proposals.machineVersion, leadInstitutionId: proposals.leadInstitutionId })
    .from(proposalDecisions)
    .innerJoin(proposals, eq(proposals.id, proposalDecisions.proposalId))
    .where(and(eq(proposals.roundId, roundId), isNull(proposalDecisions.releasedAt)))
    .orderBy(proposals.reference)
    .all();
  const result: ReleaseResult = { released: [], refused: [] };
  for (const { decision, ...proposal } of held) {
    database.transaction(
      (tx) => {
        const { outcome, reason, sharedFeedback } = decision;
        const actor = actorFor(admin, restoreProposal(proposal.snapshot, proposal.machineVersion), "DECIDE");
        const applied = applyProposalCommand({ proposalId: decision.proposalId, actor, command: { type: "DECIDE", outcome, reason, sharedFeedback }, now, words: { t, language: languageOf(t) } }, tx);
        if (!applied.ok) return result.refused.push({ proposalId: decision.proposalId, title: nameOf(proposal, t), message: applied.message });
        tx.update(proposalDecisions).set({ releasedAt: now }).where(eq(proposalDecisions.proposalId, decision.proposalId)).run();
        auditDecision(tx, admin, "decision.released", decision, now);
        askForFeedback(tx, { id: decision.proposalId, roundId, leadInstitutionId: proposal.leadInstitutionId }, now);
        result.released.push(nameOf(proposal, t));
      },
      { behavior: "immediate" },
    );
  }
  return result;
}

/** The proposal page's DECIDE form: the same held decision as the round's decisions page records, refused when what the page showed is stale. */
export function recordDecisionOnProposal(
  admin: SessionUser,
  proposalId: number,
  input: DecisionInput,
  { seen, now = new Date(), t = ENGLISH }: { seen?: SeenDecision; now?: Date; t?: TFunction } = {},
): RecordResult {
  const proposal = db().select({ roundId: proposals.roundId }).from(proposals).where(eq(proposals.id, proposalId)).get();
  if (!proposal) return { recorded: [], refused: [{ proposalId, title: t("decisionsPage.proposalNumber", { id: proposalId }), message: t("decisionsPage.refusal.noSuchProposal") }] };
  return recordDecisions(admin, proposal.roundId, [proposalId], input, { seen: seen ? { [proposalId]: seen } : {}, now, t });
}

/** The held decision the proposal page shows beside its decision form, with the version the form carries. */
export function heldDecisionOn(proposalId: number) {
  const held = db()
    .select({ outcome: proposalDecisions.outcome, priority: proposalDecisions.priority, version: proposalDecisions.version, decidedBy: users.name })
    .from(proposalDecisions)
    .innerJoin(users, eq(users.id, proposalDecisions.decidedByUserId))
    .where(and(eq(proposalDecisions.proposalId, proposalId), isNull(proposalDecisions.releasedAt)))
    .get();
  return held ?? null;
}
