import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Deadline, DueBy } from "../components/deadline";
import { FieldError, FormErrors } from "../components/fields";
import { AttachmentsPreview, BlockerList, ProposalPreview } from "../components/proposal/submission-preview";
import { RoundCriteriaList } from "../components/rounds/eligibility-criteria";
import { WhoStandsBehind } from "../components/who-stands-behind";
import { readForm } from "../forms.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { currentAttachments } from "../proposals/attachments.server";
import { sendProposal, submissionPreview } from "../proposals/drafting.server";
import { leadActor } from "../auth/actors.server";
import type { RespondForm } from "../proposals/submission-schema";
import { respondSchema, sendSchema } from "../proposals/submission-schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Preview ${data?.title || "the proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  // The files go with the proposal: the preview lists them, so nothing is sent by surprise.
  return { ...submissionPreview(user, proposal, await translatorOf(request), await pageLanguage(request)), attachments: currentAttachments(proposal.proposalId) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  const submission = parseWithZod(await readForm(request), { schema: sendSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const form = submission.value;
  const outcome = sendProposal({
    proposalId: proposal.proposalId,
    expectedVersion: form.version,
    basedOn: form.revision,
    actor: leadActor(user, proposal),
    command: form.intent === "respond" ? { type: "RESPOND", message: form.message } : { type: "SUBMIT" },
  });
  // The statechart's refusal (or the conflict) is shown as it is; the page loads again with the facts as they are now.
  if (!outcome.ok) return { result: submission.reply({ formErrors: [outcome.message] }) };
  throw redirect(`/proposals/${proposal.proposalId}?notice=${form.intent === "respond" ? "resubmitted" : "submitted"}`);
}

export default function PreviewAndSubmit() {
  const preview = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const respond = preview.step === "respond";
  // The submit form has nothing to type, so only the answer is checked in the browser.
  const [form, fields] = useForm<RespondForm>({
    id: `proposal-${preview.id}-send`,
    lastResult: actionData?.result,
    constraint: respond ? getZodConstraint(respondSchema) : undefined,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: respond ? ({ formData }) => parseWithZod(formData, { schema: respondSchema }) : undefined,
  });
  const busy = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const message = fields.message;

  return (
    <>
      <p>
        <Link to={`/proposals/${preview.id}`}>← The proposal's page</Link>
      </p>
      <h1>{respond ? "Preview, answer and resubmit" : "Preview and submit"}</h1>
      <FormErrors errors={form.errors} />
      {message.errors?.length ? (
        <p className="notice error" role="alert">
          Your answer needs attention: <a href={`#${message.id}`}>see the message beside it</a>.
        </p>
      ) : null}
      {/* While clarification is requested, its due date matters, not the round's deadline. */}
      {respond ? null : <Deadline round={preview.round} now={preview.now} />}

      {respond && preview.clarification ? (
        <div className="notice warning">
          <p>
            <strong>The TAF team asked for clarification:</strong>
          </p>
          <blockquote className="prose">{preview.clarification.question}</blockquote>
          {preview.clarification.dueAt ? <DueBy at={preview.clarification.dueAt} now={preview.now} /> : null}
          <p>
            Below is the proposal as it is now, with your edits. Write your answer at the end of the page: the TAF team receives both
            together, as a new version of the proposal.
          </p>
        </div>
      ) : null}

      {preview.blockers.length ? (
        <section className="notice error" aria-labelledby="blockers-heading">
          <h2 id="blockers-heading">Before you can submit</h2>
          <BlockerList items={preview.blockers} />
        </section>
      ) : null}
      {preview.warnings.length ? (
        <section className="notice warning" aria-labelledby="warnings-heading">
          <h2 id="warnings-heading">Good to know</h2>
          <BlockerList items={preview.warnings} />
        </section>
      ) : null}
      {!respond && preview.canSubmit ? (
        <p className="notice success">
          Everything needed is there. Read the proposal below as the TAF team will read it; the Submit button is at the end.
        </p>
      ) : null}

      <section aria-labelledby="who-heading">
        <h2 id="who-heading">Who stands behind it</h2>
        <dl className="facts">
          <WhoStandsBehind
            roundTitle={preview.round.title}
            lead={preview.lead}
            partners={preview.partners}
            jointCountries={preview.jointCountries}
            jointRule={preview.jointRule}
            showStatements
          />
        </dl>
      </section>

      <ProposalPreview proposalId={preview.id} title={preview.title} content={preview.content} />

      <AttachmentsPreview proposalId={preview.id} attachments={preview.attachments} />

      <section aria-labelledby="criteria-heading">
        <h2 id="criteria-heading">What the TAF team checks</h2>
        <p>After you submit, the TAF team checks the proposal against the eligibility criteria of {preview.round.title}:</p>
        <RoundCriteriaList criteria={preview.criteria} />
      </section>

      <section aria-labelledby="send-heading">
        <h2 id="send-heading">{respond ? "Your answer" : "Submit"}</h2>
        {respond || preview.canSubmit ? (
          <Form method="post" className="stack narrow-form" {...getFormProps(form)}>
            <input type="hidden" name="intent" value={respond ? "respond" : "submit"} />
            <input type="hidden" name="version" value={preview.version} />
            <input type="hidden" name="revision" value={preview.revision} />
            {respond ? (
              <div className="field">
                <label htmlFor={message.id}>Your answer to the TAF team</label>
                <span className="hint" id={message.descriptionId}>
                  Answer the question above. Say what you changed in the proposal, if anything.
                </span>
                <textarea {...getTextareaProps(message, { ariaDescribedBy: message.descriptionId })} rows={8} />
                <FieldError meta={message} />
              </div>
            ) : (
              <p>
                When you submit, the proposal gets its reference, this text is kept as its first version, and your institution and the
                partners receive a confirmation e-mail. After that you can no longer change it, unless the TAF team asks for
                clarification.
              </p>
            )}
            <button type="submit" disabled={busy}>
              {busy ? "Sending…" : respond ? "Send the answer and resubmit" : "Submit the proposal"}
            </button>
          </Form>
        ) : (
          <p className="empty">You can submit once the points listed at the top of this page are fixed.</p>
        )}
      </section>
    </>
  );
}
