import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { FeedbackAnswerView, FeedbackForm } from "../components/lessons/feedback-survey";
import { useTextLanguage } from "../components/text-language";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { feedbackChecksSchema, feedbackSchema } from "../lessons/feedback-schema";
import { feedbackPage, saveFeedbackAnswer } from "../lessons/feedback.server";
import { requireFeedbackInstitution } from "../permissions.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The institution an address or a form names; anything but a plain number names none. */
function institutionNamed(value: FormDataEntryValue | null) {
  return typeof value === "string" && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : undefined;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const roundId = roundIdOf(params.roundId);
  const url = new URL(request.url);
  const { institution, asked } = await requireFeedbackInstitution(request, roundId, institutionNamed(url.searchParams.get("institution")));
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const page = feedbackPage(roundId, institution, words) ?? roundNotFound();
  const { t } = words;
  return { ...page, title: t("layout.pageTitle", { page: t("surveyPage.pageTitle", { round: page.round.title }) }), asked, saved: url.searchParams.get("saved") === "1", checks: browserChecks(feedbackChecksSchema) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const roundId = roundIdOf(params.roundId);
  const form = await readForm(request);
  const { user, institution } = await requireFeedbackInstitution(request, roundId, institutionNamed(form.get("institutionId")));
  const t = await translatorOf(request);
  const submission = parseWithZod(form, { schema: feedbackSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const saved = saveFeedbackAnswer(user, roundId, { ...submission.value, institutionId: institution.id });
  if (!saved.ok) return { result: translateReply(submission.reply({ formErrors: [saved.message] }), t) };
  throw redirect(`/rounds/${roundId}/feedback?institution=${institution.id}&saved=1`);
}

export default function RoundFeedback() {
  const { round, institution, asked, open, closing, answer, saved, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const roundTitle = useTextLanguage("en");
  return (
    <>
      <p>
        <Link to="/">← {t("layout.nav.home")}</Link>
      </p>
      <h1>
        {t("surveyPage.heading")} <span {...roundTitle}>{round.title}</span> <span className="muted">· {institution.name}</span>
      </h1>
      {saved ? (
        <p className="notice success" role="status">
          {open ? t("surveyPage.savedOpen", { institution: institution.name }) : t("surveyPage.savedClosed", { institution: institution.name })}
        </p>
      ) : null}
      {asked.length > 1 ? (
        <nav aria-label={t("surveyPage.institutionsLabel")}>
          <p>
            {t("surveyPage.eachSeparately")}{" "}
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
        {t("surveyPage.intro", { institution: institution.name })} {closing}
      </p>
      {answer ? <p className="muted">{t("surveyPage.lastSaved", { person: answer.answeredBy, at: answer.answeredAt })}</p> : null}
      {open ? (
        <FeedbackForm key={institution.id} institutionId={institution.id} answer={answer} checks={checks} lastResult={actionData?.result} />
      ) : (
        <>
          <p className="notice" role="status">
            {t("surveyPage.closedNotice")}
          </p>
          {answer ? <FeedbackAnswerView answer={answer} /> : <p className="empty">{t("surveyPage.noAnswer", { institution: institution.name })}</p>}
        </>
      )}
    </>
  );
}
