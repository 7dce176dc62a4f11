import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FeedbackAnswerView, FeedbackForm } from "../components/lessons/feedback-survey";
import { readForm } from "../forms.server";
import { feedbackSchema } from "../lessons/feedback-schema";
import { feedbackPage, saveFeedbackAnswer } from "../lessons/feedback.server";
import { requireFeedbackInstitution } from "../permissions.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Feedback on ${data?.round.title ?? "the round"} · TAF portal` }];

/** The institution an address or a form names; anything but a plain number names none. */
function institutionNamed(value: FormDataEntryValue | null) {
  return typeof value === "string" && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const roundId = roundIdOf(params.roundId);
  const url = new URL(request.url);
  const { institution, asked } = await requireFeedbackInstitution(request, roundId, institutionNamed(url.searchParams.get("institution")));
  const page = feedbackPage(roundId, institution) ?? roundNotFound();
  return { ...page, asked, saved: url.searchParams.get("saved") === "1" };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const roundId = roundIdOf(params.roundId);
  const form = await readForm(request);
  const { user, institution } = await requireFeedbackInstitution(request, roundId, institutionNamed(form.get("institutionId")));
  const submission = parseWithZod(form, { schema: feedbackSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const saved = saveFeedbackAnswer(user, roundId, { ...submission.value, institutionId: institution.id });
  if (!saved.ok) return { result: submission.reply({ formErrors: [saved.message] }) };
  throw redirect(`/rounds/${roundId}/feedback?institution=${institution.id}&saved=1`);
}

export default function RoundFeedback() {
  const { round, institution, asked, open, closing, answer, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/">← Home</Link>
      </p>
      <h1>
        Feedback on {round.title} <span className="muted">· {institution.name}</span>
      </h1>
      {saved ? (
        <p className="notice success" role="status">
          Thank you. Your feedback is saved for {institution.name}
          {open ? "; you or a colleague can still change it until the survey closes." : "."}
        </p>
      ) : null}
      {asked.length > 1 ? (
        <nav aria-label="Institutions you answer for">
          <p>
            You answer for each of your institutions separately:{" "}
            {asked.map((other, index) => (
              <span key={other.id}>
                {index ? " · " : ""}
                {other.id === institution.id ? <strong>{other.name}</strong> : <Link to={`?institution=${other.id}`}>{other.name}</Link>}
              </span>
            ))}
          </p>
        </nav>
      ) : null}
      <p>
        The TAF team revises the process and the materials after each round from what the institutions that took part tell it. One answer counts for{" "}
        {institution.name}: any of its applicants can give it or change it, and the last one saved is kept. {closing}
      </p>
      {answer ? (
        <p className="muted">
          Last saved by {answer.answeredBy} on {answer.answeredAt}.
        </p>
      ) : null}
      {open ? (
        <FeedbackForm key={institution.id} institutionId={institution.id} answer={answer} lastResult={actionData?.result} />
      ) : (
        <>
          <p className="notice" role="status">
            The survey is closed: the answers are read only. Thank you to everyone who answered.
          </p>
          {answer ? <FeedbackAnswerView answer={answer} /> : <p className="empty">{institution.name} gave no feedback on this round.</p>}
        </>
      )}
    </>
  );
}
