import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Pagination } from "../components/pagination";
import { DocumentAttachments } from "../components/proposal/document-attachments";
import { ActivityCard, CompletionReport, CompletionReportView, PlanForm } from "../components/proposal/implementation";
import { TeamSteps } from "../components/proposal/team-steps";
import { SaveOutcome, WorkPageHeading } from "../components/work-page";
import { teamStepsOn } from "../proposals/proposal-view.server";
import { readForm } from "../forms.server";
import { requestedPage } from "../pagination.server";
import { requireOnProposal, requireProposal } from "../permissions.server";
import { implementationStartedOn, reportActivity, saveActivity } from "../proposals/activities.server";
import { activityReportSchemaFrom, completionReportSchema, plannedActivitySchema } from "../proposals/implementation-schema";
import { implementationPage, saveCompletionReport } from "../proposals/implementation.server";
import { implementationAttachments } from "../proposals/document-attachments.server";
import { answerUnreachableSave, documentNotSavedReply, documentSaveReply, skipRevalidationAfter } from "../proposals/document-autosave";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Implementation · ${data?.reference ?? data?.title ?? "Proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const page = implementationPage(proposal, user, requestedPage(request, "activityPage"));
  return {
    ...page,
    attachments: implementationAttachments(proposal, user, page.activities.map((activity) => activity.id)),
    teamSteps: teamStepsOn(proposal, user),
    startedOn: implementationStartedOn(proposal.proposalId),
    // Where implementation is, asked of the statechart (typed by it), as flags for the page.
    at: {
      awaitingStart: proposal.snapshot.matches({ implementation: { active: "awaitingStart" } }),
      ongoing: proposal.snapshot.matches({ implementation: { active: "ongoing" } }),
      onHold: proposal.snapshot.matches({ implementation: "onHold" }),
      completed: proposal.snapshot.matches("completed"),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "planActivity") {
    requireOnProposal(user, "planActivities", proposal);
    // A new activity's form is keyed "new": its answer shows under the plan, not on a card.
    const activityKey = String(formData.get("key") || "new");
    const submission = parseWithZod(formData, { schema: plannedActivitySchema });
    if (submission.status !== "success") return { intent, activityKey, result: submission.reply(), notice: null, refusal: null };
    const outcome = saveActivity({ user, proposalId: proposal.proposalId, form: submission.value });
    if (!outcome.ok) return { intent, activityKey, result: submission.reply({ formErrors: [outcome.message] }), notice: null, refusal: null };
    return { intent, activityKey, result: submission.reply({ resetForm: true }), notice: outcome.message, refusal: null };
  }
  requireOnProposal(user, "reportImplementation", proposal);
  if (intent === "reportActivity") {
    const activityKey = String(formData.get("activityKey") ?? "");
    const submission = parseWithZod(formData, { schema: activityReportSchemaFrom(implementationStartedOn(proposal.proposalId)) });
    if (submission.status !== "success") return { intent, activityKey, result: submission.reply(), notice: null, refusal: null };
    const outcome = reportActivity({ user, proposalId: proposal.proposalId, form: submission.value });
    if (!outcome.ok) return { intent, activityKey, result: submission.reply({ formErrors: [outcome.message] }), notice: null, refusal: null };
    return { intent, activityKey, result: submission.reply(), notice: outcome.message, refusal: null };
  }
  const now = new Date();
  const basedOn = Number(formData.get("version"));
  const submission = parseWithZod(formData, { schema: completionReportSchema });
  if (submission.status !== "success") return { intent: "report", activityKey: null, result: submission.reply(), notice: null, refusal: null, ...documentNotSavedReply(basedOn) };
  const outcome = saveCompletionReport({ user, participation: proposal, form: submission.value, now });
  const saveReply = documentSaveReply(outcome, basedOn, now);
  if (!outcome.ok) return { intent: "report", activityKey: null, result: submission.reply({ formErrors: [outcome.message] }), notice: null, refusal: null, ...saveReply };
  const result = submission.reply();
  if (outcome.submitted) return { intent: "report", activityKey: null, result, notice: "The completion report is submitted. The TAF team will read it and tell you by e-mail.", refusal: null, ...saveReply };
  return { intent: "report", activityKey: null, result, notice: outcome.refusal ? null : `The completion report is saved (${outcome.savedAt}).`, refusal: outcome.refusal, ...saveReply };
}

export function clientAction(args: ClientActionFunctionArgs) {
  return answerUnreachableSave<typeof action>(args, "saveReport", "version");
}

export const shouldRevalidate = skipRevalidationAfter("saveReport");

export default function ImplementationPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reportingClosedForNow = page.at.awaitingStart || page.at.onHold;
  const openRevision = page.at.ongoing ? page.revisions.openRequest : null;
  return (
    <>
      <WorkPageHeading
        what="Implementation"
        proposalId={page.id}
        reference={page.reference}
        title={page.title}
        stateLabel={page.stateLabel}
        badge={page.at.completed ? "off" : page.at.onHold ? "warn" : "ok"}
      />
      {/* An activity's report is confirmed on its card; the completion report's here. */}
      <SaveOutcome notice={actionData?.activityKey === null ? actionData.notice : null} refusal={actionData?.refusal} document="completion report" />

      <TeamSteps steps={page.teamSteps} proposalId={page.id} version={page.version} />
      <section aria-labelledby="where-heading">
        <h2 id="where-heading">Where implementation is</h2>
        <p>
          <strong>{page.stateLabel}.</strong> {page.stageWords}
        </p>
        {page.hold ? (
          <div className="notice warning">
            <p>On hold since {page.hold.at}.</p>
            {page.hold.reason ? (
              <blockquote>
                <span className="muted">Reason:</span> <span className="prose">{page.hold.reason}</span>
              </blockquote>
            ) : null}
          </div>
        ) : null}
        {reportingClosedForNow ? <p className="notice">Reporting on activities opens when implementation is ongoing.</p> : null}
        {openRevision ? (
          <section className="notice warning" aria-labelledby="revision-heading">
            <h3 id="revision-heading">{page.forTeam ? "You asked for changes to the completion report" : "The TAF team asks for changes to the completion report"}</h3>
            <p className="muted">Asked on {openRevision.at}</p>
            <blockquote className="prose">{openRevision.reason}</blockquote>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">Activities</h2>
        <p>
          Planned from the approved concept note{page.approvedVersion ? ` (version ${page.approvedVersion})` : ""}:{" "}
          <Link to={`/proposals/${page.id}/concept`}>read the whole concept note</Link>. {page.heldCount} of {page.activityPages.total}{" "}
          {page.activityPages.total === 1 ? "activity is" : "activities are"} reported as held; every report sent is kept among the{" "}
          <Link to={`/proposals/${page.id}/versions`}>versions</Link>.
        </p>
        {page.activities.length ? (
          <ol className="plain activity-list">
            {page.activities.map((activity) => (
              <li key={activity.key}>
                <ActivityCard
                  activity={activity}
                  canReport={page.canReport}
                  canPlan={page.canPlan}
                  attachments={page.attachments.activities[activity.id]}
                  startedOn={page.startedOn}
                  answer={actionData?.activityKey === activity.key && actionData.intent !== "report" ? actionData : undefined}
                />
              </li>
            ))}
          </ol>
        ) : (
          <p className="empty">No activities are planned.</p>
        )}
        <Pagination pages={page.activityPages} label="activities" />
        {actionData?.activityKey === "new" && actionData.notice ? (
          <p className="notice success" role="status">
            {actionData.notice}
          </p>
        ) : null}
        {page.canPlan ? (
          <details className="card" open={actionData?.activityKey === "new" && !actionData.notice}>
            <summary>Plan another activity</summary>
            <PlanForm lastResult={actionData?.activityKey === "new" ? actionData.result : undefined} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="report-heading">
        <h2 id="report-heading">Completion report</h2>
        {page.canReport ? <CompletionReport
            key={page.version}
            page={page}
            lastResult={actionData && actionData.activityKey === null && actionData.result.status !== "success" ? actionData.result : undefined}
          /> : <CompletionReportView report={page.completionReport} ongoing={page.at.ongoing} />}
        <DocumentAttachments heading="Attachments of the completion report" level={3} {...page.attachments.completion} />
      </section>
    </>
  );
}
