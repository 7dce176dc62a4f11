import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { SUPPORT_KINDS } from "../../../workflows/vocabulary";
import type { ConceptActivityForm, ConceptNoteForm as ConceptNoteFormValues } from "../../proposals/concept-note-schema";
import { conceptNoteIntent, conceptNoteSchema, MAX_ACTIVITIES, MAX_ANSWER, MAX_BUDGET_LINES } from "../../proposals/concept-note-schema";
import type { conceptNoteFormValues, conceptNotePage } from "../../proposals/concept-note.server";
import { euros } from "../../proposals/content-schema";
import { CountryName } from "../country";
import { FieldError, FormErrors, SelectField, TextAreaField, TextField } from "../fields";
import { useAutosave } from "../../proposals/use-autosave";
import { AutosaveStatus } from "./autosave-status";
import { useHydrated } from "./draft-form";

// The concept note page's parts: the TAF team's requests for changes, the note as read, and the
// lead's form to write it.

/** The concept note page as its loader hands it over: dates in words, the stage as flags. */
export type ConceptNotePageData = Omit<ReturnType<typeof conceptNotePage>, "note"> & {
  note: Omit<ReturnType<typeof conceptNotePage>["note"], "activities"> & {
    activities: (ReturnType<typeof conceptNotePage>["note"]["activities"][number] & { dateLabel: string })[];
  };
  stage: { conceptualWork: boolean; drafting: boolean; underReview: boolean };
  formValues: ReturnType<typeof conceptNoteFormValues> | null;
  /** Per activity key, names it holds that the form does not offer as ticks. */
  notOffered: Record<string, string[]>;
};

// The browser's own checks (lengths, number ranges) are those of saving: submitting asks more.
const CONSTRAINT = getZodConstraint(conceptNoteSchema("save"));

/**
 * The TAF team's latest unanswered request stands out; earlier ones, each with the lead's
 * answer, are a click away, and open while the TAF team reviews the resubmitted note.
 */
export function RevisionRequests({ page }: { page: ConceptNotePageData }) {
  const { requests, openRequest } = page.revisions;
  const showOpen = openRequest && page.stage.conceptualWork;
  const earlier = requests.filter((r) => !showOpen || r.id !== openRequest.id);
  const whose = page.ofLead ? "Your answer" : "The lead institution's answer";
  return (
    <>
      {showOpen ? (
        <section className="notice warning" aria-labelledby="revision-heading">
          <h2 id="revision-heading">{page.forTafTeam ? "You asked for changes" : "The TAF team asks for changes"}</h2>
          <p className="muted">Asked on {openRequest.at}</p>
          <blockquote className="prose">{openRequest.reason}</blockquote>
          <p>
            {page.canEdit
              ? "Change the concept note below, write your answer at the end of the form, then submit both again."
              : "The lead institution changes the concept note and answers the request when it submits it again."}
          </p>
        </section>
      ) : null}
      {earlier.length ? (
        <details className="revision-requests" open={page.stage.underReview}>
          <summary>Earlier requests for changes ({earlier.length})</summary>
          <ul className="plain">
            {earlier.map((r) => (
              <li key={r.id}>
                <span className="muted">{page.forTafTeam ? "You asked" : "The TAF team asked"} on {r.at}:</span>
                <blockquote className="prose">{r.reason}</blockquote>
                {r.answer ? (
                  <>
                    <p className="muted">
                      {whose}, {r.answer.at}:
                    </p>
                    <blockquote className="prose">{r.answer.text}</blockquote>
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
  const { note, countries } = page;
  const kindLabel = (kind: string | null) => SUPPORT_KINDS.find((k) => k.id === kind)?.label ?? "";
  return (
    <>
      <section aria-labelledby="activities-heading">
        <h2 id="activities-heading">Activities</h2>
        {note.activities.length ? (
          <div className="table-scroll">
            <table className="stacked">
              <thead>
                <tr>
                  <th scope="col">Activity</th>
                  <th scope="col">Date</th>
                  <th scope="col">Place</th>
                  <th scope="col">Institutions taking part</th>
                  <th scope="col">Participants</th>
                </tr>
              </thead>
              <tbody>
                {note.activities.map((a) => (
                  <tr key={a.key}>
                    <td data-label="Activity">
                      {a.title || <span className="muted">No title yet</span>}
                      {a.kind ? <div className="muted">{kindLabel(a.kind)}</div> : null}
                    </td>
                    <td className="nowrap" data-label="Date">
                      {a.dateLabel}
                    </td>
                    <td data-label="Place">{a.place}</td>
                    <td data-label="Institutions taking part">
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
                    <td data-label="Participants">{a.participants ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty">No activities yet.</p>
        )}
      </section>
      <section aria-labelledby="budget-heading">
        <h2 id="budget-heading">Budget</h2>
        {note.budgetLines.length ? (
          <table className="stacked">
            <thead>
              <tr>
                <th scope="col">What it pays for</th>
                <th scope="col" className="number">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {note.budgetLines.map((line, index) => (
                <tr key={index}>
                  <td data-label="What it pays for">{line.item}</td>
                  <td className="number" data-label="Amount">
                    {line.amountEur === null ? "" : euros(line.amountEur)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td className="number" data-label="Amount">
                  <strong>{euros(page.total)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
        ) : (
          <p className="empty">No budget lines yet.</p>
        )}
      </section>
      <section aria-labelledby="risks-heading">
        <h2 id="risks-heading">Risks</h2>
        <dl className="answers">
          <div>
            <dt>What could stop or delay the activities</dt>
            <dd>{note.risks ? <span className="prose">{note.risks}</span> : <span className="muted">Not answered yet</span>}</dd>
          </div>
          <div>
            <dt>How the risks are reduced</dt>
            <dd>{note.mitigation ? <span className="prose">{note.mitigation}</span> : <span className="muted">Not answered yet</span>}</dd>
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
  const { openRequest } = page.revisions;
  const navigation = useNavigation();
  const [form, fields] = useForm<ConceptNoteFormValues>({
    id: "concept-note",
    // After a save the page builds the form anew from the stored note (it is keyed by version),
    // so only anything else (a refusal, a row added without JavaScript) is handed back to it.
    lastResult: lastResult?.status === "success" ? undefined : lastResult,
    defaultValue: formValues,
    constraint: CONSTRAINT,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: conceptNoteSchema(conceptNoteIntent(formData), openRequest !== null, page.institutionChoices) }),
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
      const submission = parseWithZod(new FormData(element), { schema: conceptNoteSchema("save", openRequest !== null, page.institutionChoices) });
      if (submission.status === "success") return null;
      form.validate();
      return "Not saved: some answers need fixing, see the messages beside them.";
    },
  });
  const formProps = getFormProps(form);
  const answer = fields.answer;
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
        Save
      </button>
      <input type="hidden" name={fields.version.name} value={autosave.revision} />
      <FormErrors errors={form.errors} />
      {/* The answer is at the end of a long form: after a post without JavaScript, say so at the top. */}
      {answer.errors?.length ? (
        <p className="notice error" role="alert">
          Your answer to the revision request needs attention: <a href={`#${answer.id}`}>see the message beside it</a>.
        </p>
      ) : null}

      <fieldset className="rows">
        <legend>
          <h2>Activities</h2>
        </legend>
        <p className="hint">
          Each activity: what kind it is, when and where it takes place, which of the proposal's institutions take part, and how
          many people. At most {MAX_ACTIVITIES}.
        </p>
        {fields.activities.errors?.length ? <p className="error">{fields.activities.errors.join(" ")}</p> : null}
        {activities.map((activity, index) => (
          <ActivityFields key={activity.key} meta={activity} number={index + 1} countries={page.countries} choices={page.institutionChoices} notOffered={page.notOffered}>
            <button className="secondary" {...form.remove.getButtonProps({ name: fields.activities.name, index })}>
              Remove activity {index + 1}
            </button>
          </ActivityFields>
        ))}
        {activities.length < MAX_ACTIVITIES ? (
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.activities.name })}>
            Add an activity
          </button>
        ) : null}
      </fieldset>

      <fieldset className="rows">
        <legend>
          <h2>Budget</h2>
        </legend>
        <p className="hint">One line per kind of cost, in whole euros. At most {MAX_BUDGET_LINES} lines.</p>
        {fields.budgetLines.errors?.length ? <p className="error">{fields.budgetLines.errors.join(" ")}</p> : null}
        {budgetLines.map((line, index) => {
          const parts = line.getFieldset();
          return (
            <fieldset className="row budget-line" key={line.key}>
              <legend className="visually-hidden">Budget line {index + 1}</legend>
              <TextField label={`Budget line ${index + 1}: what it pays for`} meta={parts.item} />
              <TextField label="Amount (EUR)" type="number" meta={parts.amountEur} />
              <button className="secondary" {...form.remove.getButtonProps({ name: fields.budgetLines.name, index })}>
                Remove budget line {index + 1}
              </button>
            </fieldset>
          );
        })}
        {budgetLines.length < MAX_BUDGET_LINES ? (
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.budgetLines.name })}>
            Add a budget line
          </button>
        ) : null}
        <p className="budget-total" aria-live="polite">
          Total: <strong>{euros(total)}</strong>
        </p>
      </fieldset>

      <fieldset className="rows">
        <legend>
          <h2>Risks</h2>
        </legend>
        <TextAreaField label="What could stop or delay the activities?" hint="For example a change of law, of staff, or of the cases." meta={fields.risks} />
        <TextAreaField label="How you will reduce these risks (optional)" meta={fields.mitigation} />
      </fieldset>

      {openRequest ? (
        <fieldset className="rows">
          <legend>
            <h2>Answer to the TAF team</h2>
          </legend>
          <p className="hint">The TAF team asked on {openRequest.at}:</p>
          <blockquote className="prose">{openRequest.reason}</blockquote>
          <TextAreaField
            label="Your answer to the revision request"
            hint={`What you changed in the concept note and why, in at most ${MAX_ANSWER.toLocaleString("en-GB")} characters. Needed to submit; saving keeps it with the draft.`}
            meta={answer}
          />
        </fieldset>
      ) : null}

      <AutosaveStatus status={autosave.status} hydrated={hydrated} />
      <div className="actions">
        <button type="submit" name="intent" value="save" className="secondary" disabled={pending === "save"}>
          {pending === "save" ? "Saving…" : "Save the concept note"}
        </button>
        <button type="submit" name="intent" value="submit" disabled={pending === "submit"}>
          {pending === "submit" ? "Submitting…" : "Submit the concept note for review"}
        </button>
      </div>
      <p className="hint">
        {hydrated ? "Your changes are saved automatically as you type. " : null}Submitting also saves. After submitting, the note cannot be changed unless the TAF team asks for changes.
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
  children,
}: {
  meta: FieldMetadata<ConceptActivityForm | null>;
  number: number;
  countries: Country[];
  choices: Choice[];
  notOffered: Record<string, string[]>;
  children: ReactNode;
}) {
  const parts = meta.getFieldset();
  const ticks = getCollectionProps(parts.institutionIds, { type: "checkbox", options: choices.map((choice) => String(choice.id)) });
  const countryOf = (code: string) => countries.find((c) => c.code === code);
  const left = typeof parts.key.value === "string" ? (notOffered[parts.key.value] ?? []) : [];
  const describedBy = [parts.institutionIds.descriptionId, parts.institutionIds.errors?.length ? parts.institutionIds.errorId : ""].join(" ").trim();
  return (
    <fieldset className="row activity">
      <legend>
        <h3>Activity {number}</h3>
      </legend>
      <input {...getInputProps(parts.key, { type: "hidden" })} />
      <SelectField
        label="Kind of activity"
        meta={parts.kind}
        emptyOption="Choose…"
        options={SUPPORT_KINDS.map((k) => ({ value: k.id, label: k.label }))}
        hint="What the TAF provides for it."
      />
      <TextField label="Title" hint="A few words partners and the TAF team will recognise it by." meta={parts.title} />
      <div className="field">
        <label htmlFor={parts.date.id}>Date</label>
        <span className="hint" id={parts.date.descriptionId}>
          The first day. Without a date picker, type it as YYYY-MM-DD.
        </span>
        <input {...getInputProps(parts.date, { type: "date", ariaDescribedBy: parts.date.descriptionId })} />
        <FieldError meta={parts.date} />
      </div>
      <TextField label="Place" hint="The city, or “online”." meta={parts.place} />
      <TextField label="Number of participants" type="number" hint="All people taking part, from every country." meta={parts.participants} />
      <fieldset className="field choices" aria-describedby={describedBy}>
        <legend>Institutions taking part</legend>
        <span className="hint" id={parts.institutionIds.descriptionId}>
          Tick each institution of the proposal that takes part: the lead and the partners that confirmed.
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
          <p className="hint">
            Also named so far: {left.join("; ")}. Not a confirmed institution of the proposal, so saving leaves it out.
          </p>
        ) : null}
        <FieldError meta={parts.institutionIds} />
      </fieldset>
      {children}
    </fieldset>
  );
}
