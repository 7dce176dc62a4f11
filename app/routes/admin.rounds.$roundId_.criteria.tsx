import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../translation";
import { CriteriaForm, CriteriaReadOnly } from "../components/reviews/criteria-form";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { lockReason, reviewCriteriaPage, saveReviewCriteria } from "../reviews/criteria.server";
import { MAX_REVIEW_CRITERIA, reviewCriteriaFormSchema } from "../reviews/criteria-schema";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageReviewCriteria");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const page = reviewCriteriaPage(roundIdOf(params.roundId), words.t) ?? roundNotFound();
  const title = words.t("layout.pageTitle", { page: words.t("criteriaPage.title", { round: page.round.code }) });
  return {
    ...page,
    title,
    lockReason: page.lock ? lockReason(page.lock, words) : null,
    checks: browserChecks(reviewCriteriaFormSchema),
    mostCriteria: MAX_REVIEW_CRITERIA,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageReviewCriteria");
  const roundId = roundIdOf(params.roundId);
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: reviewCriteriaFormSchema });
  // Also a criterion added or removed: the form comes back with the change, nothing is stored.
  if (submission.status !== "success") return { result: translateReply(submission.reply(), words.t) };
  const outcome = saveReviewCriteria({ roundId, form: submission.value, admin, words });
  if (!outcome.ok) {
    if (outcome.problem === "notFound") roundNotFound();
    return { result: translateReply(submission.reply({ formErrors: outcome.messages }), words.t) };
  }
  throw redirect(`/admin/rounds/${roundId}/criteria?notice=saved`);
}

export default function ReviewCriteria() {
  const { t } = useTranslation();
  const { round, criteria, lockReason, checks, mostCriteria } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]> } | undefined;
  const [searchParams] = useSearchParams();
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link>
      </p>
      <h1>
        {t("criteriaPage.heading")} <span className="muted">{t("criteriaPage.ofRound", { round: round.code })}</span>
      </h1>
      {searchParams.get("notice") === "saved" && !actionData ? (
        <p className="notice success" role="status">
          {t("criteriaPage.saved")}
        </p>
      ) : null}
      <p className="prose">{t("criteriaPage.intro", { round: round.title })}</p>
      {lockReason ? (
        <>
          <p className="notice warning" role="status">
            {lockReason}
          </p>
          <CriteriaReadOnly criteria={criteria} />
        </>
      ) : (
        // Keyed by version: once saved (or changed by someone else), the form starts from what is stored.
        <CriteriaForm key={round.version} criteria={criteria} version={round.version} checks={checks} most={mostCriteria} lastResult={actionData?.result} />
      )}
    </>
  );
}
