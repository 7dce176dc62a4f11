import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ActivityCard, CompletionReport, CompletionReportView } from "../components/proposal/implementation";
import { SaveOutcome, WorkPageHeading } from "../components/work-page";
import { readForm } from "../forms.server";
import { requireProposal } from "../permissions.server";
import { activityReportSchema, completionReportSchema } from "../proposals/implementation-schema";
import { implementationPage, reportActivity, saveCompletionReport } from "../proposals/implementation.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Implementation · ${data?.reference ?? data?.title ?? "Proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const page = implementationPage(proposal, user);
  return {
    ...page,
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
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "reportImplementation");
  const formData = await readForm(request);
  if (formData.get("intent") === "reportActivity") {
    const activityKey = String(formData.get("activityKey") ?? "");
    const submission = parseWithZod(formData, { schema: activityReportSchema });
    if (submission.status !== "success") return { activityKey, result: submission.reply(), notice: null, refusal: null };
    const outcome = reportActivity({ user, proposalId: proposal.proposalId, form: submission.value });
    if (!outcome.ok) return { activityKey, result: submission.reply({ formErrors: [outcome.message] }), notice: null, refusal: null };
    return { activityKey, result: submission.reply(), notice: "The activity is reported as held.", refusal: null };
  }
  const submission = parseWithZod(formData, { schema: completionReportSchema });
  if (submission.status !== "success") return { activityKey: null, result: submission.reply(), notice: null, refusal: null };
  const outcome = saveCompletionReport({ user, participation: proposal, form: submission.value });
  if (!outcome.ok) return { activityKey: null, result: submission.reply({ formErrors: [outcome.message] }), notice: null, refusal: null };
  const result = submission.reply();
  if (outcome.submitted) return { activityKey: null, result, notice: "The completion report is submitted. The TAF team will read it and tell you by e-mail.", refusal: null };
  return { activityKey: null, result, notice: outcome.refusal ? null : `The completion report is saved (${outcome.savedAt}).`, refusal: outcome.refusal };
}

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
            <h3 id="revision-heading">The TAF team asks for changes to the completion report</h3>
            <p className="muted">Asked on {openRevision.at}</p>
            <blockquote className="prose">{openRevision.reason}</blockquote>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">Approved activities</h2>
        <p>
          From the approved concept note{page.approvedVersion ? ` (version ${page.approvedVersion})` : ""}:{" "}
          <Link to={`/proposals/${page.id}/concept`}>read the whole concept note</Link>. {page.heldCount} of {page.activities.length}{" "}
          {page.activities.length === 1 ? "activity is" : "activities are"} reported as held.
        </p>
        {page.activities.length ? (
          <ol className="plain activity-list">
            {page.activities.map((activity) => (
              <li key={activity.key}>
                <ActivityCard activity={activity} canReport={page.canReport} answer={actionData?.activityKey === activity.key ? actionData : undefined} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="empty">The approved concept note has no activities.</p>
        )}
      </section>

      <section aria-labelledby="report-heading">
        <h2 id="report-heading">Completion report</h2>
        {page.canReport ? <CompletionReport
            key={page.version}
            page={page}
            lastResult={actionData && actionData.activityKey === null && actionData.result.status !== "success" ? actionData.result : undefined}
          /> : <CompletionReportView report={page.completionReport} ongoing={page.at.ongoing} />}
      </section>
    </>
  );
}
