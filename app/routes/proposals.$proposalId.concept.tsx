import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ClientActionFunctionArgs } from "@remix-run/react";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { formatDay } from "../../workflows/time";
import { ConceptNoteForm, ConceptNoteView, RevisionRequests } from "../components/proposal/concept-note";
import { DocumentAttachments } from "../components/proposal/document-attachments";
import { TeamSteps } from "../components/proposal/team-steps";
import { SaveOutcome, WorkPageHeading } from "../components/work-page";
import { teamStepsOn } from "../proposals/proposal-view.server";
import { readForm } from "../forms.server";
import { requireProposal } from "../permissions.server";
import { conceptNoteIntent, conceptNoteSchema } from "../proposals/concept-note-schema";
import { answeringRevisionRequest, conceptNoteFormValues, conceptNotePage, institutionChoices, namesNotOffered, saveConceptNote } from "../proposals/concept-note.server";
import { conceptNoteAttachments } from "../proposals/document-attachments.server";
import { leadActor } from "../auth/actors.server";
import { answerUnreachableSave, documentNotSavedReply, documentSaveReply, skipRevalidationAfter } from "../proposals/document-autosave";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Concept note · ${data?.reference ?? data?.title ?? "Proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const page = conceptNotePage(proposal, user);
  return {
    ...page,
    teamSteps: teamStepsOn(proposal, user),
    note: { ...page.note, activities: page.note.activities.map((a) => ({ ...a, dateLabel: formatDay(a.date) })) },
    // Where the concept is, asked of the statechart (typed by it), as flags for the page.
    stage: {
      conceptualWork: proposal.snapshot.matches("conceptualWork"),
      drafting: proposal.snapshot.matches({ conceptualWork: "drafting" }),
      underReview: proposal.snapshot.matches({ conceptualWork: "underReview" }),
    },
    formValues: page.canEdit ? conceptNoteFormValues(page.note, page.version, page.draftAnswer, page.institutionChoices) : null,
    notOffered: page.canEdit ? namesNotOffered(page.note, page.institutionChoices) : {},
    attachments: conceptNoteAttachments(proposal, user),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editConceptNote");
  const formData = await readForm(request);
  const now = new Date();
  const basedOn = Number(formData.get("version"));
  const answering = answeringRevisionRequest(proposal.proposalId);
  const choices = institutionChoices(proposal);
  const submission = parseWithZod(formData, { schema: conceptNoteSchema(conceptNoteIntent(formData), answering, choices) });
  if (submission.status !== "success") {
    // A submission refused for a row left unfinished still saves what was typed, when it can be stored.
    const saving = submission.status === "error" && conceptNoteIntent(formData) === "submit" ? parseWithZod(formData, { schema: conceptNoteSchema("save", answering, choices) }) : null;
    if (saving?.status === "success") {
      const saved = saveConceptNote({ proposalId: proposal.proposalId, expectedVersion: saving.value.version, actor: leadActor(user, proposal), form: saving.value, institutions: choices, submit: false, answering, now });
      if (saved.ok) return { result: submission.reply(), notice: `Saved on ${saved.savedAt}, but not submitted: complete the rows marked below.`, refusal: null, ...documentSaveReply(saved, basedOn, now) };
    }
    // Adding or removing a row without JavaScript lands here too: the page comes back with it done.
    return { result: submission.reply(), notice: null, refusal: null, ...documentNotSavedReply(basedOn) };
  }
  const outcome = saveConceptNote({
    proposalId: proposal.proposalId,
    expectedVersion: submission.value.version,
    actor: leadActor(user, proposal),
    form: submission.value,
    institutions: choices,
    submit: submission.value.intent === "submit",
    answering,
    now,
  });
  const saveReply = documentSaveReply(outcome, basedOn, now);
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.message] }), notice: null, refusal: null, ...saveReply };
  // The page keys the form by the proposal's version, so it starts again from what is now
  // stored: rows left empty are gone, new rows have keys.
  const result = submission.reply();
  if (outcome.submitted) {
    const sent = answering ? "The concept note is submitted with your answer." : "The concept note is submitted.";
    return { result, notice: `${sent} The TAF team will review it and tell you by e-mail.`, refusal: null, ...saveReply };
  }
  return { result, notice: outcome.refusal ? null : `Saved on ${outcome.savedAt}.`, refusal: outcome.refusal, ...saveReply };
}

export function clientAction(args: ClientActionFunctionArgs) {
  return answerUnreachableSave<typeof action>(args, "save", "version");
}

export const shouldRevalidate = skipRevalidationAfter("save");

export default function ConceptNotePage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastSubmission = page.submissions.at(-1);
  return (
    <>
      <WorkPageHeading what="Concept note" proposalId={page.id} reference={page.reference} title={page.title} stateLabel={page.stateLabel} />
      <SaveOutcome notice={actionData?.notice} refusal={actionData?.refusal} document="concept note" />

      <TeamSteps steps={page.teamSteps} proposalId={page.id} version={page.version} />
      <RevisionRequests page={page} />

      {page.canEdit ? (
        <p>
          Describe the activities, the budget and the risks together with your partners. Save as often as you like, even when parts
          are missing. When the note is complete, submit it: the TAF team reviews it and approves it or asks for changes.
        </p>
      ) : page.stage.drafting ? (
        <p>The lead institution is writing the concept note. This is the latest saved draft.</p>
      ) : page.stage.underReview && page.teamSteps.length ? (
        <p>Submitted on {lastSubmission?.at}. You review it: approve it, or ask the lead institution for changes with your reason.</p>
      ) : page.stage.underReview ? (
        <p>
          Submitted on {lastSubmission?.at}. The TAF team is reviewing it; the lead institution and its partners get an e-mail when
          they approve it or ask for changes.
        </p>
      ) : page.inImplementation ? (
        <p>
          This is the approved concept note. The activities and their reports are on the{" "}
          <Link to={`/proposals/${page.id}/implementation`}>implementation page</Link>.
        </p>
      ) : (
        <p>The proposal is at “{page.stateLabel}”. This is the last saved concept note.</p>
      )}

      {page.formValues ? <ConceptNoteForm key={page.version} page={page} formValues={page.formValues} lastResult={actionData?.result} /> : <ConceptNoteView page={page} />}
      <DocumentAttachments heading="Attachments of the concept note" {...page.attachments} />

      {page.submissions.length ? (
        <section aria-labelledby="submissions-heading">
          <h2 id="submissions-heading">Submitted versions</h2>
          <ul>
            {page.submissions.map((s) => (
              <li key={s.number}>
                Version {s.number}, submitted on {s.at}
              </li>
            ))}
          </ul>
          <p>
            <Link to={`/proposals/${page.id}/versions`}>{page.submissions.length > 1 ? "Compare the submitted versions" : "See the submitted version"}</Link>
          </p>
        </section>
      ) : null}
    </>
  );
}

