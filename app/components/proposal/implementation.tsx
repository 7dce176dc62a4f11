import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import { WB6_COUNTRIES } from "../../../workflows/countries";
import { formatDay } from "../../../workflows/time";
import { ACTIVITY_TYPES } from "../../../workflows/vocabulary";
import type { ActivityReportForm as ActivityReportValues, CompletionReportForm, PlannedActivityForm } from "../../proposals/implementation-schema";
import { activityReportSchema, activityReportSchemaFrom, completionReportSchema, plannedActivitySchema } from "../../proposals/implementation-schema";
import type { implementationPage } from "../../proposals/implementation.server";
import { useAutosave } from "../../proposals/use-autosave";
import { AutosaveStatus } from "./autosave-status";
import { useHydrated } from "./draft-form";
import { CountryName } from "../country";
import { DocumentAttachments } from "./document-attachments";
import { FieldError, FormErrors, SelectField, TextAreaField, TextField } from "../fields";

// The implementation page's parts: a planned activity with its report, the forms that plan and
// report it, and the completion report as the lead writes it or as everyone else reads it.

type ImplementationPageData = ReturnType<typeof implementationPage>;
type Activity = ImplementationPageData["activities"][number];

/** The page's answer to one activity's form: its notice, or the form's messages. */
export type ActivityAnswer = { notice: string | null; result: SubmissionResult<string[]> };

/** "Kosovo*: 10 planned, 9 held": the countries taking part, with their numbers where given (a plan copied from the concept note names countries only). */
export function ParticipantsByCountry({ activity }: { activity: Pick<Activity, "byCountry"> }) {
  if (!activity.byCountry.length) return <span className="muted">No country named yet</span>;
  return (
    <ul className="plain">
      {activity.byCountry.map((country) => (
        <li key={country.code}>
          <CountryName name={country.name} needsFootnote={country.needsFootnote} />
          {country.planned !== null || country.held !== null
            ? `: ${[country.planned !== null ? `${country.planned} planned` : "", country.held !== null ? `${country.held} held` : ""].filter(Boolean).join(", ")}`
            : null}
        </li>
      ))}
    </ul>
  );
}

export function ActivityCard({
  activity,
  canReport,
  canPlan,
  attachments,
  startedOn,
  answer: mine,
}: {
  activity: Activity;
  canReport: boolean;
  canPlan: boolean;
  /** The files of this activity's report (agendas, lists of participants, minutes). */
  attachments?: Omit<Parameters<typeof DocumentAttachments>[0], "heading" | "level">;
  startedOn: string | null;
  answer?: ActivityAnswer & { intent: string };
}) {
  const headingId = `activity-${activity.key}`;
  return (
    <article className="card activity-card" aria-labelledby={headingId}>
      <div className="page-head">
        <h3 id={headingId}>{activity.title || "Untitled activity"}</h3>
        {activity.report ? <span className="badge ok">Held</span> : <span className="badge">Planned</span>}
      </div>
      <dl className="facts">
        <dt>Type</dt>
        <dd>{activity.typeLabel}</dd>
        <dt>Planned</dt>
        <dd>{[activity.daysLabel, activity.place, activity.participants !== null ? `${activity.participants} participants` : ""].filter(Boolean).join(", ")}</dd>
        <dt>Countries</dt>
        <dd>
          <ParticipantsByCountry activity={activity} />
        </dd>
        {activity.report ? (
          <>
            <dt>Held</dt>
            <dd>
              {activity.report.daysLabel}, {activity.report.participants} participants
            </dd>
            <dt>Outcome</dt>
            <dd className="prose">{activity.report.outcome}</dd>
          </>
        ) : null}
      </dl>
      {attachments ? <DocumentAttachments heading="Attachments of the report" level={4} {...attachments} /> : null}
      {mine?.notice ? (
        <p className="notice success" role="status">
          {mine.notice}
        </p>
      ) : null}
      {canPlan && !activity.report ? (
        <details open={mine?.intent === "planActivity" && !mine.notice}>
          <summary>Change the plan of this activity</summary>
          <PlanForm activity={activity} lastResult={mine?.intent === "planActivity" ? mine.result : undefined} />
        </details>
      ) : null}
      {canReport ? (
        <details open={mine?.intent === "reportActivity" && !mine.notice}>
          <summary>{activity.report ? "Correct the report of this activity" : "Report this activity as held"}</summary>
          <ActivityReportForm activity={activity} startedOn={startedOn} lastResult={mine?.intent === "reportActivity" ? mine.result : undefined} />
        </details>
      ) : null}
    </article>
  );
}

function DateField({ label, hint, meta }: { label: string; hint: string; meta: FieldMetadata<string | undefined> }) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <span className="hint" id={meta.descriptionId}>
        {hint} Without a date picker, type it as YYYY-MM-DD.
      </span>
      <input {...getInputProps(meta, { type: "date", ariaDescribedBy: meta.descriptionId })} />
      <FieldError meta={meta} />
    </div>
  );
}

/** One number per country; a country left empty takes no part. */
function CountryNumbers({ legend, hint, meta }: { legend: string; hint: string; meta: FieldMetadata<Partial<Record<string, number>>> }) {
  const fields = meta.getFieldset();
  return (
    <fieldset className="field" aria-describedby={meta.errors?.length ? meta.errorId : meta.descriptionId}>
      <legend>{legend}</legend>
      <span className="hint" id={meta.descriptionId}>
        {hint}
      </span>
      <div className="country-numbers">
        {WB6_COUNTRIES.map((country) => {
          const field = fields[country.code]!;
          return (
            <div key={country.code} className="field">
              <label htmlFor={field.id}>
                <CountryName name={country.name} needsFootnote={country.needsFootnote} />
              </label>
              <input {...getInputProps(field, { type: "number" })} min={0} inputMode="numeric" />
              <FieldError meta={field} />
            </div>
          );
        })}
      </div>
      <FieldError meta={meta} />
    </fieldset>
  );
}

function countryValues(activity: Activity | undefined, column: "planned" | "held") {
  return Object.fromEntries((activity?.byCountry ?? []).flatMap((c) => (c[column] !== null ? [[c.code, c[column]]] : [])));
}

/** Plans a new activity (no `activity`) or changes a planned one. */
export function PlanForm({ activity, lastResult }: { activity?: Activity; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const formKey = activity?.key ?? "new";
  const [form, fields] = useForm<PlannedActivityForm>({
    id: `plan-${formKey}`,
    lastResult,
    defaultValue: activity
      ? { intent: "planActivity", key: activity.key, version: activity.version, type: activity.type, title: activity.title, startsOn: activity.startsOn, endsOn: activity.endsOn ?? undefined, place: activity.place, participants: countryValues(activity, "planned") }
      : { intent: "planActivity" },
    constraint: getZodConstraint(plannedActivitySchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: plannedActivitySchema }),
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("intent") === "planActivity" && (navigation.formData?.get("key") ?? "new") === formKey;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="planActivity" />
      {activity ? (
        <>
          <input {...getInputProps(fields.key, { type: "hidden" })} />
          <input {...getInputProps(fields.version, { type: "hidden" })} />
        </>
      ) : null}
      <FormErrors errors={form.errors} />
      <SelectField label="Type" meta={fields.type} emptyOption="Choose the type" options={ACTIVITY_TYPES.map((t) => ({ value: t.id, label: t.label }))} />
      <TextField label="Title" meta={fields.title} />
      <DateField label="First day" hint="The day it begins." meta={fields.startsOn} />
      <DateField label="Last day (optional)" hint="Only when it runs over several days." meta={fields.endsOn} />
      <TextField label="Place" meta={fields.place} />
      <CountryNumbers legend="Expected participants per country" hint="How many people from each country; leave a country empty if it takes no part." meta={fields.participants} />
      <button type="submit" disabled={busy}>
        {busy ? "Saving…" : activity ? "Save the plan" : "Add the activity to the plan"}
      </button>
    </Form>
  );
}

function ActivityReportForm({ activity, startedOn, lastResult }: { activity: Activity; startedOn: string | null; lastResult?: SubmissionResult<string[]> }) {
  const navigation = useNavigation();
  const schema = activityReportSchemaFrom(startedOn);
  const [form, fields] = useForm<ActivityReportValues>({
    id: `report-${activity.key}`,
    lastResult,
    defaultValue: {
      intent: "reportActivity",
      activityKey: activity.key,
      heldOn: activity.report?.heldOn ?? activity.startsOn,
      heldUntil: activity.report?.heldUntil ?? activity.endsOn ?? undefined,
      participants: activity.report?.participants ?? activity.participants ?? undefined,
      byCountry: countryValues(activity, "held"),
      outcome: activity.report?.outcome ?? "",
    },
    constraint: getZodConstraint(activityReportSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("activityKey") === activity.key;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reportActivity" />
      <input {...getInputProps(fields.activityKey, { type: "hidden" })} />
      <FormErrors errors={form.errors} />
      <DateField
        label="Date it was held"
        hint={startedOn ? `The first day: on or after ${formatDay(startedOn)}, when implementation started.` : "The first day."}
        meta={fields.heldOn}
      />
      <DateField label="Last day (optional)" hint="Only when it ran over several days." meta={fields.heldUntil} />
      <TextField label="Number of participants" type="number" meta={fields.participants} />
      <CountryNumbers legend="Participants per country (optional)" hint="Given, they add up to the number of participants." meta={fields.byCountry} />
      <TextAreaField label="Outcome" hint="What the activity achieved, in a few sentences." meta={fields.outcome} />
      <button type="submit" disabled={busy}>
        {busy ? "Sending…" : activity.report ? "Send the corrected report" : "Report the activity as held"}
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
  const hydrated = useHydrated();
  const autosave = useAutosave({
    formId: form.id,
    revision: page.version,
    revisionField: fields.version.name,
    // The Save button and the browser, while typing, save alike.
    intents: { save: "saveReport", autosave: "saveReport" },
    check(element) {
      // The form holds no intent until a button is pressed: check it as the save it will be.
      const formData = new FormData(element);
      formData.set("intent", "saveReport");
      const submission = parseWithZod(formData, { schema: completionReportSchema });
      if (submission.status === "success") return null;
      form.validate();
      return "Not saved: some answers need fixing, see the messages beside them.";
    },
  });
  const formProps = getFormProps(form);
  const pending = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  const unreported = page.activities.length - page.heldCount;
  return (
    <Form
      method="post"
      className="stack"
      {...formProps}
      onSubmit={(event) => {
        formProps.onSubmit(event);
        autosave.onSubmit(event);
      }}
      onChange={autosave.onEdit}
    >
      {/* Enter in a field presses the first button: make that "save", not "submit". */}
      <button type="submit" name="intent" value="saveReport" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        Save
      </button>
      <input type="hidden" name={fields.version.name} value={autosave.revision} />
      <FormErrors errors={form.errors} />
      <p>
        When the activities are over, say what the proposal achieved and what you learnt.{" "}
        {hydrated ? "Your changes are saved automatically as you type." : "Save as often as you like."}
      </p>
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
      <AutosaveStatus status={autosave.status} hydrated={hydrated} />
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
