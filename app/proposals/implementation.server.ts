import type { Tx } from "../../db/client";
import { and, desc, eq } from "drizzle-orm";
import { activityReports, proposalEvents, proposals, proposalVersions } from "../../db/schema";
import { formatBrussels, formatDay } from "../../workflows/time";
import { stateLabelOf } from "../../workflows/proposal.machine";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { applicantWordsOf, statesAccepting } from "../../workflows/proposal-stages";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { canOnProposal } from "../permissions.server";
import { revisionRequests } from "./revision-requests.server";
import { hasReached, saveAndSubmit } from "./concept-note.server";
import { DOCUMENT_KEYS, proposalDocuments, readConceptNote } from "./documents.server";
import { leadActor } from "../auth/actors.server";
import type { ActivityReportForm, CompletionReportForm } from "./implementation-schema";
import type { Participation } from "./participation.server";
import { participationIn } from "./participation.server";

// Implementation: the activities of the approved concept note (the latest frozen version of
// kind "conceptNote"), each planned or reported as held, and the completion report that ends
// it. Reporting is open to the lead while the statechart lets it submit the report.

/** The approved concept note: the last version the lead submitted, frozen by SUBMIT_CONCEPT. */
function approvedConceptNote(tx: Tx, proposalId: number) {
  const version = tx
    .select({ content: proposalVersions.content, number: proposalVersions.number, createdAt: proposalVersions.createdAt })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.kind, "conceptNote")))
    .orderBy(desc(proposalVersions.number))
    .get();
  return version ? { number: version.number, note: readConceptNote(version.content) } : null;
}

/** What the implementation page shows; a 404 for a proposal that never reached implementation. */
export function implementationPage(participation: Participation, user: SessionUser) {
  const proposalId = participation.proposalId;
  if (!hasReached(proposalId, "implementation")) {
    throw new Response("This proposal is not in implementation: its concept note has not been approved.", { status: 404 });
  }
  const row = db()
    .select({ title: proposals.title, reference: proposals.reference, state: proposals.state, version: proposals.version, content: proposals.content })
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .get()!;
  const approved = approvedConceptNote(db(), proposalId);
  const reports = new Map(
    db()
      .select()
      .from(activityReports)
      .where(eq(activityReports.proposalId, proposalId))
      .all()
      .map((r) => [r.activityKey, { heldOn: r.heldOn, heldOnLabel: formatDay(r.heldOn), participants: r.participants, outcome: r.outcome }]),
  );
  const activities = (approved?.note.activities ?? []).map((a) => ({ ...a, dateLabel: formatDay(a.date), report: reports.get(a.key) ?? null }));
  const hold =
    statesAccepting("RESUME").includes(row.state as ProposalStatePath)
      ? db()
          .select({ at: proposalEvents.at, payload: proposalEvents.payload })
          .from(proposalEvents)
          .where(and(eq(proposalEvents.proposalId, proposalId), eq(proposalEvents.type, "HOLD")))
          .orderBy(desc(proposalEvents.id))
          .get()
      : undefined;
  return {
    id: proposalId,
    title: row.title,
    reference: row.reference,
    state: row.state,
    stateLabel: stateLabelOf(row.state),
    stageWords: applicantWordsOf(row.state),
    hold: hold ? { at: formatBrussels(hold.at), reason: typeof hold.payload.reason === "string" ? hold.payload.reason : "" } : null,
    version: row.version,
    approvedVersion: approved?.number ?? null,
    activities,
    heldCount: activities.filter((a) => a.report).length,
    completionReport: proposalDocuments(row.content).completionReport,
    revisions: revisionRequests(proposalId, "SUBMIT_REPORT"),
    canReport: canOnProposal(user, "reportImplementation", participation),
  };
}

export type ReportOutcome = { ok: true } | { ok: false; message: string; field?: "activityKey" };

/**
 * Records (or corrects) the report of one approved activity as held. The permission is asked
 * again inside the write transaction, so a report cannot slip in after the completion report
 * was submitted by someone else a moment before.
 */
export function reportActivity(input: { user: SessionUser; proposalId: number; form: ActivityReportForm; now?: Date }): ReportOutcome {
  const now = input.now ?? new Date();
  return db().transaction(
    (tx): ReportOutcome => {
      const participation = participationIn(input.proposalId);
      if (!participation || !canOnProposal(input.user, "reportImplementation", participation)) {
        return { ok: false, message: "Reporting has closed meanwhile: the proposal moved on. Reload the page to see where it is." };
      }
      const approved = approvedConceptNote(tx, input.proposalId);
      if (!approved?.note.activities.some((a) => a.key === input.form.activityKey)) {
        return { ok: false, field: "activityKey", message: "This activity is not in the approved concept note. Reload the page." };
      }
      const report = { heldOn: input.form.heldOn, participants: input.form.participants, outcome: input.form.outcome, reportedByUserId: input.user.id };
      tx.insert(activityReports)
        .values({ proposalId: input.proposalId, activityKey: input.form.activityKey, ...report, createdAt: now })
        .onConflictDoUpdate({ target: [activityReports.proposalId, activityReports.activityKey], set: report })
        .run();
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

/** Saves the completion report and, when asked, submits it (SUBMIT_REPORT). */
export function saveCompletionReport(input: { user: SessionUser; participation: Participation; form: CompletionReportForm; now?: Date }) {
  return saveAndSubmit({
    proposalId: input.participation.proposalId,
    expectedVersion: input.form.version,
    actor: leadActor(input.user, input.participation),
    parts: { [DOCUMENT_KEYS.completionReport]: { outcome: input.form.outcome, lessonsLearnt: input.form.lessonsLearnt } },
    command: input.form.intent === "submitReport" ? { type: "SUBMIT_REPORT" } : null,
    now: input.now,
  });
}
