import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, TextAreaField } from "../components/fields";
import { can, requireProposal } from "../permissions.server";
import { COMMENT_MAX, commentSchema } from "../proposals/comment-schema";
import { commentsPage, postComment } from "../proposals/comments.server";
import { readForm } from "../forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Comments on ${data?.proposal.reference ?? data?.proposal.title ?? "the proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Reading needs the same permission as writing: the discussion is the applicants' and the TAF team's.
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "comment");
  return { ...commentsPage(proposal.proposalId, user), forTeam: can(user, "viewInternalNotes") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "comment");
  const submission = parseWithZod(await readForm(request), { schema: commentSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const { commentId } = postComment(user, proposal, submission.value.body);
  throw redirect(`/proposals/${proposal.proposalId}/comments#comment-${commentId}`);
}

export default function Comments() {
  const { proposal, comments, forTeam } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-comment",
    lastResult: actionData?.result,
    constraint: getZodConstraint(commentSchema),
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
  });
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1>
        Comments <span className="muted">· {proposal.title}</span>
      </h1>
      {/* The TAF team reads whom it talks to, not about itself. */}
      <p>
        {forTeam
          ? "Discuss the proposal here with the lead, the partners and the country advisors. Only they and the TAF team read these comments; reviewers do not. The applicants receive each comment by e-mail."
          : "Discuss the proposal here with the lead, the partners, the country advisors and the TAF team. Only the applicants of the institutions taking part, the country advisors of their countries and the TAF team read these comments; reviewers do not. The applicants of the other institutions receive each comment by e-mail."}
      </p>
      {comments.length ? (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} id={`comment-${comment.id}`} className={comment.isOwn ? "own" : undefined}>
              <p className="comment-meta">
                <strong>{comment.author ?? "The TAF team"}</strong>
                {comment.author ? `, ${comment.institution}` : ""}
                {comment.isOwn ? " (you)" : ""} <span className="muted">· {comment.at}</span>
              </p>
              <p className="prose">{comment.body}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">No comments yet. Ask a question or share a thought about the proposal.</p>
      )}
      <section aria-labelledby="write-heading" className="narrow">
        <h2 id="write-heading">Write a comment</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <TextAreaField label="Your comment" hint={`At most ${COMMENT_MAX} characters. Your name and institution are shown with it.`} meta={fields.body} />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Posting…" : "Post the comment"}
          </button>
        </Form>
      </section>
    </>
  );
}
