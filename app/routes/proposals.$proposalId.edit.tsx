import type { FieldMetadata } from "@conform-to/react";
import { getCollectionProps, getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientActionFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useEffect, useMemo, useState } from "react";
import { formatBrussels } from "../../workflows/time";
import { SUPPORT_KINDS, THEME_GROUPS, THEMES } from "../../workflows/vocabulary";
import { Deadline, DueBy } from "../components/deadline";
import { FormErrors, TextField } from "../components/fields";
import { requireProposal } from "../permissions.server";
import type { DraftValues, RoundLimits, WordLimitedPart } from "../proposals/content-schema";
import { countWords, draftSchema, euros, partAnchor, partLabel } from "../proposals/content-schema";
import { draftForEditing, limitsOfProposal, saveDraft } from "../proposals/drafting.server";
import type { SaveStatus } from "../proposals/use-autosave";
import { useAutosave } from "../proposals/use-autosave";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.title || "the proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  return draftForEditing(user, proposal);
}

/** The first problem in a submission's errors, as "Summary: Use at most 150 words…". */
function firstProblem(error: Record<string, string[] | null> | null | undefined) {
  const [name, messages] = Object.entries(error ?? {}).find(([, m]) => m?.length) ?? [];
  return name !== undefined && messages ? `${partLabel(name)}: ${messages[0]}` : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  // "save" (the button) and "autosave" (the browser, while typing) save alike.
  const formData = await readForm(request);
  const basedOn = Number(formData.get("revision"));
  const submission = parseWithZod(formData, { schema: draftSchema(limitsOfProposal(proposal.proposalId)) });
  const notSaved = { savedAt: null, savedAtBrussels: null, revision: basedOn };
  if (submission.status !== "success") {
    const problem = firstProblem(submission.error);
    return { ...notSaved, result: submission.reply(), conflict: false, problem: `Not saved: ${problem ?? "some answers need fixing."}` };
  }
  const outcome = saveDraft({ proposalId: proposal.proposalId, basedOn, values: submission.value });
  if (!outcome.ok) return { ...notSaved, result: submission.reply({ formErrors: [outcome.message] }), conflict: true, problem: outcome.message };
  return {
    result: submission.reply(),
    savedAt: outcome.savedAt.toISOString(),
    savedAtBrussels: formatBrussels(outcome.savedAt),
    revision: outcome.revision,
    conflict: false,
    problem: null,
  };
}

/**
 * In the browser, a save that cannot reach the server (or is refused outright, e.g. because the
 * proposal was submitted meanwhile) is answered here, so the form and what was typed stay on the
 * page instead of an error page replacing them.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const sent = await request.clone().formData();
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    const notSaved = { savedAt: null, revision: Number(sent.get("revision")) };
    if (isRouteErrorResponse(error)) {
      return { ...notSaved, conflict: true, problem: `Not saved: ${typeof error.data === "string" ? error.data : "you can no longer edit this proposal."} Reload the page.` };
    }
    return { ...notSaved, conflict: false, retry: true, problem: "Not saved: the portal did not answer. It tries again in 30 seconds; keep this page open." };
  }
}

// A save changes nothing else on the page: no need to load it again after each one.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formData, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" && formData?.has("revision") ? false : defaultShouldRevalidate;

function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

type Meta = FieldMetadata<string | number | string[] | undefined>;

/** A field wrapped in the anchor the preview's blockers link to. */
function Part({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div id={partAnchor(name)} className="part">
      {children}
    </div>
  );
}

function FieldError({ meta }: { meta: Meta }) {
  return meta.errors?.length ? (
    <p className="error" id={meta.errorId}>
      {meta.errors.join(" ")}
    </p>
  ) : null;
}

/** A text with a word limit: the limit in the hint always, and with JavaScript a live count. */
function LimitedText({ meta, limit, hint, hydrated }: { meta: Meta; limit: number; hint: string; hydrated: boolean }) {
  const count = countWords(typeof meta.value === "string" ? meta.value : "");
  const countId = `${meta.id}-count`;
  return (
    <Part name={meta.name}>
      <div className="field">
        <label htmlFor={meta.id}>{partLabel(meta.name)}</label>
        <span className="hint" id={meta.descriptionId}>
          {hint} At most {limit} words.
        </span>
        <textarea {...getTextareaProps(meta, { ariaDescribedBy: hydrated ? `${meta.descriptionId} ${countId}` : meta.descriptionId })} rows={6} />
        {hydrated ? (
          <span className={count > limit ? "word-count over" : "word-count"} id={countId}>
            {count} of {limit} words{count > limit ? `: ${count - limit} too many` : ""}
          </span>
        ) : null}
        <FieldError meta={meta} />
      </div>
    </Part>
  );
}

function Choices({ meta, hint, groups }: { meta: Meta; hint: string; groups: { title: string | null; options: readonly { id: string; label: string }[] }[] }) {
  return (
    <Part name={meta.name}>
      <fieldset className="field choices" aria-describedby={[meta.descriptionId, meta.errors?.length ? meta.errorId : ""].join(" ").trim()}>
        <legend>{partLabel(meta.name)}</legend>
        <span className="hint" id={meta.descriptionId}>
          {hint}
        </span>
        {groups.map((group) => {
          const inputs = getCollectionProps(meta, { type: "checkbox", options: group.options.map((option) => option.id) });
          const boxes = inputs.map(({ key, ...input }, index) => (
            <label className="checkbox" key={key}>
              <input {...input} /> {group.options[index]!.label}
            </label>
          ));
          return group.title ? (
            <fieldset className="choice-group" key={group.title}>
              <legend>{group.title}</legend>
              {boxes}
            </fieldset>
          ) : (
            <div className="choice-group" key="all">
              {boxes}
            </div>
          );
        })}
        <FieldError meta={meta} />
      </fieldset>
    </Part>
  );
}

const THEME_CHOICES = (Object.keys(THEME_GROUPS) as (keyof typeof THEME_GROUPS)[]).map((group) => ({
  title: THEME_GROUPS[group],
  options: THEMES.filter((theme) => theme.group === group),
}));

const HINTS: Record<WordLimitedPart, string> = {
  summary: "What you want to do, with whom and why, in a few sentences.",
  problem: "The problem you want to tackle, and why institutions of several countries must work on it together.",
  objectives: "What the work should achieve.",
  activities: "What you plan to do: for example meetings, joint exercises, exchanges or training.",
  expectedResults: "What will be different when the work is done.",
};

function statusText(status: SaveStatus, lastSaved: string) {
  switch (status.kind) {
    case "unchanged":
      return `Last saved ${lastSaved}.`;
    case "unsaved":
      return "Unsaved changes…";
    case "saving":
      return "Saving…";
    case "saved":
      return `Saved at ${new Date(status.at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })}.`;
    case "notSaved":
      return status.reason;
  }
}

export default function EditProposal() {
  const draft = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const hydrated = useHydrated();
  const limits: RoundLimits = draft.limits;
  const schema = useMemo(() => draftSchema(limits), [limits]);
  const [form, fields] = useForm<DraftValues>({
    id: `proposal-${draft.id}-draft`,
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: draft.values,
    constraint: getZodConstraint(schema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const autosave = useAutosave({
    formId: form.id,
    revision: draft.revision,
    check(element) {
      const submission = parseWithZod(new FormData(element), { schema });
      if (submission.status === "success") return null;
      form.validate();
      return `Not saved: ${firstProblem(submission.error) ?? "some answers need fixing."}`;
    },
  });
  const formProps = getFormProps(form);
  const respond = draft.clarification !== null;
  // Without JavaScript the server's answer says what happened; with it, the autosave status does.
  const serverStatus = actionData?.savedAtBrussels ? `Saved at ${actionData.savedAtBrussels}.` : (actionData?.problem ?? null);
  const status = hydrated && autosave.status.kind !== "unchanged" ? statusText(autosave.status, draft.lastSaved) : (serverStatus ?? statusText({ kind: "unchanged" }, draft.lastSaved));
  const failed = hydrated ? autosave.status.kind === "notSaved" : Boolean(actionData?.problem);

  return (
    <>
      <p>
        <Link to={`/proposals/${draft.id}`}>← The proposal's page</Link>
      </p>
      <div className="page-head">
        <h1>
          {draft.reference ? <span className="reference">{draft.reference}</span> : null} Edit the proposal
        </h1>
      </div>
      {searchParams.get("notice") === "started" ? (
        <p className="notice success" role="status">
          Your draft is started. It is kept in the portal; nothing is sent to anyone until you submit it.
        </p>
      ) : null}
      {draft.clarification ? (
        <div className="notice warning">
          <p>
            <strong>The TAF team asked for clarification:</strong>
          </p>
          <blockquote className="prose">{draft.clarification.question}</blockquote>
          {draft.clarification.dueAt ? <DueBy at={draft.clarification.dueAt} now={draft.now} /> : null}
          <p>
            The changes you make here are part of your answer. When you have finished, write your answer and resubmit on the{" "}
            <Link to={`/proposals/${draft.id}/submit`}>preview page</Link>.
          </p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Round</dt>
        <dd>
          {draft.round.title}
          {/* While clarification is requested, its due date (above) matters, not the round's deadline. */}
          {respond ? null : <Deadline round={draft.round} now={draft.now} />}
        </dd>
        <dt>Lead institution</dt>
        <dd>{draft.leadName}</dd>
      </dl>
      <p className="actions">
        <Link to={`/proposals/${draft.id}/partners`}>Partners</Link>
        <Link to={`/proposals/${draft.id}/submit`}>{respond ? "Preview, answer and resubmit" : "Preview and submit"}</Link>
      </p>

      <Form
        method="post"
        className="stack draft-form"
        {...formProps}
        onSubmit={(event) => {
          formProps.onSubmit(event);
          autosave.onSubmit(event);
        }}
        onChange={autosave.onEdit}
      >
        <p className="muted">
          You can save at any time, with parts still empty. Everything must be answered before you submit.
          {hydrated ? " Your changes are saved automatically as you type." : null}
        </p>
        <FormErrors errors={form.errors} />
        {/* Without JavaScript the page comes back at the top: say there what needs fixing, and where. */}
        {hydrated ? null : <ProblemSummary errors={form.allErrors} />}
        <input type="hidden" name="revision" value={actionData?.revision ?? draft.revision} />

        <section aria-labelledby="idea-heading">
          <h2 id="idea-heading">1. The idea</h2>
          <Part name="title">
            <TextField label="Title" hint="A few words that say what the proposal is about." meta={fields.title} />
          </Part>
          <LimitedText meta={fields.summary} limit={limits.words.summary} hint={HINTS.summary} hydrated={hydrated} />
        </section>

        <section aria-labelledby="problem-heading">
          <h2 id="problem-heading">2. The problem</h2>
          <LimitedText meta={fields.problem} limit={limits.words.problem} hint={HINTS.problem} hydrated={hydrated} />
        </section>

        <section aria-labelledby="plan-heading">
          <h2 id="plan-heading">3. What you will do</h2>
          <LimitedText meta={fields.objectives} limit={limits.words.objectives} hint={HINTS.objectives} hydrated={hydrated} />
          <LimitedText meta={fields.activities} limit={limits.words.activities} hint={HINTS.activities} hydrated={hydrated} />
          <LimitedText meta={fields.expectedResults} limit={limits.words.expectedResults} hint={HINTS.expectedResults} hydrated={hydrated} />
        </section>

        <section aria-labelledby="focus-heading">
          <h2 id="focus-heading">4. Themes and support</h2>
          <Choices
            meta={fields.themes}
            hint="Choose every theme the proposal works on. At least one is needed to submit."
            groups={THEME_CHOICES}
          />
          <Choices meta={fields.supportKinds} hint="Choose what the TAF should provide." groups={[{ title: null, options: SUPPORT_KINDS }]} />
        </section>

        <section aria-labelledby="practical-heading">
          <h2 id="practical-heading">5. Timing, budget and contact</h2>
          <Part name="intendedStart">
            <div className="field">
              <label htmlFor={fields.intendedStart.id}>{partLabel("intendedStart")}</label>
              <span className="hint" id={fields.intendedStart.descriptionId}>
                When the first activity could take place.
              </span>
              <input {...getInputProps(fields.intendedStart, { type: "date", ariaDescribedBy: fields.intendedStart.descriptionId })} />
              <FieldError meta={fields.intendedStart} />
            </div>
          </Part>
          <Part name="durationMonths">
            <TextField
              label="Duration in months"
              type="number"
              hint={`From the first to the last activity. At most ${limits.maxDurationMonths} months.`}
              meta={fields.durationMonths}
            />
          </Part>
          <Part name="budgetEur">
            <TextField
              label="Estimated budget in EUR"
              type="number"
              hint={`An estimate in whole euros, without dots or commas. This round allows at most ${euros(limits.maxBudgetEur)}.`}
              meta={fields.budgetEur}
            />
          </Part>
          <Part name="contactPerson">
            <TextField
              label={partLabel("contactPerson")}
              hint="Name, job title and e-mail address of the person the TAF team should contact."
              meta={fields.contactPerson}
            />
          </Part>
        </section>

        <div className="save-bar">
          <p className={failed ? "save-status error" : "save-status"} role="status">
            {status}
          </p>
          <button type="submit" name="intent" value="save">
            Save draft
          </button>
        </div>
      </Form>
    </>
  );
}

function ProblemSummary({ errors }: { errors: Record<string, string[]> }) {
  const problems = Object.entries(errors).filter(([field]) => field !== "");
  if (problems.length === 0) return null;
  return (
    <div className="notice error" role="alert">
      <p>
        <strong>Not saved: {problems.length === 1 ? "one answer needs" : `${problems.length} answers need`} fixing.</strong>
      </p>
      <ul>
        {problems.map(([field, messages]) => (
          <li key={field}>
            <a href={`#${partAnchor(field)}`}>{partLabel(field)}</a>: {messages[0]}
          </li>
        ))}
      </ul>
    </div>
  );
}
