import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { formatBrusselsIn, formatBrusselsTimeIn, formatDayIn } from "../../workflows/time";
import { Pagination } from "../components/pagination";
import { DocumentAttachments } from "../components/proposal/document-attachments";
import { ActivityCard, CompletionReport, CompletionReportView, PlanForm } from "../components/proposal/implementation";
import { TeamSteps } from "../components/proposal/team-steps";
import { SaveOutcome, WorkPageHeading } from "../components/work-page";
import { teamStepsOn } from "../proposals/proposal-view.server";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { requireOnProposal, requireProposal } from "../permissions.server";
import { implementationStartedOn, reportActivity, saveActivity } from "../proposals/activities.server";
import { activityReportSchema, activityReportSchemaFrom, completionReportSchema, plannedActivitySchema } from "../proposals/implementation-schema";
import { implementationPage, saveCompletionReport } from "../proposals/implementation.server";
import { implementationAttachments } from "../proposals/document-attachments.server";
import { answerUnreachableSave, documentNotSavedReply, documentSaveReply, skipRevalidationAfter } from "../proposals/document-autosave";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

/** The day implementation started, with that day in the page's words (for the report form's check). */
function startedOnIn(proposalId: number, language: Awaited<ReturnType<typeof pageLanguage>>) {
  const day = implementationStartedOn(proposalId);
  return day === null ? null : { day, label: formatDayIn(language, day) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  const page = implementationPage(proposal, user, requestedPage(request, "activityPage"), t, language);
  const started = startedOnIn(proposal.proposalId, language);
  return {
    ...page,
    pageTitle: t("layout.pageTitle", { page: `${t("implementationPage.what")} · ${page.reference ?? page.title}` }),
    attachments: implementationAttachments(proposal, user, page.activities.map((activity) => activity.id), { t, language }),
    teamSteps: teamStepsOn(proposal, user, t),
    startedOn: started?.day ?? null,
    started,
    checks: { plan: browserChecks(plannedActivitySchema), report: browserChecks(activityReportSchema), completion: browserChecks(completionReportSchema) },
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
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  const intent = formData.get("intent");
  if (intent === "planActivity") {
    requireOnProposal(user, "planActivities", proposal, { t, language });
    // A new activity's form is keyed "new": its answer shows under the plan, not on a card.
    const activityKey = String(formData.get("key") || "new");
    const submission = parseWithZod(formData, { schema: plannedActivitySchema });
    if (submission.status !== "success") return { intent, activityKey, result: translateReply(submission.reply(), t), notice: null, refusal: null };
    const outcome = saveActivity({ user, proposalId: proposal.proposalId, form: submission.value });
    const said = t(outcome.message, outcome.values);
    if (!outcome.ok) return { intent, activityKey, result: translateReply(submission.reply({ formErrors: [said] }), t), notice: null, refusal: null };
    return { intent, activityKey, result: submission.reply({ resetForm: true }), notice: said, refusal: null };
  }
  requireOnProposal(user, "reportImplementation", proposal, { t, language });
  if (intent === "reportActivity") {
    const activityKey = String(formData.get("activityKey") ?? "");
    const submission = parseWithZod(formData, { schema: activityReportSchemaFrom(startedOnIn(proposal.proposalId, language), t) });
    if (submission.status !== "success") return { intent, activityKey, result: translateReply(submission.reply(), t), notice: null, refusal: null };
    const outcome = reportActivity({ user, proposalId: proposal.proposalId, form: submission.value });
    const said = t(outcome.message, outcome.values);
    if (!outcome.ok) return { intent, activityKey, result: translateReply(submission.reply({ formErrors: [said] }), t), notice: null, refusal: null };
    return { intent, activityKey, result: submission.reply(), notice: said, refusal: null };
  }
  const now = new Date();
  const basedOn = Number(formData.get("version"));
  const submission = parseWithZod(formData, { schema: completionReportSchema });
  if (submission.status !== "success") return { intent: "report", activityKey: null, result: translateReply(submission.reply(), t), notice: null, refusal: null, ...documentNotSavedReply(basedOn, t) };
  const outcome = saveCompletionReport({ user, participation: proposal, form: submission.value, words: { t, language }, now });
  const saveReply = documentSaveReply(outcome, basedOn, formatBrusselsTimeIn(language, now));
  if (!outcome.ok) return { intent: "report", activityKey: null, result: translateReply(submission.reply({ formErrors: [outcome.message] }), t), notice: null, refusal: null, ...saveReply };
  const result = submission.reply();
  if (outcome.submitted) return { intent: "report", activityKey: null, result, notice: t("implementationPage.reportSubmitted"), refusal: null, ...saveReply };
  return { intent: "report", activityKey: null, result, notice: outcome.refusal ? null : t("implementationPage.reportSaved", { at: formatBrusselsIn(language, now) }), refusal: outcome.refusal, ...saveReply };
}

export function clientAction(args: ClientActionFunctionArgs) {
  return answerUnreachableSave<typeof action>(args, "saveReport", "version");
}

export const shouldRevalidate = skipRevalidationAfter("saveReport");

export default function ImplementationPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reportingClosedForNow = page.at.awaitingStart || page.at.onHold;
  const openRevision = page.at.ongoing ? page.revisions.openRequest : null;
  return (
    <>
      <WorkPageHeading
        what={t("implementationPage.what")}
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
        <h2 id="where-heading">{t("implementationPage.whereHeading")}</h2>
        <p>
          <strong>{page.stateLabel}.</strong> {page.stageWords}
        </p>
        {page.hold ? (
          <div className="notice warning">
            <p>{t("implementationPage.onHoldSince", { at: page.hold.at })}</p>
            {page.hold.reason ? (
              <blockquote>
                <span className="muted">{t("implementationPage.reason")}</span> <span className="prose">{page.hold.reason}</span>
              </blockquote>
            ) : null}
          </div>
        ) : null}
        {reportingClosedForNow ? <p className="notice">{t("implementationPage.reportingOpensLater")}</p> : null}
        {openRevision ? (
          <section className="notice warning" aria-labelledby="revision-heading">
            <h3 id="revision-heading">{t(page.forTafTeam ? "implementationPage.youAskedForChanges" : "implementationPage.tafAsksForChanges")}</h3>
            <p className="muted">{t("conceptNotePage.revision.askedOn", { at: openRevision.at })}</p>
            <blockquote className="prose">{openRevision.reason}</blockquote>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">{t("implementationPage.activitiesHeading")}</h2>
        <p>
          <Trans
            i18nKey={page.approvedVersion ? "implementationPage.plannedFromVersion" : "implementationPage.plannedFrom"}
            values={{ version: page.approvedVersion }}
            components={{ conceptLink: <Link to={`/proposals/${page.id}/concept`} /> }}
          />{" "}
          <Trans
            i18nKey="implementationPage.heldOf"
            count={page.activityPages.total}
            values={{ held: page.heldCount }}
            components={{ versionsLink: <Link to={`/proposals/${page.id}/versions`} /> }}
          />
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
                  startedOn={page.started}
                  checks={page.checks}
                  activityTypes={page.activityTypes}
                  answer={actionData?.activityKey === activity.key && actionData.intent !== "report" ? actionData : undefined}
                />
              </li>
            ))}
          </ol>
        ) : (
          <p className="empty">{t("implementationPage.noActivities")}</p>
        )}
        <Pagination pages={page.activityPages} label={t("implementationPage.activitiesLabel")} />
        {actionData?.activityKey === "new" && actionData.notice ? (
          <p className="notice success" role="status">
            {actionData.notice}
          </p>
        ) : null}
        {page.canPlan ? (
          <details className="card" open={actionData?.activityKey === "new" && !actionData.notice}>
            <summary>{t("implementationPage.planAnother")}</summary>
            <PlanForm types={page.activityTypes} checks={page.checks.plan} lastResult={actionData?.activityKey === "new" ? actionData.result : undefined} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="report-heading">
        <h2 id="report-heading">{t("implementationPage.reportHeading")}</h2>
        {page.canReport ? <CompletionReport
            key={page.version}
            page={page}
            checks={page.checks.completion}
            lastResult={actionData && actionData.activityKey === null && actionData.result.status !== "success" ? actionData.result : undefined}
          /> : <CompletionReportView report={page.completionReport} ongoing={page.at.ongoing} />}
        <DocumentAttachments heading={t("implementationPage.reportAttachments")} level={3} {...page.attachments.completion} />
      </section>
    </>
  );
}
