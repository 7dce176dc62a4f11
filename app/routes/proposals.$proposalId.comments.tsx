import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "../translation";
import { FormErrors, TextAreaField } from "../components/fields";
import { can, requireProposal } from "../permissions.server";
import { commentSchema } from "../proposals/comment-schema";
import { commentsPage, postComment } from "../proposals/comments.server";
import { checkInBrowser } from "../form-checks";
import { browserChecks, readForm } from "../forms.server";
import type { z } from "../zod";
import { storageRefusal } from "../storage-faults.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { useTextLanguage } from "../components/text-language";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  // Reading needs the same permission as writing: the discussion is the applicants' and the TAF team's.
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "comment");
  const t = await translatorOf(request);
  const page = commentsPage(proposal.proposalId, user, t, await pageLanguage(request));
  const title = t("layout.pageTitle", { page: t("commentsPage.title", { proposal: page.proposal.reference ?? page.proposal.title }) });
  return { ...page, title, forTeam: can(user, "viewInternalNotes"), checks: browserChecks(commentSchema) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "comment");
  const submission = parseWithZod(await readForm(request), { schema: commentSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), await translatorOf(request)) };
  let commentId: number;
  try {
    ({ commentId } = postComment(user, proposal, submission.value.body));
  } catch (error) {
    // The storage could not take it: the comment stays in its field, with why beside it.
    return { result: submission.reply({ formErrors: [(await translatorOf(request))(storageRefusal(error))] }) };
  }
  throw redirect(`/proposals/${proposal.proposalId}/comments#comment-${commentId}`);
}

export default function Comments() {
  const { t } = useTranslation();
  // Comments and titles are written by people, in English.
  const typed = useTextLanguage("en");
  const { proposal, comments, forTeam, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-comment",
    lastResult: actionData?.result,
    constraint: checks.constraint,
    shouldValidate: "onBlur",
    // Once a message shows, it goes as soon as the answer is fixed, before the button is clicked.
    shouldRevalidate: "onInput",
    onValidate: ({ form, formData }) => checkInBrowser<z.input<typeof commentSchema>>(form, formData, checks),
  });
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>
          {"← "}
          {proposal.reference ?? <span {...typed}>{proposal.title}</span>}
        </Link>
      </p>
      <h1>
        {t("commentsPage.heading")}{" "}
        <span className="muted">
          · <span {...typed}>{proposal.title}</span>
        </span>
      </h1>
      {/* The TAF team reads whom it talks to, not about itself. */}
      <p>
        {forTeam ? t("commentsPage.introTeam") : t("commentsPage.introApplicants")}
      </p>
      {comments.length ? (
        <ol className="comment-list">
          {comments.map((comment) => (
            <li key={comment.id} id={`comment-${comment.id}`} className={comment.isOwn ? "own" : undefined}>
              <p className="comment-meta">
                <strong>{comment.author ?? t("commentsPage.theTafTeam")}</strong>
                {comment.author ? `, ${comment.institution}` : ""}
                {comment.isOwn ? ` ${t("commentsPage.you")}` : ""} <span className="muted">· {comment.at}</span>
              </p>
              <p className="prose" {...typed}>
                {comment.body}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="empty">{t("commentsPage.none")}</p>
      )}
      <section aria-labelledby="write-heading" className="narrow">
        <h2 id="write-heading">{t("commentsPage.write")}</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors errors={form.errors} />
          <TextAreaField label={t("commentsPage.yourComment")} hint={t("commentsPage.hint", { max: checks.constraint.body?.maxLength })} meta={fields.body} />
          <button type="submit" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? t("commentsPage.posting") : t("commentsPage.post")}
          </button>
        </Form>
      </section>
    </>
  );
}
