import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientActionFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { formatBrussels } from "../../workflows/time";
import { Deadline, DueBy } from "../components/deadline";
import { FormErrors } from "../components/fields";
import { RoundGuide } from "../components/proposal/round-guide";
import { DraftParts, firstProblem, ProblemSummary, savedText, statusText, useHydrated } from "../components/proposal/draft-form";
import { requireProposal } from "../permissions.server";
import type { DraftValues, RoundLimits } from "../proposals/content-schema";
import { draftProblems, draftSchema } from "../proposals/content-schema";
import { draftForEditing, limitsOfProposal, saveDraft } from "../proposals/drafting.server";
import { draftRulesOfProposal, guideOfProposal } from "../proposals/round-guide.server";
import { useAutosave } from "../proposals/use-autosave";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Edit ${data?.title || "the proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  return { ...draftForEditing(user, proposal), guide: guideOfProposal(proposal.proposalId), rules: draftRulesOfProposal(proposal.proposalId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  // "save" (the button) and "autosave" (the browser, while typing) save alike.
  const formData = await readForm(request);
  const basedOn = Number(formData.get("revision"));
  const limits = limitsOfProposal(proposal.proposalId);
  const rules = draftRulesOfProposal(proposal.proposalId);
  // Saving refuses only what cannot be stored; the round's rules are reported, not enforced, here.
  const submission = parseWithZod(formData, { schema: draftSchema(limits, rules) });
  const notSaved = { savedAt: null, savedAtBrussels: null, revision: basedOn, problems: null };
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
    problems: draftProblems(limits, submission.value, rules),
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
    const notSaved = { savedAt: null, revision: Number(sent.get("revision")), problems: null };
    if (isRouteErrorResponse(error)) {
      return { ...notSaved, conflict: true, problem: `Not saved: ${typeof error.data === "string" ? error.data : "you can no longer edit this proposal."} Reload the page.` };
    }
    return { ...notSaved, conflict: false, retry: true, problem: "Not saved: the portal did not answer. It tries again in 30 seconds; keep this page open." };
  }
}

// A save changes nothing else on the page: no need to load it again after each one.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formData, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" && formData?.has("revision") ? false : defaultShouldRevalidate;

export default function EditProposal() {
  const draft = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const hydrated = useHydrated();
  const limits: RoundLimits = draft.limits;
  const rules = draft.rules;
  const schema = useMemo(() => draftSchema(limits, rules), [limits, rules]);
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
  // The round's rules the draft breaks, as of its latest save: the fields show them until fixed.
  const problems = (hydrated ? autosave.reply?.problems : null) ?? actionData?.problems ?? draft.problems;
  const serverStatus = actionData?.savedAtBrussels ? savedText(actionData.savedAtBrussels, problems) : (actionData?.problem ?? null);
  const status =
    hydrated && autosave.status.kind !== "unchanged"
      ? statusText(autosave.status, draft.lastSaved, problems)
      : (serverStatus ?? statusText({ kind: "unchanged" }, draft.lastSaved, problems));
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

      <details className="round-guide-disclosure">
        <summary>The round's guide, eligibility criteria and limits</summary>
        <RoundGuide guide={draft.guide} level={3} />
      </details>
      <div className="draft-layout">
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
          You can save at any time, with parts still empty or too long. Everything must be answered, within the round's limits,
          before you submit.
          {hydrated ? " Your changes are saved automatically as you type." : null}
        </p>
        <FormErrors errors={form.errors} />
        {/* Without JavaScript the page comes back at the top: say there what needs fixing, and where. */}
        {hydrated ? null : <ProblemSummary errors={form.allErrors} />}
        <input type="hidden" name="revision" value={actionData?.revision ?? draft.revision} />

        <DraftParts fields={fields} limits={limits} problems={problems} offer={rules.offer} hydrated={hydrated} />

        <div className="save-bar">
          <p className={failed ? "save-status error" : "save-status"} role="status">
            {status}
          </p>
          <button type="submit" name="intent" value="save">
            Save draft
          </button>
        </div>
      </Form>
      <aside className="round-guide-aside" aria-label="The round's guide">
        <RoundGuide guide={draft.guide} level={2} />
      </aside>
      </div>
    </>
  );
}
