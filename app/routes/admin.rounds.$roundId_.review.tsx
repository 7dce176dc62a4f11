import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors } from "../components/fields";
import { Pagination, rowsShown } from "../components/pagination";
import { AutoAssignForm, ConflictRuleForm, DeskProposalCard } from "../components/reviews/review-desk";
import { readForm } from "../forms.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { reviewDeskSchema } from "../reviews/review-desk-schema";
import { actOnReviewDesk, reviewDesk, reviewDeskRoundExists } from "../reviews/review-desk.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Review desk · ${data?.round.code ?? "Round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "manageReviews");
  return reviewDesk(admin, roundIdOf(params.roundId), requestedPage(request)) ?? roundNotFound();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageReviews");
  const roundId = roundIdOf(params.roundId);
  if (!reviewDeskRoundExists(roundId)) roundNotFound();
  const submission = parseWithZod(await readForm(request), { schema: reviewDeskSchema });
  if (submission.status !== "success") {
    const problems = Object.values(submission.reply().error ?? {}).flatMap((errors) => errors ?? []);
    return { ok: false as const, message: problems.join(" ") || "The portal does not know what to do with this form. Reload the page and try again." };
  }
  // Each outcome is written in the assignment's history or the audit log by the server module.
  return actOnReviewDesk(admin, roundId, submission.value);
}

export default function ReviewDesk() {
  const { round, defaultDueAt, reviewers, institutions, proposals } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link>
      </p>
      <div className="page-head">
        <h1>
          Review desk: <span className="reference">{round.code}</span> {round.title}
        </h1>
      </div>
      <p className="prose">
        Each proposal needs {round.minimumReviews} {round.minimumReviews === 1 ? "review" : "reviews"}; reviews are due {round.reviewDays} days after
        assignment unless you choose another date. A decline or a declared conflict frees the reviewer's place.
      </p>
      {outcome?.ok ? (
        <p className="notice success" role="status">
          {outcome.notice}
        </p>
      ) : null}
      <FormErrors errors={outcome && !outcome.ok ? [outcome.message] : undefined} />

      {proposals.pages.total ? (
        <section aria-labelledby="auto-heading">
          <h2 id="auto-heading">Assign the whole round</h2>
          <AutoAssignForm minimumReviews={round.minimumReviews} proposals={proposals.pages.total} />
        </section>
      ) : null}

      <section aria-labelledby="proposals-heading" className="stack">
        <h2 id="proposals-heading">Proposals in the EU review</h2>
        {proposals.rows.length ? (
          <>
            <p className="muted">{rowsShown(proposals.pages)}</p>
            {proposals.rows.map((proposal) => (
              <DeskProposalCard key={proposal.id} proposal={proposal} defaultDueAt={defaultDueAt} minimumReviews={round.minimumReviews} />
            ))}
            <Pagination pages={proposals.pages} label="proposals in the EU review" />
          </>
        ) : (
          <p className="empty">No proposal of this round is in the EU review: reviewers are assigned once a proposal is found eligible.</p>
        )}
      </section>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Add a conflict rule</h2>
        <ConflictRuleForm reviewers={reviewers} institutions={institutions} />
      </section>
    </>
  );
}
