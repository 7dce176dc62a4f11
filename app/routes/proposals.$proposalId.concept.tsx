import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { namedOptions, SUPPORT_KINDS, supportKindLabel } from "../../workflows/vocabulary";
import { formatBrusselsIn, formatBrusselsTimeIn, formatDayIn, formatEurosIn, formatNumberIn } from "../../workflows/time";
import { ConceptNoteForm, ConceptNoteView, RevisionRequests } from "../components/proposal/concept-note";
import { DocumentAttachments } from "../components/proposal/document-attachments";
import { TeamSteps } from "../components/proposal/team-steps";
import { SaveOutcome, WorkPageHeading } from "../components/work-page";
import { teamStepsOn } from "../proposals/proposal-view.server";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { conceptNoteIntent, conceptNoteSaving, conceptNoteSchema, MAX_ACTIVITIES, MAX_ANSWER, MAX_BUDGET_LINES } from "../proposals/concept-note-schema";
import { answeringRevisionRequest, conceptNoteFormValues, conceptNotePage, institutionChoices, namesNotOffered, saveConceptNote } from "../proposals/concept-note.server";
import { conceptNoteAttachments } from "../proposals/document-attachments.server";
import { leadActor } from "../auth/actors.server";
import { answerUnreachableSave, documentNotSavedReply, documentSaveReply, skipRevalidationAfter } from "../proposals/document-autosave";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  const page = conceptNotePage(proposal, user, t, language);
  return {
    ...page,
    pageTitle: t("layout.pageTitle", { page: `${t("conceptNotePage.what")} · ${page.reference ?? page.title}` }),
    teamSteps: teamStepsOn(proposal, user, t),
    note: {
      ...page.note,
      activities: page.note.activities.map((a) => ({
        ...a,
        dateLabel: formatDayIn(language, a.date),
        participantsLabel: a.participants === null ? "" : formatNumberIn(language, a.participants),
        kindLabel: a.kind ? supportKindLabel(a.kind, t) : "",
      })),
      budgetLines: page.note.budgetLines.map((line) => ({ ...line, amountLabel: line.amountEur === null ? "" : formatEurosIn(language, line.amountEur) })),
    },
    kinds: page.canEdit ? namedOptions(SUPPORT_KINDS, t) : [],
    labels: {
      total: formatEurosIn(language, page.total),
      maxActivities: formatNumberIn(language, MAX_ACTIVITIES),
      maxBudgetLines: formatNumberIn(language, MAX_BUDGET_LINES),
      maxAnswer: formatNumberIn(language, MAX_ANSWER),
    },
    // Where the concept is, asked of the statechart (typed by it), as flags for the page.
    stage: {
      conceptualWork: proposal.snapshot.matches("conceptualWork"),
      drafting: proposal.snapshot.matches({ conceptualWork: "drafting" }),
      underReview: proposal.snapshot.matches({ conceptualWork: "underReview" }),
    },
    formValues: page.canEdit ? conceptNoteFormValues(page.note, page.version, page.draftAnswer, page.institutionChoices) : null,
    checks: browserChecks(conceptNoteSaving),
    maxRows: { activities: MAX_ACTIVITIES, budgetLines: MAX_BUDGET_LINES },
    notOffered: page.canEdit ? namesNotOffered(page.note, page.institutionChoices) : {},
    attachments: conceptNoteAttachments(proposal, user, { t, language }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editConceptNote");
  const formData = await readForm(request);
  const t = await translatorOf(request);
  const now = new Date();
  const language = await pageLanguage(request);
  const savedAt = formatBrusselsIn(language, now);
  const basedOn = Number(formData.get("version"));
  const answering = answeringRevisionRequest(proposal.proposalId);
  const choices = institutionChoices(proposal);
  const submission = parseWithZod(formData, { schema: conceptNoteSchema(conceptNoteIntent(formData), answering, choices) });
  if (submission.status !== "success") {
    // A submission refused for a row left unfinished still saves what was typed, when it can be stored.
    const saving = submission.status === "error" && conceptNoteIntent(formData) === "submit" ? parseWithZod(formData, { schema: conceptNoteSchema("save", answering, choices) }) : null;
    if (saving?.status === "success") {
      const saved = saveConceptNote({ proposalId: proposal.proposalId, expectedVersion: saving.value.version, actor: leadActor(user, proposal), form: saving.value, institutions: choices, submit: false, answering, words: { t, language }, now });
      if (saved.ok) return { result: translateReply(submission.reply(), t), notice: t("conceptNotePage.savedNotSubmitted", { at: savedAt }), refusal: null, ...documentSaveReply(saved, basedOn, formatBrusselsTimeIn(language, now)) };
    }
    // Adding or removing a row without JavaScript lands here too: the page comes back with it done.
    return { result: translateReply(submission.reply(), t), notice: null, refusal: null, ...documentNotSavedReply(basedOn, t) };
  }
  const outcome = saveConceptNote({
    proposalId: proposal.proposalId,
    expectedVersion: submission.value.version,
    actor: leadActor(user, proposal),
    form: submission.value,
    institutions: choices,
    submit: submission.value.intent === "submit",
    answering,
    words: { t, language },
    now,
  });
  const saveReply = documentSaveReply(outcome, basedOn, formatBrusselsTimeIn(language, now));
  if (!outcome.ok) return { result: translateReply(submission.reply({ formErrors: [outcome.message] }), t), notice: null, refusal: null, ...saveReply };
  // The page keys the form by the proposal's version, so it starts again from what is now
  // stored: rows left empty are gone, new rows have keys.
  const result = submission.reply();
  if (outcome.submitted) {
    return { result, notice: t(answering ? "conceptNotePage.submittedWithAnswer" : "conceptNotePage.submitted"), refusal: null, ...saveReply };
  }
  return { result, notice: outcome.refusal ? null : t("conceptNotePage.saved", { at: savedAt }), refusal: outcome.refusal, ...saveReply };
}

export function clientAction(args: ClientActionFunctionArgs) {
  return answerUnreachableSave<typeof action>(args, "save", "version");
}

export const shouldRevalidate = skipRevalidationAfter("save");

export default function ConceptNotePage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastSubmission = page.submissions.at(-1);
  return (
    <>
      <WorkPageHeading what={t("conceptNotePage.what")} proposalId={page.id} reference={page.reference} title={page.title} stateLabel={page.stateLabel} />
      <SaveOutcome notice={actionData?.notice} refusal={actionData?.refusal} document="concept note" />

      <TeamSteps steps={page.teamSteps} proposalId={page.id} version={page.version} />
      <RevisionRequests page={page} />

      {page.canEdit ? (
        <p>{t("conceptNotePage.introEditing")}</p>
      ) : page.stage.drafting ? (
        <p>{t("conceptNotePage.introDrafting")}</p>
      ) : page.stage.underReview && page.teamSteps.length ? (
        <p>{t("conceptNotePage.introReviewYours", { at: lastSubmission?.at })}</p>
      ) : page.stage.underReview ? (
        <p>{t("conceptNotePage.introReviewTaf", { at: lastSubmission?.at })}</p>
      ) : page.inImplementation ? (
        <p>
          <Trans i18nKey="conceptNotePage.introImplementation" components={{ pageLink: <Link to={`/proposals/${page.id}/implementation`} /> }} />
        </p>
      ) : (
        <p>{t("conceptNotePage.introOther", { stage: page.stateLabel })}</p>
      )}

      {page.formValues ? <ConceptNoteForm key={page.version} page={page} formValues={page.formValues} lastResult={actionData?.result} /> : <ConceptNoteView page={page} />}
      <DocumentAttachments heading={t("conceptNotePage.attachmentsHeading")} {...page.attachments} />

      {page.submissions.length ? (
        <section aria-labelledby="submissions-heading">
          <h2 id="submissions-heading">{t("conceptNotePage.submissionsHeading")}</h2>
          <ul>
            {page.submissions.map((s) => (
              <li key={s.number}>{t("conceptNotePage.submission", { number: s.number, at: s.at })}</li>
            ))}
          </ul>
          <p>
            <Link to={`/proposals/${page.id}/versions`}>{t(page.submissions.length > 1 ? "conceptNotePage.compareVersions" : "conceptNotePage.seeVersion")}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
