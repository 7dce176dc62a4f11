import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ClientActionFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import { Form, isRouteErrorResponse, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans } from "../trans";
import { browserWords, useTranslation } from "../translation";
import { formatBrusselsIn, formatBrusselsTimeIn } from "../../workflows/time";
import { Deadline, DueBy } from "../components/deadline";
import { deadlineIn, dueByIn } from "../proposals/deadline-words.server";
import { FormErrors } from "../components/fields";
import { RoundGuide } from "../components/proposal/round-guide";
import { useTextLanguage } from "../components/text-language";
import { draftStatusText, savedText } from "../components/proposal/autosave-status";
import { DraftParts, firstProblem, ProblemSummary } from "../components/proposal/draft-form";
import { useHydrated } from "../components/use-hydrated";
import { requireProposal } from "../permissions.server";
import type { DraftValues, RoundLimits } from "../proposals/content-schema";
import { checkInBrowser } from "../form-checks";
import { draftProblems, draftSchema } from "../proposals/content-schema";
import { draftForEditing, limitsOfProposal, saveDraft } from "../proposals/drafting.server";
import { draftChoices, draftRulesOfProposal, guideOfProposal } from "../proposals/round-guide.server";
import { useAutosave } from "../proposals/use-autosave";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateMessage, translateReply, translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  const draft = draftForEditing(user, proposal, t, language);
  const page = draft.title ? t("editProposal.title", { title: draft.title }) : t("editProposal.titleUntitled");
  const now = new Date(draft.now);
  const rules = draftRulesOfProposal(proposal.proposalId);
  return {
    ...draft,
    pageTitle: t("layout.pageTitle", { page }),
    guide: guideOfProposal(proposal.proposalId, t, language),
    choices: draftChoices(rules.offer, draft.values, t),
    // What saving asks of each field, so that zod stays on the server; the round's rules are
    // reported beside the fields at every save.
    checks: browserChecks(draftSchema(draft.limits, rules)),
    deadline: deadlineIn(draft.round, now, { t, language }),
    due: draft.clarification?.dueAt ? dueByIn(draft.clarification.dueAt, now, { t, language }) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  const t = await translatorOf(request);
  // "save" (the button) and "autosave" (the browser, while typing) save alike.
  const formData = await readForm(request);
  const basedOn = Number(formData.get("revision"));
  const limits = limitsOfProposal(proposal.proposalId);
  const rules = draftRulesOfProposal(proposal.proposalId);
  // Saving refuses only what cannot be stored; the round's rules are reported, not enforced, here.
  const submission = parseWithZod(formData, { schema: draftSchema(limits, rules) });
  const notSaved = { savedAt: null, savedAtBrussels: null, revision: basedOn, problems: null };
  if (submission.status !== "success") {
    const problem = firstProblem(submission.error, t);
    return {
      ...notSaved,
      result: translateReply(submission.reply(), t),
      conflict: false,
      problem: problem ? t("editProposal.notSavedBecause", { problem }) : t("editProposal.notSavedFixing"),
    };
  }
  const outcome = saveDraft({ proposalId: proposal.proposalId, basedOn, values: submission.value });
  if (!outcome.ok) {
    const message = translateMessage(outcome.message, t);
    // A storage fault is no one else's save: the autosave sends the draft again a little later.
    return { ...notSaved, result: submission.reply({ formErrors: [message] }), conflict: !outcome.retry, retry: outcome.retry === true, problem: message };
  }
  const problems = draftProblems(limits, submission.value, rules, t);
  const language = await pageLanguage(request);
  return {
    result: submission.reply(),
    savedAt: formatBrusselsTimeIn(language, outcome.savedAt),
    savedAtBrussels: formatBrusselsIn(language, outcome.savedAt),
    revision: outcome.revision,
    problems,
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
  // In the browser, the page's own translator (entry.client.tsx) has the page's language.
  const t = browserWords();
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    const notSaved = { savedAt: null, revision: Number(sent.get("revision")), problems: null };
    if (isRouteErrorResponse(error)) {
      const reason = typeof error.data === "string" ? error.data : t("editProposal.noLongerEditable");
      return { ...notSaved, conflict: true, problem: t("editProposal.notSavedRefused", { reason }) };
    }
    return { ...notSaved, conflict: false, retry: true, problem: t("editProposal.notSavedOffline") };
  }
}

// A save changes nothing else on the page: no need to load it again after each one.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, formData, defaultShouldRevalidate }) =>
  formMethod?.toUpperCase() === "POST" && formData?.has("revision") ? false : defaultShouldRevalidate;

export default function EditProposal() {
  const { t } = useTranslation();
  // The TAF team's question is typed in English.
  const textLanguage = useTextLanguage("en");
  const draft = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const hydrated = useHydrated();
  const limits: RoundLimits = draft.limits;
  const [form, fields] = useForm<DraftValues>({
    id: `proposal-${draft.id}-draft`,
    lastResult: actionData && "result" in actionData ? actionData.result : undefined,
    defaultValue: draft.values,
    constraint: draft.checks.constraint,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<DraftValues>(form, formData, draft.checks),
  });
  const autosave = useAutosave({
    formId: form.id,
    revision: draft.revision,
    check(element) {
      const submission = checkInBrowser<DraftValues>(element, new FormData(element), draft.checks);
      if (submission.status === "success") return null;
      form.validate();
      const problem = firstProblem(submission.error, t);
      return problem ? t("editProposal.notSavedBecause", { problem }) : t("editProposal.notSavedFixing");
    },
  });
  const formProps = getFormProps(form);
  const respond = draft.clarification !== null;
  // Without JavaScript the server's answer says what happened; with it, the autosave status does.
  // The round's rules the draft breaks, as of its latest save: the fields show them until fixed.
  const problems = (hydrated ? autosave.reply?.problems : null) ?? actionData?.problems ?? draft.problems;
  const serverStatus = actionData?.savedAtBrussels ? savedText(actionData.savedAtBrussels, t, problems) : (actionData?.problem ?? null);
  const status =
    hydrated && autosave.status.kind !== "unchanged"
      ? draftStatusText(autosave.status, draft.lastSaved, t, problems)
      : (serverStatus ?? draftStatusText({ kind: "unchanged" }, draft.lastSaved, t, problems));
  const failed = hydrated ? autosave.status.kind === "notSaved" : Boolean(actionData?.problem);

  return (
    <>
      <p>
        <Link to={`/proposals/${draft.id}`}>{t("editProposal.back")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {draft.reference ? <span className="reference">{draft.reference}</span> : null} {t("editProposal.heading")}
        </h1>
      </div>
      {searchParams.get("notice") === "started" ? (
        <p className="notice success" role="status">
          {t("editProposal.started")}
        </p>
      ) : null}
      {draft.clarification ? (
        <div className="notice warning">
          <p>
            <strong>{t("editProposal.clarificationAsked")}</strong>
          </p>
          <blockquote className="prose" {...textLanguage}>
            {draft.clarification.question}
          </blockquote>
          {draft.due ? <DueBy due={draft.due} /> : null}
          <p>
            <Trans i18nKey="editProposal.clarificationHow" components={{ link: <Link to={`/proposals/${draft.id}/submit`} /> }} />
          </p>
        </div>
      ) : null}
      <dl className="facts">
        <dt>{t("editProposal.round")}</dt>
        <dd>
          {draft.round.title}
          {/* While clarification is requested, its due date (above) matters, not the round's deadline. */}
          {respond ? null : <Deadline deadline={draft.deadline} />}
        </dd>
        <dt>{t("editProposal.lead")}</dt>
        <dd>{draft.leadName}</dd>
      </dl>
      <p className="actions">
        <Link to={`/proposals/${draft.id}/partners`}>{t("editProposal.partners")}</Link>
        <Link to={`/proposals/${draft.id}/submit`}>{respond ? t("editProposal.previewRespond") : t("editProposal.previewSubmit")}</Link>
      </p>

      <details className="round-guide-disclosure">
        <summary>{t("editProposal.guide")}</summary>
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
          {t("editProposal.saveAnyTime")}
          {hydrated ? ` ${t("editProposal.autosaves")}` : null}
        </p>
        <FormErrors errors={form.errors} />
        {/* Without JavaScript the page comes back at the top: say there what needs fixing, and where. */}
        {hydrated ? null : <ProblemSummary errors={form.allErrors} />}
        <input type="hidden" name="revision" value={actionData?.revision ?? draft.revision} />

        <DraftParts fields={fields} limits={limits} problems={problems} choices={draft.choices} maxBudget={draft.guide.maxBudget} hydrated={hydrated} />

        <div className="save-bar">
          <p className={failed ? "save-status error" : "save-status"} role="status">
            {status}
          </p>
          <button type="submit" name="intent" value="save">
            {t("editProposal.save")}
          </button>
        </div>
      </Form>
      <aside className="round-guide-aside" aria-label={t("editProposal.guideAside")}>
        <RoundGuide guide={draft.guide} level={2} />
      </aside>
      </div>
    </>
  );
}
