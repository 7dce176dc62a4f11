import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { Trans } from "../../trans";
import { useTranslation } from "../../translation";
import type { PageLanguage } from "../../../workflows/languages";
import { formatEurosIn } from "../../../workflows/time";
import type { BrowserChecks } from "../../form-checks";
import { checkInBrowser } from "../../form-checks";
import type { ConceptActivityForm, ConceptNoteForm as ConceptNoteFormValues } from "../../proposals/concept-note-schema";
import type { conceptNoteFormValues, conceptNotePage } from "../../proposals/concept-note.server";
import { CountryName } from "../country";
import { useTextLanguage } from "../text-language";
import { choiceProps } from "../choices";
import { FieldError, FormErrors, SelectField, TextAreaField, TextField } from "../fields";
import { useAutosave } from "../../proposals/use-autosave";
import { AutosaveStatus } from "./autosave-status";
import { useHydrated } from "../use-hydrated";

// The concept note page's parts: the TAF team's requests for changes, the note as read, and the
// lead's form to write it.

/** The concept note page as its loader hands it over: dates in words, the stage as flags. */
export type ConceptNotePageData = Omit<ReturnType<typeof conceptNotePage>, "note"> & {
  note: Omit<ReturnType<typeof conceptNotePage>["note"], "activities" | "budgetLines"> & {
    activities: (ReturnType<typeof conceptNotePage>["note"]["activities"][number] & { dateLabel: string; participantsLabel: string; kindLabel: string })[];
    budgetLines: (ReturnType<typeof conceptNotePage>["note"]["budgetLines"][number] & { amountLabel: string })[];
  };
  /** Numbers as the page's language writes them, written by the server: the browser may lack that language's data. */
  labels: { total: string; maxActivities: string; maxBudgetLines: string; maxAnswer: string };
  /** The kinds of support an activity can be, named by the server (the browser needs no vocabulary). */
  kinds: { value: string; label: string }[];
  stage: { conceptualWork: boolean; drafting: boolean; underReview: boolean };
  formValues: ReturnType<typeof conceptNoteFormValues> | null;
  /** Per activity key, names it holds that the form does not offer as ticks. */
  notOffered: Record<string, string[]>;
  /**
   * What a save asks of each field (lengths, number ranges), from the schema (`browserChecks`),
   * so that zod stays on the server. What submitting asks more (each started row complete, the
   * answer to a request for changes, only partners named) the server says on submit, beside the field.
   */
  checks: BrowserChecks;
  /** The most activities and budget lines a note may have. */
  maxRows: { activities: number; budgetLines: number };
};

/**
 * The TAF team's latest unanswered request stands out; earlier ones, each with the lead's
 * answer, are a click away, and open while the TAF team reviews the resubmitted note.
 */
export function RevisionRequests({ page }: { page: ConceptNotePageData }) {
  const { requests, openRequest } = page.revisions;
  const showOpen = openRequest && page.stage.conceptualWork;
  const { t } = useTranslation();
  // What people typed stays in the language of record it was written in.
  const typed = useTextLanguage("en");
  const earlier = requests.filter((r) => !showOpen || r.id !== openRequest.id);
  const whose = t(page.ofLead ? "conceptNotePage.revision.yourAnswer" : "conceptNotePage.revision.leadAnswer");
  return (
    <>
      {showOpen ? (
        <section className="notice warning" aria-labelledby="revision-heading">
          <h2 id="revision-heading">{t(page.forTafTeam ? "conceptNotePage.revision.youAskedTitle" : "conceptNotePage.revision.tafAsksTitle")}</h2>
          <p className="muted">{t("conceptNotePage.revision.askedOn", { at: openRequest.at })}</p>
          <blockquote className="prose" {...typed}>{openRequest.reason}</blockquote>
          <p>
            {t(page.canEdit ? "conceptNotePage.revision.changeBelow" : "conceptNotePage.revision.leadChanges")}
          </p>
        </section>
      ) : null}
      {earlier.length ? (
        <details className="revision-requests" open={page.stage.underReview}>
          <summary>{t("conceptNotePage.revision.earlier", { number: earlier.length })}</summary>
          <ul className="plain">
            {earlier.map((r) => (
              <li key={r.id}>
                <span className="muted">{t(page.forTafTeam ? "conceptNotePage.revision.youAskedOn" : "conceptNotePage.revision.tafAskedOn", { at: r.at })}</span>
                <blockquote className="prose" {...typed}>{r.reason}</blockquote>
                {r.answer ? (
                  <>
                    <p className="muted">{t("conceptNotePage.revision.answerOn", { whose, at: r.answer.at })}</p>
                    <blockquote className="prose" {...typed}>{r.answer.text}</blockquote>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export function ConceptNoteView({ page }: { page: ConceptNotePageData }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  const { note, countries } = page;
  return (
    <>
      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">{t("conceptNotePage.view.activities")}</h2>
        {note.activities.length ? (
          <div className="table-scroll">
            <table className="stacked">
              <thead>
                <tr>
                  <th scope="col">{t("conceptNotePage.view.activity")}</th>
                  <th scope="col">{t("conceptNotePage.view.date")}</th>
                  <th scope="col">{t("conceptNotePage.view.place")}</th>
                  <th scope="col">{t("conceptNotePage.view.institutions")}</th>
                  <th scope="col">{t("conceptNotePage.view.participants")}</th>
                </tr>
              </thead>
              <tbody>
                {note.activities.map((a) => (
                  <tr key={a.key}>
                    <td data-label={t("conceptNotePage.view.activity")}>
                      {a.title ? <span {...typed}>{a.title}</span> : <span className="muted">{t("conceptNotePage.view.noTitle")}</span>}
                      {a.kindLabel ? <div className="muted">{a.kindLabel}</div> : null}
                    </td>
                    <td className="nowrap" data-label={t("conceptNotePage.view.date")}>
                      {a.dateLabel}
                    </td>
                    <td data-label={t("conceptNotePage.view.place")} {...typed}>
                      {a.place}
                    </td>
                    <td data-label={t("conceptNotePage.view.institutions")}>
                      <ul className="plain">
                        {countries
                          .filter((c) => a.institutions[c.code])
                          .map((c) => (
                            <li key={c.code}>
                              <CountryName name={c.name} needsFootnote={c.needsFootnote} />: {a.institutions[c.code]}
                            </li>
                          ))}
                      </ul>
                    </td>
                    <td data-label={t("conceptNotePage.view.participants")}>{a.participantsLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">{t("conceptNotePage.view.noActivities")}</p>
        )}
      </section>
      <section aria-labelledby="budget-heading">
        <h2 id="budget-heading">{t("conceptNotePage.view.budget")}</h2>
        {note.budgetLines.length ? (
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">{t("conceptNotePage.view.paysFor")}</th>
                <th scope="col" className="number">
                  {t("conceptNotePage.view.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {note.budgetLines.map((line, index) => (
                <tr key={index}>
                  <td data-label={t("conceptNotePage.view.paysFor")} {...typed}>
                    {line.item}
                  </td>
                  <td className="number" data-label={t("conceptNotePage.view.amount")}>
                    {line.amountLabel}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("conceptNotePage.view.total")}</th>
                <td className="number" data-label={t("conceptNotePage.view.amount")}>
                  <strong>{page.labels.total}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        ) : (
          <p className="empty">{t("conceptNotePage.view.noBudget")}</p>
        )}
      </section>
      <section aria-labelledby="risks-heading">
        <h2 id="risks-heading">{t("conceptNotePage.view.risks")}</h2>
        <dl className="answers">
          <div>
            <dt>{t("conceptNotePage.view.risksQuestion")}</dt>
            <dd>{note.risks ? <span className="prose" {...typed}>{note.risks}</span> : <span className="muted">{t("conceptNotePage.view.notAnswered")}</span>}</dd>
          </div>
          <div>
            <dt>{t("conceptNotePage.view.mitigationQuestion")}</dt>
            <dd>{note.mitigation ? <span className="prose" {...typed}>{note.mitigation}</span> : <span className="muted">{t("conceptNotePage.view.notAnswered")}</span>}</dd>
          </div>
        </dl>
      </section>
    </>
  );
}

export function ConceptNoteForm({
  page,
  formValues,
  lastResult,
}: {
  page: ConceptNotePageData;
  formValues: NonNullable<ConceptNotePageData["formValues"]>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as PageLanguage;
  const typed = useTextLanguage("en");
  const { openRequest } = page.revisions;
  const navigation = useNavigation();
  const [form, fields] = useForm<ConceptNoteFormValues>({
    id: "concept-note",
    // After a save the page builds the form anew from the stored note (it is keyed by version),
    // so only anything else (a refusal, a row added without JavaScript) is handed back to it.
    lastResult: lastResult?.status === "success" ? undefined : lastResult,
    defaultValue: formValues,
    constraint: page.checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<ConceptNoteFormValues>(form, formData, page.checks),
  });
  const hydrated = useHydrated();
  const activities = fields.activities.getFieldList();
  const budgetLines = fields.budgetLines.getFieldList();
  const autosave = useAutosave({
    formId: form.id,
    revision: page.version,
    revisionField: fields.version.name,
    // The Save button and the browser, while typing, save alike.
    intents: { save: "save", autosave: "save" },
    rows: [...activities.map((row) => row.key), "|", ...budgetLines.map((row) => row.key)].join(","),
    check(element) {
      const submission = checkInBrowser<ConceptNoteFormValues>(element, new FormData(element), page.checks);
      if (submission.status === "success") return null;
      form.validate();
      return t("conceptNotePage.form.notSaved");
    },
  });
  const formProps = getFormProps(form);
  const answer = fields.answer;
  // Until the lead changes an amount, the total is the server's words (see `labels`).
  const total = budgetLines.reduce((sum, line) => {
    const amount = Number(line.getFieldset().amountEur.value);
    return sum + (Number.isFinite(amount) && amount > 0 ? amount : 0);
  }, 0);
  const pending = navigation.state !== "idle" ? navigation.formData?.get("intent") : null;
  return (
    <Form
      method="post"
      className="stack concept-note"
      {...formProps}
      onSubmit={(event) => {
        formProps.onSubmit(event);
        autosave.onSubmit(event);
      }}
      onChange={autosave.onEdit}
    >
      {/* Enter in a text field presses the form's first button: make that "save", not "remove". */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true">
        {t("conceptNotePage.form.save")}
      </button>
      <input type="hidden" name={fields.version.name} value={autosave.revision} />
      <FormErrors errors={form.errors} />
      {/* The answer is at the end of a long form: after a post without JavaScript, say so at the top. */}
      {answer.errors?.length ? (
        <p className="notice error" role="alert">
          <Trans i18nKey="conceptNotePage.form.answerNeedsAttention" components={{ messageLink: <a href={`#${answer.id}`} /> }} />
        </p>
      ) : null}

      <fieldset className="rows">
        <legend>
          <h2>{t("conceptNotePage.view.activities")}</h2>
        </legend>
        <p className="hint">{t("conceptNotePage.form.activitiesHint", { max: page.labels.maxActivities })}</p>
        {fields.activities.errors?.length ? <p className="error">{fields.activities.errors.map((message) => t(message, { defaultValue: message })).join(" ")}</p> : null}
        {activities.map((activity, index) => (
          <ActivityFields key={activity.key} meta={activity} number={index + 1} countries={page.countries} choices={page.institutionChoices} notOffered={page.notOffered} kinds={page.kinds}>
            <button className="secondary" {...form.remove.getButtonProps({ name: fields.activities.name, index })}>
              {t("conceptNotePage.form.removeActivity", { number: index + 1 })}
            </button>
          </ActivityFields>
        ))}
        {activities.length < page.maxRows.activities ? (
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.activities.name })}>
            {t("conceptNotePage.form.addActivity")}
          </button>
        ) : null}
      </fieldset>

      <fieldset className="rows">
        <legend>
          <h2>{t("conceptNotePage.view.budget")}</h2>
        </legend>
        <p className="hint">{t("conceptNotePage.form.budgetHint", { max: page.labels.maxBudgetLines })}</p>
        {fields.budgetLines.errors?.length ? <p className="error">{fields.budgetLines.errors.map((message) => t(message, { defaultValue: message })).join(" ")}</p> : null}
        {budgetLines.map((line, index) => {
          const parts = line.getFieldset();
          return (
            <fieldset className="row budget-line" key={line.key}>
              <legend className="visually-hidden">{t("conceptNotePage.form.budgetLine", { number: index + 1 })}</legend>
              <TextField label={t("conceptNotePage.form.budgetLineItem", { number: index + 1 })} meta={parts.item} />
              <TextField label={t("conceptNotePage.form.amountEur")} type="number" meta={parts.amountEur} />
              <button className="secondary" {...form.remove.getButtonProps({ name: fields.budgetLines.name, index })}>
                {t("conceptNotePage.form.removeBudgetLine", { number: index + 1 })}
              </button>
            </fieldset>
          );
        })}
        {budgetLines.length < page.maxRows.budgetLines ? (
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.budgetLines.name })}>
            {t("conceptNotePage.form.addBudgetLine")}
          </button>
        ) : null}
        <p className="budget-total" aria-live="polite">
          <Trans i18nKey="conceptNotePage.form.total" values={{ total: total === page.total ? page.labels.total : formatEurosIn(language, total) }} components={{ strong: <strong /> }} />
        </p>
      </fieldset>

      <fieldset className="rows">
        <legend>
          <h2>{t("conceptNotePage.view.risks")}</h2>
        </legend>
        <TextAreaField label={t("conceptNotePage.form.risksLabel")} hint={t("conceptNotePage.form.risksHint")} meta={fields.risks} />
        <TextAreaField label={t("conceptNotePage.form.mitigationLabel")} meta={fields.mitigation} />
      </fieldset>

      {openRequest ? (
        <fieldset className="rows">
          <legend>
            <h2>{t("conceptNotePage.form.answerHeading")}</h2>
          </legend>
          <p className="hint">{t("conceptNotePage.form.tafAskedOn", { at: openRequest.at })}</p>
          <blockquote className="prose" {...typed}>{openRequest.reason}</blockquote>
          <TextAreaField
            label={t("conceptNotePage.form.answerLabel")}
            hint={t("conceptNotePage.form.answerHint", { max: page.labels.maxAnswer })}
            meta={answer}
          />
        </fieldset>
      ) : null}

      <AutosaveStatus status={autosave.status} hydrated={hydrated} />
      <div className="actions">
        <button type="submit" name="intent" value="save" className="secondary" disabled={pending === "save"}>
          {t(pending === "save" ? "conceptNotePage.form.saving" : "conceptNotePage.form.saveNote")}
        </button>
        <button type="submit" name="intent" value="submit" disabled={pending === "submit"}>
          {t(pending === "submit" ? "conceptNotePage.form.submitting" : "conceptNotePage.form.submitNote")}
        </button>
      </div>
      <p className="hint">
        {hydrated ? `${t("conceptNotePage.form.autosaved")} ` : null}
        {t("conceptNotePage.form.afterSubmit")}
      </p>
    </Form>
  );
}

type Country = ConceptNotePageData["countries"][number];
type Choice = ConceptNotePageData["institutionChoices"][number];

function ActivityFields({
  meta,
  number,
  countries,
  choices,
  notOffered,
  kinds,
  children,
}: {
  meta: FieldMetadata<ConceptActivityForm | null>;
  number: number;
  countries: Country[];
  choices: Choice[];
  notOffered: Record<string, string[]>;
  kinds: { value: string; label: string }[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const parts = meta.getFieldset();
  const ticks = choiceProps(parts.institutionIds, { type: "checkbox", options: choices.map((choice) => String(choice.id)) });
  const countryOf = (code: string) => countries.find((c) => c.code === code);
  const left = typeof parts.key.value === "string" ? (notOffered[parts.key.value] ?? []) : [];
  const describedBy = [parts.institutionIds.descriptionId, parts.institutionIds.errors?.length ? parts.institutionIds.errorId : ""].join(" ").trim();
  return (
    <fieldset className="row activity">
      <legend>
        <h3>{t("conceptNotePage.form.activityNumber", { number })}</h3>
      </legend>
      <input {...getInputProps(parts.key, { type: "hidden" })} />
      <SelectField
        label={t("conceptNotePage.form.kind")}
        meta={parts.kind}
        emptyOption={t("conceptNotePage.form.choose")}
        options={kinds}
        hint={t("conceptNotePage.form.kindHint")}
      />
      <TextField label={t("conceptNotePage.form.title")} hint={t("conceptNotePage.form.titleHint")} meta={parts.title} />
      <div className="field">
        <label htmlFor={parts.date.id}>{t("conceptNotePage.form.date")}</label>
        <span className="hint" id={parts.date.descriptionId}>
          {t("conceptNotePage.form.dateHint")}
        </span>
        <input {...getInputProps(parts.date, { type: "date", ariaDescribedBy: parts.date.descriptionId })} />
        <FieldError meta={parts.date} />
      </div>
      <TextField label={t("conceptNotePage.form.place")} hint={t("conceptNotePage.form.placeHint")} meta={parts.place} />
      <TextField label={t("conceptNotePage.form.participants")} type="number" hint={t("conceptNotePage.form.participantsHint")} meta={parts.participants} />
      <fieldset className="field choices" aria-describedby={describedBy}>
        <legend>{t("conceptNotePage.form.institutions")}</legend>
        <span className="hint" id={parts.institutionIds.descriptionId}>
          {t("conceptNotePage.form.institutionsHint")}
        </span>
        {ticks.map(({ key, ...input }, index) => {
          const choice = choices[index]!;
          const country = countryOf(choice.countryCode);
          return (
            <label className="checkbox" key={key}>
              <input {...input} /> {choice.name}
              {country ? (
                <span className="muted">
                  {" "}
                  (<CountryName name={country.name} needsFootnote={country.needsFootnote} />)
                </span>
              ) : null}
            </label>
          );
        })}
        {left.length ? (
          <p className="hint">{t("conceptNotePage.form.alsoNamed", { names: left.join("; ") })}</p>
        ) : null}
        <FieldError meta={parts.institutionIds} />
      </fieldset>
      {children}
    </fieldset>
  );
}
