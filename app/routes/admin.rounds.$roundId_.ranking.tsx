import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { Pagination } from "../components/pagination";
import { DecisionFields } from "../components/reviews/decision-fields";
import { RankingTable } from "../components/reviews/ranking-table";
import { translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { rankingOrderOf } from "../reviews/ranking-schema";
import { rankingPage } from "../reviews/ranking.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "viewRanking");
  const t = await translatorOf(request);
  const ranking = rankingPage(roundIdOf(params.roundId), rankingOrderOf(new URL(request.url).searchParams), requestedPage(request), t) ?? roundNotFound();
  return { ...ranking, title: t("layout.pageTitle", { page: t("rankingPage.pageTitle", { round: ranking.round.code }) }) };
}

export default function Ranking() {
  const { round, rows, order, criteria, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const decidable = rows.some((row) => row.decidable);
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link>
      </p>
      <div className="page-head">
        <h1>
          <Trans i18nKey="rankingPage.heading" values={{ round: round.code }} components={{ muted: <span className="muted" /> }} />
        </h1>
        {rows.length ? (
          <a className="button secondary" href={`/admin/rounds/${round.id}/ranking.csv`} download>
            {t("rankingPage.download")}
          </a>
        ) : null}
      </div>
      <p className="prose">{t("rankingPage.intro")}</p>
      {rows.length ? (
        <>
          <RankingTable rows={rows} order={order} criteria={criteria} decideForm={decidable ? "decide" : undefined} />
          <Pagination pages={pages} label={t("rankingPage.paginationLabel")} />
          {decidable ? (
            <Form method="post" action={`/admin/rounds/${round.id}/decisions`} id="decide" className="stack">
              <h2>{t("rankingPage.decide.heading")}</h2>
              {pages.pageCount > 1 ? <p className="hint">{t("rankingPage.decide.thisPageOnly")}</p> : null}
              <p className="hint">
                <Trans i18nKey="rankingPage.decide.held" components={{ link: <Link to={`/admin/rounds/${round.id}/decisions`} /> }} />
              </p>
              <input type="hidden" name="intent" value="record" />
              <DecisionFields idPrefix="ranking-decision" />
              <p>
                <button type="submit">{t("decisionFields.recordAndHold")}</button>
              </p>
            </Form>
          ) : null}
        </>
      ) : (
        <p className="empty">{t("rankingPage.empty")}</p>
      )}
    </>
  );
}
