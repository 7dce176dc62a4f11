import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { WB6_COUNTRIES } from "../../../workflows/countries";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import type { ActivityReportForm as ActivityReportValues, CompletionReportForm, PlannedActivityForm } from "../../proposals/implementation-schema";
import type { implementationPage } from "../../proposals/implementation.server";
import { useAutosave } from "../../proposals/use-autosave";
import { AutosaveStatus } from "./autosave-status";
import { useHydrated } from "../use-hydrated";
import { CountryName } from "../country";
import { ParticipantsByCountry } from "./participants-by-country";
import { useTextLanguage } from "../text-language";
import { DocumentAttachments } from "./document-attachments";
import { FieldError, FormErrors, SelectField, TextAreaField, TextField } from "../fields";

// The implementation page's parts: a planned activity with its report, the forms that plan and
// report it, and the completion report as the lead writes it or as everyone else reads it.

type ImplementationPageData = ReturnType<typeof implementationPage>;
type Activity = ImplementationPageData["activities"][number];

/**
 * What the page's three forms ask of their fields, from their schemas (the loader's
 * `browserChecks`), so that zod stays on the server. Rules across fields (the last day before
 * the first, the numbers per country adding up, a day before implementation started) the server
 * says on submit, beside the field.
 */
export type ImplementationChecks = { plan: BrowserChecks; report: BrowserChecks; completion: BrowserChecks };

/** A kind of activity the plan form offers, named by the server. */
export type ActivityTypeOption = { value: string; label: string };

/** The page's answer to one activity's form: its notice, or the form's messages. */
export type ActivityAnswer = { notice: string | null; result: SubmissionResult<string[]> };

export function ActivityCard({
  activity,
  canReport,
  canPlan,
  attachments,
  startedOn,
  checks,
  activityTypes,
  answer: mine,
}: {
  activity: Activity;
  canReport: boolean;
  canPlan: boolean;
  /** The files of this activity's report (agendas, lists of participants, minutes). */
  attachments?: Omit<Parameters<typeof DocumentAttachments>[0], "heading" | "level">;
  startedOn: StartedOn;
  checks: ImplementationChecks;
  activityTypes: ActivityTypeOption[];
  answer?: ActivityAnswer & { intent: string };
}) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  const headingId = `activity-${activity.key}`;
  return (
    <article className="card activity-card" aria-labelledby={headingId}>
      <div className="page-head">
        <h3 id={headingId}>{activity.title || t("implementationPage.activity.untitled")}</h3>
        {activity.report ? <span className="badge ok">{t("implementationPage.activity.held")}</span> : <span className="badge">{t("implementationPage.activity.planned")}</span>}
      </div>
      <dl className="facts">
        <dt>{t("implementationPage.activity.type")}</dt>
        <dd>{activity.typeLabel}</dd>
        <dt>{t("implementationPage.activity.planned")}</dt>
        <dd>{[activity.daysLabel, activity.place, activity.participants !== null ? t("implementationPage.activity.participants", { count: activity.participants }) : ""].filter(Boolean).join(", ")}</dd>
        <dt>{t("implementationPage.activity.countries")}</dt>
        <dd>
          <ParticipantsByCountry activity={activity} />
        </dd>
        {activity.report ? (
          <>
            <dt>{t("implementationPage.activity.held")}</dt>
            <dd>
              {activity.report.daysLabel}, {t("implementationPage.activity.participants", { count: activity.report.participants })}
            </dd>
            <dt>{t("implementationPage.activity.outcome")}</dt>
            <dd className="prose" {...typed}>
              {activity.report.outcome}
            </dd>
          </>
        ) : null}
      </dl>
      {attachments ? <DocumentAttachments heading={t("implementationPage.activity.attachments")} level={4} {...attachments} /> : null}
      {mine?.notice ? (
        <p className="notice success" role="status">
          {mine.notice}
        </p>
      ) : null}
      {canPlan && !activity.report ? (
        <details open={mine?.intent === "planActivity" && !mine.notice}>
          <summary>{t("implementationPage.activity.changePlan")}</summary>
          <PlanForm activity={activity} types={activityTypes} checks={checks.plan} lastResult={mine?.intent === "planActivity" ? mine.result : undefined} />
        </details>
      ) : null}
      {canReport ? (
        <details open={mine?.intent === "reportActivity" && !mine.notice}>
          <summary>{t(activity.report ? "implementationPage.activity.correctReport" : "implementationPage.activity.reportAsHeld")}</summary>
          <ActivityReportForm activity={activity} startedOn={startedOn} checks={checks.report} lastResult={mine?.intent === "reportActivity" ? mine.result : undefined} />
        </details>
      ) : null}
    </article>
  );
}

function DateField({ label, hint, meta }: { label: string; hint: string; meta: FieldMetadata<string | undefined> }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <span className="hint" id={meta.descriptionId}>
        {hint} {t("implementationPage.form.dateHint")}
      </span>
      <input {...getInputProps(meta, { type: "date", ariaDescribedBy: meta.descriptionId })} />
      <FieldError meta={meta} />
    </div>
  );
}

/** One number per country; a country left empty takes no part. */
function CountryNumbers({ legend, hint, meta }: { legend: string; hint: string; meta: FieldMetadata<Partial<Record<string, number>>> }) {
  const { t } = useTranslation();
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
                <CountryName name={t(country.key)} needsFootnote={country.needsFootnote} />
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
export function PlanForm({ activity, types, checks, lastResult }: { activity?: Activity; types: ActivityTypeOption[]; checks: BrowserChecks; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const formKey = activity?.key ?? "new";
  const [form, fields] = useForm<PlannedActivityForm>({
    id: `plan-${formKey}`,
    lastResult,
    defaultValue: activity
      ? { intent: "planActivity", key: activity.key, version: activity.version, type: activity.type, title: activity.title, startsOn: activity.startsOn, endsOn: activity.endsOn ?? undefined, place: activity.place, participants: countryValues(activity, "planned") }
      : { intent: "planActivity" },
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<PlannedActivityForm>(form, formData, checks),
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
      <SelectField
        label={t("implementationPage.activity.type")}
        meta={fields.type}
        emptyOption={t("implementationPage.form.chooseType")}
        options={types}
      />
      <TextField label={t("implementationPage.form.title")} meta={fields.title} />
      <DateField label={t("implementationPage.form.firstDay")} hint={t("implementationPage.form.firstDayHint")} meta={fields.startsOn} />
      <DateField label={t("implementationPage.form.lastDay")} hint={t("implementationPage.form.lastDayPlanHint")} meta={fields.endsOn} />
      <TextField label={t("implementationPage.form.place")} meta={fields.place} />
      <CountryNumbers legend={t("implementationPage.form.expectedPerCountry")} hint={t("implementationPage.form.expectedPerCountryHint")} meta={fields.participants} />
      <button type="submit" disabled={busy}>
        {busy ? t("conceptNotePage.form.saving") : t(activity ? "implementationPage.form.savePlan" : "implementationPage.form.addToPlan")}
      </button>
    </Form>
  );
}

/** The day implementation started, and that day as the page writes it; null before it started. */
type StartedOn = { day: string; label: string } | null;

function ActivityReportForm({ activity, startedOn, checks, lastResult }: { activity: Activity; startedOn: StartedOn; checks: BrowserChecks; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
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
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<ActivityReportValues>(form, formData, checks),
  });
  const busy = navigation.state !== "idle" && navigation.formData?.get("activityKey") === activity.key;
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="reportActivity" />
      <input {...getInputProps(fields.activityKey, { type: "hidden" })} />
      <FormErrors errors={form.errors} />
      <DateField
        label={t("implementationPage.form.heldOn")}
        hint={startedOn ? t("implementationPage.form.heldOnHintFrom", { day: startedOn.label }) : t("implementationPage.form.heldOnHint")}
        meta={fields.heldOn}
      />
      <DateField label={t("implementationPage.form.lastDay")} hint={t("implementationPage.form.lastDayHeldHint")} meta={fields.heldUntil} />
      <TextField label={t("implementationPage.form.participants")} type="number" meta={fields.participants} />
      <CountryNumbers legend={t("implementationPage.form.perCountry")} hint={t("implementationPage.form.perCountryHint")} meta={fields.byCountry} />
      <TextAreaField label={t("implementationPage.activity.outcome")} hint={t("implementationPage.form.outcomeHint")} meta={fields.outcome} />
      <button type="submit" disabled={busy}>
        {busy ? t("implementationPage.form.sending") : t(activity.report ? "implementationPage.form.sendCorrected" : "implementationPage.form.reportHeld")}
      </button>
    </Form>
  );
}

export function CompletionReport({ page, checks, lastResult }: { page: ImplementationPageData; checks: BrowserChecks; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<CompletionReportForm>({
    id: "completion-report",
    // A save moves the version and the page builds this form anew from what is stored; only a
    // refusal is handed back, to show its messages beside what was typed.
    lastResult,
    defaultValue: { intent: "saveReport", version: page.version, ...page.completionReport },
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<CompletionReportForm>(form, formData, checks),
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
      const submission = checkInBrowser<CompletionReportForm>(element, formData, checks);
      if (submission.status === "success") return null;
      form.validate();
      return t("conceptNotePage.form.notSaved");
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
        {t("conceptNotePage.form.save")}
      </button>
      <input type="hidden" name={fields.version.name} value={autosave.revision} />
      <FormErrors errors={form.errors} />
      <p>
        {t("implementationPage.report.intro")} {t(hydrated ? "conceptNotePage.form.autosaved" : "implementationPage.report.saveOften")}
      </p>
      <TextAreaField label={t("implementationPage.report.achieved")} hint={t("implementationPage.report.achievedHint")} meta={fields.outcome} />
      <TextAreaField label={t("implementationPage.report.lessons")} hint={t("implementationPage.report.lessonsHint")} meta={fields.lessonsLearnt} />
      {unreported > 0 ? <p className="notice">{t("implementationPage.report.unreported", { count: unreported, total: page.activities.length })}</p> : null}
      <AutosaveStatus status={autosave.status} hydrated={hydrated} />
      <div className="actions">
        <button type="submit" name="intent" value="saveReport" className="secondary" disabled={pending === "saveReport"}>
          {pending === "saveReport" ? t("conceptNotePage.form.saving") : t("implementationPage.report.save")}
        </button>
        <button type="submit" name="intent" value="submitReport" disabled={pending === "submitReport"}>
          {pending === "submitReport" ? t("conceptNotePage.form.submitting") : t("implementationPage.report.submit")}
        </button>
      </div>
    </Form>
  );
}

export function CompletionReportView({ report, ongoing }: { report: ImplementationPageData["completionReport"]; ongoing: boolean }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  if (!report.outcome && !report.lessonsLearnt) {
    return <p className="empty">{t(ongoing ? "implementationPage.report.writtenLater" : "implementationPage.report.notWritten")}</p>;
  }
  return (
    <dl className="answers">
      <div>
        <dt>{t("implementationPage.report.achieved")}</dt>
        <dd>{report.outcome ? <span className="prose" {...typed}>{report.outcome}</span> : <span className="muted">{t("conceptNotePage.view.notAnswered")}</span>}</dd>
      </div>
      <div>
        <dt>{t("implementationPage.report.lessons")}</dt>
        <dd>{report.lessonsLearnt ? <span className="prose" {...typed}>{report.lessonsLearnt}</span> : <span className="muted">{t("conceptNotePage.view.notAnswered")}</span>}</dd>
      </div>
    </dl>
  );
}
