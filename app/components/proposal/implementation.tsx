import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { CountryCode } from "../../../workflows/countries";
import { SUPPORT_KINDS } from "../../../workflows/vocabulary";
import { countryName } from "../../../workflows/countries";
import type { ActivityReportForm as ActivityReportValues, CompletionReportForm } from "../../proposals/implementation-schema";
import { activityReportSchema, completionReportSchema } from "../../proposals/implementation-schema";
import type { implementationPage } from "../../proposals/implementation.server";
import { FormErrors, TextAreaField, TextField } from "../fields";

// The implementation page's parts: an approved activity with its report, and the completion
// report as the lead writes it or as everyone else reads it.

type ImplementationPageData = ReturnType<typeof implementationPage>;
type Activity = ImplementationPageData["activities"][number];

/** The page's answer to one activity's report: its notice, or the form's messages. */
type ActivityAnswer = { notice: string | null; result: SubmissionResult<string[]> };

export function ActivityCard({ activity, canReport, answer: mine }: { activity: Activity; canReport: boolean; answer?: ActivityAnswer }) {
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

function ActivityReportForm({ activity, lastResult }: { activity: Activity; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<ActivityReportValues>({
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

export function CompletionReport({ page, lastResult }: { page: ImplementationPageData; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const [form, fields] = useForm<CompletionReportForm>({
    id: "completion-report",
    // A save moves the version and the page builds this form anew from what is stored; only a
    // refusal is handed back, to show its messages beside what was typed.
    lastResult,
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

export function CompletionReportView({ report, ongoing }: { report: ImplementationPageData["completionReport"]; ongoing: boolean }) {
  if (!report.outcome && !report.lessonsLearnt) {
    return <p className="empty">{ongoing ? "The lead institution writes it when the activities are over." : "Not written yet."}</p>;
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
