import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { PageLanguage } from "../../workflows/languages";
import { FormErrors } from "../components/fields";
import { Pagination, rowsShownIn } from "../components/pagination";
import { AutoAssignForm, ConflictRuleForm, DeskProposalCard } from "../components/reviews/review-desk";
import { useTextLanguage } from "../components/text-language";
import { readForm } from "../forms.server";
import { pageLanguage, translateMessage, translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { reviewDeskSchema } from "../reviews/review-desk-schema";
import { actOnReviewDesk, reviewDesk, reviewDeskRoundExists } from "../reviews/review-desk.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function wordsOf(request: Request) {
  return { t: await translatorOf(request), language: await pageLanguage(request) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "manageReviews");
  const words = await wordsOf(request);
  const desk = reviewDesk(admin, roundIdOf(params.roundId), requestedPage(request), words) ?? roundNotFound();
  return { ...desk, title: words.t("layout.pageTitle", { page: words.t("reviewDesk.pageTitle", { round: desk.round.code }) }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageReviews");
  const roundId = roundIdOf(params.roundId);
  if (!reviewDeskRoundExists(roundId)) roundNotFound();
  const words = await wordsOf(request);
  const submission = parseWithZod(await readForm(request), { schema: reviewDeskSchema });
  if (submission.status !== "success") {
    const problems = Object.values(submission.reply().error ?? {}).flatMap((errors) => errors ?? []);
    return { ok: false as const, message: problems.map((problem) => translateMessage(problem, words.t)).join(" ") || words.t("reviewDesk.refusal.unknownForm") };
  }
  // Each outcome is written in the assignment's history or the audit log by the server module.
  return actOnReviewDesk(admin, roundId, submission.value, words);
}

export default function ReviewDesk() {
  const { round, defaultDueAt, reviewers, institutions, proposals } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  // The round's title is written by the TAF team, in English.
  const typed = useTextLanguage("en");
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link>
      </p>
      <div className="page-head">
        <h1>
          {t("reviewDesk.heading")}: <span className="reference">{round.code}</span> <span {...typed}>{round.title}</span>
        </h1>
      </div>
      <p className="prose">
        {t("reviewDesk.intro.needs", { count: round.minimumReviews })} {t("reviewDesk.intro.due", { count: round.reviewDays })}{" "}
        {t("reviewDesk.intro.freed")}
      </p>
      {outcome?.ok ? (
        <p className="notice success" role="status">
          {outcome.notice}
        </p>
      ) : null}
      <FormErrors errors={outcome && !outcome.ok ? [outcome.message] : undefined} />

      {proposals.pages.total ? (
        <section aria-labelledby="auto-heading">
          <h2 id="auto-heading">{t("reviewDesk.auto.heading")}</h2>
          <AutoAssignForm minimumReviews={round.minimumReviews} proposals={proposals.pages.total} />
        </section>
      ) : null}

      <section aria-labelledby="proposals-heading" className="stack">
        <h2 id="proposals-heading">{t("reviewDesk.proposalsHeading")}</h2>
        {proposals.rows.length ? (
          <>
            <p className="muted">{rowsShownIn(i18n.language as PageLanguage, t, proposals.pages)}</p>
            {proposals.rows.map((proposal) => (
              <DeskProposalCard key={proposal.id} proposal={proposal} defaultDueAt={defaultDueAt} minimumReviews={round.minimumReviews} />
            ))}
            <Pagination pages={proposals.pages} label={t("reviewDesk.proposalsLabel")} />
          </>
        ) : (
          <p className="empty">{t("reviewDesk.noProposals")}</p>
        )}
      </section>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">{t("reviewDesk.rule.heading")}</h2>
        <ConflictRuleForm reviewers={reviewers} institutions={institutions} />
      </section>
    </>
  );
}
