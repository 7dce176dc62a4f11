import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { FeedbackComments, QuestionTable, ReportLessons } from "../components/lessons/lessons-summary";
import { Pagination, rowsShownIn } from "../components/pagination";
import { useTextLanguage } from "../components/text-language";
import { readForm } from "../forms.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { closeFeedbackSurvey } from "../lessons/feedback.server";
import { lessonsPage } from "../lessons/lessons.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "viewLessonsLearnt");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const page = lessonsPage(roundIdOf(params.roundId), requestedPage(request, "commentsPage"), words) ?? roundNotFound();
  const { t, language } = words;
  return {
    ...page,
    // The rows shown in words, on the server like every number of the page.
    comments: { ...page.comments, shown: rowsShownIn(language, t, page.comments.pages) },
    title: t("layout.pageTitle", { page: t("lessonsPage.pageTitle", { round: page.round.code }) }),
    closedNow: new URL(request.url).searchParams.get("closed") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "viewLessonsLearnt");
  const roundId = roundIdOf(params.roundId);
  // The page's one form closes the survey; what it carries besides does not matter.
  await readForm(request);
  const closed = closeFeedbackSurvey(admin, roundId) ?? roundNotFound();
  if (!closed.ok) return { message: (await translatorOf(request))(closed.message) };
  throw redirect(`/admin/rounds/${roundId}/lessons?closed=1`);
}

export default function RoundLessons() {
  const { round, survey, response, questions, comments, lessonsLearnt, closedNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const roundTitle = useTextLanguage("en");
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>
          ← <span {...roundTitle}>{round.title}</span>
        </Link>
      </p>
      <h1>
        {t("lessonsPage.title")} <span className="muted">· {round.code}</span>
      </h1>
      {closedNow ? (
        <p className="notice success" role="status">
          {t("lessonsPage.closedNow")}
        </p>
      ) : null}
      {actionData?.message ? (
        <p className="notice error" role="alert">
          {actionData.message}
        </p>
      ) : null}
      <section aria-labelledby="survey-heading">
        <h2 id="survey-heading">{t("lessonsPage.feedbackHeading")}</h2>
        {survey ? (
          <>
            <p>
              <strong>{response.share}</strong> {response.rest}
            </p>
            <p className="muted">
              {t("lessonsPage.askedOn", { at: survey.openedAt })}{" "}
              {survey.closedAt
                ? t("lessonsPage.closedEarly", { at: survey.closedAt })
                : survey.open
                  ? t("lessonsPage.openUntil", { at: survey.closesAt })
                  : t("lessonsPage.closedOn", { at: survey.closesAt })}
            </p>
            {survey.open ? (
              <Form method="post">
                <input type="hidden" name="intent" value="close" />
                <button type="submit" className="secondary">
                  {t("lessonsPage.closeNow")}
                </button>
              </Form>
            ) : null}
            <QuestionTable questions={questions} />
            <p>
              <a href={`/admin/rounds/${round.id}/lessons.csv`} download>
                {t("lessonsPage.downloadCsv")}
              </a>
            </p>
            <h3>
              {t("lessonsPage.comments")} {comments.pages.total ? <span className="muted">· {comments.shown}</span> : null}
            </h3>
            {comments.rows.length ? <FeedbackComments comments={comments.rows} /> : <p className="empty">{t("lessonsPage.noComments")}</p>}
            <Pagination pages={comments.pages} label={t("lessonsPage.commentsLabel")} />
          </>
        ) : (
          <p className="empty">
            <Trans i18nKey="lessonsPage.noSurvey" components={{ decisions: <Link to={`/admin/rounds/${round.id}/decisions`} /> }} />
          </p>
        )}
      </section>
      <section aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t("lessonsPage.reportsHeading")}</h2>
        {lessonsLearnt.length ? <ReportLessons lessons={lessonsLearnt} /> : <p className="empty">{t("lessonsPage.noReportLessons")}</p>}
      </section>
    </>
  );
}
