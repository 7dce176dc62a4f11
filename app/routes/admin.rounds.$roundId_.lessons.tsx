import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FeedbackComments, QuestionTable, ReportLessons } from "../components/lessons/lessons-summary";
import { Pagination, rowsShown } from "../components/pagination";
import { readForm } from "../forms.server";
import { closeFeedbackSurvey } from "../lessons/feedback.server";
import { lessonsPage } from "../lessons/lessons.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Lessons learnt · ${data?.round.code ?? "Round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "viewLessonsLearnt");
  const page = lessonsPage(roundIdOf(params.roundId), requestedPage(request, "commentsPage")) ?? roundNotFound();
  return { ...page, closedNow: new URL(request.url).searchParams.get("closed") === "1" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "viewLessonsLearnt");
  const roundId = roundIdOf(params.roundId);
  // The page's one form closes the survey; what it carries besides does not matter.
  await readForm(request);
  const closed = closeFeedbackSurvey(admin, roundId) ?? roundNotFound();
  if (!closed.ok) return { message: closed.message };
  throw redirect(`/admin/rounds/${roundId}/lessons?closed=1`);
}

export default function RoundLessons() {
  const { round, survey, asked, answered, questions, comments, lessonsLearnt, closedNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.title}</Link>
      </p>
      <h1>
        Lessons learnt <span className="muted">· {round.code}</span>
      </h1>
      {closedNow ? (
        <p className="notice success" role="status">
          The survey is closed. The institutions see their answers read only.
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="notice error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <section aria-labelledby="survey-heading">
        <h2 id="survey-heading">The institutions' feedback</h2>
        {survey ? (
          <>
            <p>
              <strong>
                {answered} of {asked}
              </strong>{" "}
              institutions asked have answered.
            </p>
            <p className="muted">
              Asked on {survey.openedAt}, when the round's decisions were released.{" "}
              {survey.closedAt ? `Closed early on ${survey.closedAt}.` : survey.open ? `Open until ${survey.closesAt}.` : `Closed on ${survey.closesAt}.`}
            </p>
            {survey.open ? (
              <Form method="post">
                <input type="hidden" name="intent" value="close" />
                <button type="submit" className="secondary">
                  Close the survey now
                </button>
              </Form>
            ) : null}
            <QuestionTable questions={questions} />
            <p>
              <a href={`/admin/rounds/${round.id}/lessons.csv`} download>
                Download as CSV
              </a>
            </p>
            <h3>Comments {comments.pages.total ? <span className="muted">· {rowsShown(comments.pages)}</span> : null}</h3>
            {comments.rows.length ? <FeedbackComments comments={comments.rows} /> : <p className="empty">No institution has written a comment yet.</p>}
            <Pagination pages={comments.pages} label="comments" />
          </>
        ) : (
          <p className="empty">
            No survey yet: the institutions are asked for their feedback when the round's decisions are released on the <Link to={`/admin/rounds/${round.id}/decisions`}>decisions page</Link>.
          </p>
        )}
      </section>
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">Lessons learnt in the completion reports</h2>
        {lessonsLearnt.length ? <ReportLessons lessons={lessonsLearnt} /> : <p className="empty">No completion report of this round has written lessons learnt yet.</p>}
      </section>
    </>
  );
}
