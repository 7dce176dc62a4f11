import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { ProposalAnswer } from "../components/proposal-answer";
import { WhoStandsBehind } from "../components/who-stands-behind";
import { Deadline, DueBy } from "../components/deadline";
import { FormErrors } from "../components/fields";
import { requireProposal } from "../permissions.server";
import type { Blocker } from "../proposals/drafting.server";
import { sendProposal, submissionPreview } from "../proposals/drafting.server";
import { leadActor } from "../auth/actors.server";
import { currentAttachments } from "../proposals/attachments.server";
import { partAnchor } from "../proposals/content-schema";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Preview ${data?.title || "the proposal"} · TAF portal` }];

// What the page sends: SUBMIT, or RESPOND with the written answer, each with the version (state)
// and revision (content) the preview showed, so what is sent is what was read.
const submitSchema = z.object({ intent: z.literal("submit"), version: z.number().int(), revision: z.number().int() });
const respondSchema = submitSchema.extend({
  intent: z.literal("respond"),
  message: z
    .string({ error: "Write your answer to the TAF team's question." })
    .trim()
    .min(1, "Write your answer to the TAF team's question.")
    .max(8000, "Use at most 8,000 characters."),
});
const sendSchema = z.discriminatedUnion("intent", [submitSchema, respondSchema]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "editProposal");
  // The files go with the proposal: the preview lists them, so nothing is sent by surprise.
  return { ...submissionPreview(user, proposal), attachments: currentAttachments(proposal.proposalId) };
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

function BlockerList({ items }: { items: Blocker[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.text}>
          {item.text}
          {item.fix ? (
            <>
              {" "}
              {/* A full load, so the browser scrolls to the part and :target outlines it. */}
              <Link to={item.fix.href} reloadDocument>
                {item.fix.label}
              </Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export default function PreviewAndSubmit() {
  const preview = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const respond = preview.step === "respond";
  // The submit form has nothing to type, so only the answer is checked in the browser.
  const [form, fields] = useForm<z.infer<typeof respondSchema>>({
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
            isJoint={preview.isJoint}
            showStatements
          />
        </dl>
      </section>

      <section aria-labelledby="content-heading">
        <h2 id="content-heading">The proposal</h2>
        <dl className="answers">
          <div>
            <dt>Title</dt>
            <dd>{preview.title ? preview.title : <span className="badge warn">Not answered yet</span>}</dd>
          </div>
          {PROPOSAL_PARTS.map((part) => (
            <div key={part.key}>
              <dt>
                {part.label} <Link to={`/proposals/${preview.id}/edit#${partAnchor(part.key)}`} className="edit-link" reloadDocument>Edit<span className="visually-hidden"> {part.label}</span></Link>
              </dt>
              <dd>
                <ProposalAnswer partKey={part.key} value={preview.content[part.key]} missing="warn" />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="attachments-heading">
        <h2 id="attachments-heading">Attachments</h2>
        {preview.attachments.length ? (
          <ul>
            {preview.attachments.map((file) => (
              <li key={file.id}>
                {file.name} <span className="muted">({file.type}, {file.size})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No attachments. Letters of support and other documents are optional.</p>
        )}
        <p>
          <Link to={`/proposals/${preview.id}/attachments`}>Add or remove attachments</Link>
        </p>
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
                {message.errors?.length ? (
                  <p className="error" id={message.errorId}>
                    {message.errors.join(" ")}
                  </p>
                ) : null}
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
