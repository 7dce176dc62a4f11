import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "../components/pagination";
import { DecisionFields } from "../components/reviews/decision-fields";
import { RankingTable } from "../components/reviews/ranking-table";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { rankingOrderOf } from "../reviews/ranking-schema";
import { rankingPage } from "../reviews/ranking.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Ranking · ${data?.round.code ?? "Round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "viewRanking");
  return rankingPage(roundIdOf(params.roundId), rankingOrderOf(new URL(request.url).searchParams), requestedPage(request)) ?? roundNotFound();
}

export default function Ranking() {
  const { round, rows, order, criteria, pages } = useLoaderData<typeof loader>();
  const decidable = rows.some((row) => row.decidable);
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link>
      </p>
      <div className="page-head">
        <h1>
          Ranking <span className="muted">of {round.code}</span>
        </h1>
        {rows.length ? (
          <a className="button secondary" href={`/admin/rounds/${round.id}/ranking.csv`} download>
            Download as CSV
          </a>
        ) : null}
      </div>
      <p className="prose">
        Each proposal that reached the EU review, by the weighted mean of its submitted reviews; where two are level, by the median, then by the
        number of reviews in. Drafts of reviews do not count. Reviewers disagree where they are 3 points apart on a criterion, or their overall
        scores spread widely.
      </p>
      {rows.length ? (
        <>
          <RankingTable rows={rows} order={order} criteria={criteria} decideForm={decidable ? "decide" : undefined} />
          <Pagination pages={pages} label="the ranking" />
          {decidable ? (
            <Form method="post" action={`/admin/rounds/${round.id}/decisions`} id="decide" className="stack">
              <h2>Decide on the ticked proposals</h2>
              {pages.pageCount > 1 ? <p className="hint">Only the proposals ticked on this page are decided.</p> : null}
              <p className="hint">
                Each decision is held until you release the round's decisions on its <Link to={`/admin/rounds/${round.id}/decisions`}>decisions page</Link>.
              </p>
              <input type="hidden" name="intent" value="record" />
              <DecisionFields idPrefix="ranking-decision" />
              <p>
                <button type="submit">Record and hold</button>
              </p>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="empty">No proposal of this round has reached the EU review yet.</p>
      )}
    </>
  );
}
