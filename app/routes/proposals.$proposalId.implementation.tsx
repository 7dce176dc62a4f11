import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { countryName } from "../../workflows/countries";
import { SUPPORT_KINDS } from "../../workflows/vocabulary";
import type { CountryCode } from "../../workflows/countries";
import { FormErrors, TextAreaField, TextField } from "../components/fields";
import { requireProposal } from "../permissions.server";
import type { ActivityReportForm, CompletionReportForm } from "../proposals/implementation-schema";
import { activityReportSchema, completionReportSchema } from "../proposals/implementation-schema";
import { implementationPage, reportActivity, saveCompletionReport } from "../proposals/implementation.server";
import { readForm } from "../forms.server";
import { SaveOutcome, WorkPageHeading } from "../components/work-page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Implementation · ${data?.reference ?? data?.title ?? "Proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  return implementationPage(proposal, user);
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

type PageData = ReturnType<typeof useLoaderData<typeof loader>>;
type Activity = PageData["activities"][number];

export default function ImplementationPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reportingClosedForNow = page.stage === "awaitingStart" || page.stage === "onHold";
  const openRevision = page.stage === "ongoing" ? page.revisions.openRequest : null;
  return (
    <>
      <WorkPageHeading
        what="Implementation"
        proposalId={page.id}
        reference={page.reference}
        title={page.title}
        stateLabel={page.stateLabel}
        badge={page.stage === "completed" ? "off" : page.stage === "onHold" ? "warn" : "ok"}
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
                <ActivityCard activity={activity} canReport={page.canReport} />
              </li>
            ))}
          </ol>
        ) : (
          <p className="empty">The approved concept note has no activities.</p>
        )}
      </section>

      <section aria-labelledby="report-heading">
        <h2 id="report-heading">Completion report</h2>
        {page.canReport ? <CompletionReport key={page.version} page={page} /> : <CompletionReportView report={page.completionReport} stage={page.stage} />}
      </section>
    </>
  );
}

function ActivityCard({ activity, canReport }: { activity: Activity; canReport: boolean }) {
  const actionData = useActionData<typeof action>();
  const mine = actionData?.activityKey === activity.key ? actionData : undefined;
  const kind = SUPPORT_KINDS.find((k) => k.id === activity.kind)?.label;
  const headingId = `activity-${activity.key}`;
  const institutions = Object.entries(activity.institutions) as [CountryCode, string][];
  return (
    <article className="card activity-card" aria-labelledby={headingId}>
      <div className="page-head">
        <h3 id={headingId}>{activity.title || "Untitled activity"}</h3>
        {activity.report ? <span className="badge ok">Held</span> : <span className="badge">Planned</span>}
      </div>
      <dl className="facts">
        {kind ? (
          <>
            <dt>Kind</dt>
            <dd>{kind}</dd>
          </>
        ) : null}
        <dt>Planned</dt>
        <dd>
          {[activity.dateLabel, activity.place, activity.participants !== null ? `${activity.participants} participants` : ""].filter(Boolean).join(", ")}
        </dd>
        {institutions.length ? (
          <>
            <dt>Institutions</dt>
            <dd>
              <ul className="plain">
                {institutions.map(([code, names]) => (
                  <li key={code}>
                    {countryName(code)}: {names}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        {activity.report ? (
          <>
            <dt>Held</dt>
            <dd>
              {activity.report.heldOnLabel}, {activity.report.participants} participants
            </dd>
            <dt>Outcome</dt>
            <dd className="prose">{activity.report.outcome}</dd>
          </>
        ) : null}
      </dl>
      {mine?.notice ? (
        <p className="notice success" role="status">
          {mine.notice}
        </p>
      ) : null}
      {canReport ? (
        <details open={mine !== undefined && !mine.notice}>
          <summary>{activity.report ? "Correct the report of this activity" : "Report this activity as held"}</summary>
          <ActivityReportForm activity={activity} lastResult={mine?.result} />
        </details>
      ) : null}
    </article>
  );
}

function ActivityReportForm({ activity, lastResult }: { activity: Activity; lastResult?: NonNullable<ReturnType<typeof useActionData<typeof action>>>["result"] }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<ActivityReportForm>({
    id: `report-${activity.key}`,
    lastResult,
    defaultValue: {
      intent: "reportActivity",
      activityKey: activity.key,
      heldOn: activity.report?.heldOn ?? activity.date,
      participants: activity.report?.participants ?? activity.participants ?? undefined,
      outcome: activity.report?.outcome ?? "",
    },
    constraint: getZodConstraint(activityReportSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: activityReportSchema }),
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("activityKey") === activity.key;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reportActivity" />
      <input {...getInputProps(fields.activityKey, { type: "hidden" })} />
      <FormErrors errors={form.errors} />
      <div className="field">
        <label htmlFor={fields.heldOn.id}>Date it was held</label>
        <span className="hint" id={fields.heldOn.descriptionId}>
          The first day. Without a date picker, type it as YYYY-MM-DD.
        </span>
        <input {...getInputProps(fields.heldOn, { type: "date", ariaDescribedBy: fields.heldOn.descriptionId })} />
        {fields.heldOn.errors?.length ? (
          <p className="error" id={fields.heldOn.errorId}>
            {fields.heldOn.errors.join(" ")}
          </p>
        ) : null}
      </div>
      <TextField label="Number of participants" type="number" meta={fields.participants} />
      <TextAreaField label="Outcome" hint="What the activity achieved, in a few sentences." meta={fields.outcome} />
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : activity.report ? "Save the corrected report" : "Report the activity as held"}
      </button>
    </Form>
  );
}

function CompletionReport({ page }: { page: PageData }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<CompletionReportForm>({
    id: "completion-report",
    // A save moves the version and the page builds this form anew from what is stored; only a
    // refusal is handed back, to show its messages beside what was typed.
    lastResult: actionData && actionData.activityKey === null && actionData.result.status !== "success" ? actionData.result : undefined,
    defaultValue: { intent: "saveReport", version: page.version, ...page.completionReport },
    constraint: getZodConstraint(completionReportSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: completionReportSchema }),
  });
  const pending = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const unreported = page.activities.length - page.heldCount;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      {/* Enter in a field presses the first button: make that "save", not "submit". */}
      <button type="submit" name="intent" value="saveReport" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Save
      </button>
      <input type="hidden" name={fields.version.name} value={page.version} />
      <FormErrors errors={form.errors} />
      <p>When the activities are over, say what the proposal achieved and what you learnt. Save as often as you like.</p>
      <TextAreaField label="What was achieved" hint="The results, compared with what the proposal set out to do." meta={fields.outcome} />
      <TextAreaField
        label="Lessons learnt"
        hint="What worked, what did not, and what the TAF team should change for the next proposals."
        meta={fields.lessonsLearnt}
      />
      {unreported > 0 ? (
        <p className="notice">
          {unreported} of {page.activities.length} activities {unreported === 1 ? "is" : "are"} not reported as held yet. Report them above
          before you submit, or explain in the report why they did not take place.
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" name="intent" value="saveReport" className="secondary" disabled={pending === "saveReport"}>
          {pending === "saveReport" ? "Saving…" : "Save the completion report"}
        </button>
        <button type="submit" name="intent" value="submitReport" disabled={pending === "submitReport"}>
          {pending === "submitReport" ? "Submitting…" : "Submit the completion report"}
        </button>
      </div>
    </Form>
  );
}

function CompletionReportView({ report, stage }: { report: PageData["completionReport"]; stage: string }) {
  if (!report.outcome && !report.lessonsLearnt) {
    return <p className="empty">{stage === "ongoing" ? "The lead institution writes it when the activities are over." : "Not written yet."}</p>;
  }
  return (
    <dl className="answers">
      <div>
        <dt>What was achieved</dt>
        <dd>{report.outcome ? <span className="prose">{report.outcome}</span> : <span className="muted">Not answered yet</span>}</dd>
      </div>
      <div>
        <dt>Lessons learnt</dt>
        <dd>{report.lessonsLearnt ? <span className="prose">{report.lessonsLearnt}</span> : <span className="muted">Not answered yet</span>}</dd>
      </div>
    </dl>
  );
}
