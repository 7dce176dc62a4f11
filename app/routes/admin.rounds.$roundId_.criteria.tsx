import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CriteriaForm, CriteriaReadOnly } from "../components/reviews/criteria-form";
import { readForm } from "../forms.server";
import { requirePermission } from "../permissions.server";
import { lockReason, reviewCriteriaPage, saveReviewCriteria } from "../reviews/criteria.server";
import { reviewCriteriaFormSchema } from "../reviews/criteria-schema";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review criteria · ${data?.round.code ?? "Round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageReviewCriteria");
  const page = reviewCriteriaPage(roundIdOf(params.roundId)) ?? roundNotFound();
  return { ...page, lockReason: page.lock ? lockReason(page.lock) : null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageReviewCriteria");
  const roundId = roundIdOf(params.roundId);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: reviewCriteriaFormSchema });
  // Also a criterion added or removed: the form comes back with the change, nothing is stored.
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = saveReviewCriteria({ roundId, form: submission.value, admin });
  if (!outcome.ok) {
    if (outcome.problem === "notFound") roundNotFound();
    return { result: submission.reply({ formErrors: outcome.messages }) };
  }
  throw redirect(`/admin/rounds/${roundId}/criteria?notice=saved`);
}

export default function ReviewCriteria() {
  const { round, criteria, lockReason } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]> } | undefined;
  const [searchParams] = useSearchParams();
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link>
      </p>
      <h1>
        Review criteria <span className="muted">of {round.code}</span>
      </h1>
      {searchParams.get("notice") === "saved" && !actionData ? (
        <p className="notice success" role="status">
          The criteria are saved. Reviewers score against them from now on.
        </p>
      ) : null}
      <p className="prose">
        Reviewers score each proposal of {round.title} from 1 to 5 on every criterion; the weighted score counts each criterion by its weight. Every
        review also gives a recommendation, the reviewer's confidence, a comment for the applicants and an internal comment for the TAF team.
      </p>
      {lockReason ? (
        <>
          <p className="notice warning" role="status">
            {lockReason}
          </p>
          <CriteriaReadOnly criteria={criteria} />
        </>
      ) : (
        // Keyed by version: once saved (or changed by someone else), the form starts from what is stored.
        <CriteriaForm key={round.version} criteria={criteria} version={round.version} lastResult={actionData?.result} />
      )}
    </>
  );
}
