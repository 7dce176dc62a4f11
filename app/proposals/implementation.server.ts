import { and, count, desc, eq } from "drizzle-orm";
import { activityReports, proposalEvents, proposals } from "../../db/schema";
import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { ACTIVITY_TYPES, namedOptions } from "../../workflows/vocabulary";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { stageLabelFor, stageWordsFor, statesAccepting } from "../../workflows/proposal-stages";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { canOnProposal, stageAudienceOf } from "../permissions.server";
import { revisionRequests } from "./revision-requests.server";
import { hasReached, saveAndSubmit } from "./concept-note.server";
import { DOCUMENT_KEYS, proposalDocuments } from "./documents.server";
import type { PageRequest } from "../pagination.server";
import { activityTimeline } from "./activities.server";
import { approvedConceptNote } from "./activity-plan.server";
import { leadActor } from "../auth/actors.server";
import type { CompletionReportForm } from "./implementation-schema";
import type { Participation } from "./participation.server";

// Implementation: the planned activities (activities.server.ts), each planned or reported as
// held, and the completion report that ends it. Reporting is open to the lead while the
// statechart lets it submit the report.

/** What the implementation page shows, in the page's words; a 404 for a proposal that never reached implementation. */
export function implementationPage(participation: Participation, user: SessionUser, activityPage: PageRequest, t: TFunction, language: PageLanguage) {
  const proposalId = participation.proposalId;
  if (!hasReached(proposalId, "implementation")) throw new Response(t("implementationPage.notInImplementation"), { status: 404 });
  const row = db()
    .select({ title: proposals.title, reference: proposals.reference, state: proposals.state, version: proposals.version, content: proposals.content })
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .get()!;
  const approved = approvedConceptNote(db(), proposalId);
  const activities = activityTimeline(user, { proposalId }, activityPage, { t, language });
  const heldCount = db()
    .select({ n: count() })
    .from(activityReports)
    .where(eq(activityReports.proposalId, proposalId))
    .get()!.n;
  const hold =
    statesAccepting("RESUME").includes(row.state as ProposalStatePath)
      ? db()
          .select({ at: proposalEvents.at, payload: proposalEvents.payload })
          .from(proposalEvents)
          .where(and(eq(proposalEvents.proposalId, proposalId), eq(proposalEvents.type, "HOLD")))
          .orderBy(desc(proposalEvents.id))
          .get()
      : undefined;
  const canPlan = canOnProposal(user, "planActivities", participation);
  return {
    id: proposalId,
    title: row.title,
    reference: row.reference,
    state: row.state,
    stateLabel: stageLabelFor(row.state, stageAudienceOf(user), t),
    stageWords: stageWordsFor(row.state, stageAudienceOf(user), t),
    /** The TAF team reads its own requests for changes as theirs: "You asked…". */
    forTafTeam: stageAudienceOf(user) === "tafTeam",
    hold: hold ? { at: formatBrusselsIn(language, hold.at), reason: typeof hold.payload.reason === "string" ? hold.payload.reason : "" } : null,
    version: row.version,
    approvedVersion: approved?.number ?? null,
    activities: activities.rows,
    activityPages: activities.pages,
    heldCount,
    canPlan,
    /** The plan form's kinds of activity, named in the page's language (the browser needs no vocabulary). */
    activityTypes: canPlan ? namedOptions(ACTIVITY_TYPES, t) : [],
    completionReport: proposalDocuments(row.content).completionReport,
    revisions: revisionRequests(proposalId, "SUBMIT_REPORT", db(), language),
    canReport: canOnProposal(user, "reportImplementation", participation),
  };
}

/** Saves the completion report and, when asked, submits it (SUBMIT_REPORT). */
export function saveCompletionReport(input: { user: SessionUser; participation: Participation; form: CompletionReportForm; words: { t: TFunction; language: PageLanguage }; now?: Date }) {
  return saveAndSubmit({
    proposalId: input.participation.proposalId,
    expectedVersion: input.form.version,
    actor: leadActor(input.user, input.participation),
    parts: { [DOCUMENT_KEYS.completionReport]: { outcome: input.form.outcome, lessonsLearnt: input.form.lessonsLearnt } },
    command: input.form.intent === "submitReport" ? { type: "SUBMIT_REPORT" } : null,
    words: input.words,
    now: input.now,
  });
}
