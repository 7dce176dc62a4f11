import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { formatBrusselsIn } from "../../workflows/time";
import { roundStateLabelOf } from "../../workflows/round.machine";
import { proposalCountText, ROUND_MODE_KEYS, RoundStateBadge } from "../components/round";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { listRounds } from "../rounds/manage.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  return {
    title: t("layout.pageTitle", { page: t("roundsPage.title") }),
    rounds: listRounds().map((round) => ({
      id: round.id,
      code: round.code,
      title: round.title,
      mode: round.mode,
      state: round.state,
      stateLabel: roundStateLabelOf(round.state, t),
      opens: formatBrusselsIn(language, round.opensAt),
      closes: round.closesAt ? formatBrusselsIn(language, round.closesAt) : null,
      proposals: proposalCountText(t, round.submitted, round.drafts),
    })),
  };
}

export default function Rounds() {
  const { t } = useTranslation();
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>{t("roundsPage.title")}</h1>
        <Link to="/admin/rounds/new" className="button">
          {t("roundsPage.add")}
        </Link>
      </div>
      <p>{t("roundsPage.intro")}</p>
      <p>
        <Link to="/admin/reports">{t("roundsPage.periodReport")}</Link>
      </p>
      {rounds.length ? (
        <div className="table-scroll">
          <table className="stacked">
            <caption>{t("roundsPage.caption", { count: rounds.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("roundsPage.column.code")}</th>
                <th scope="col">{t("roundsPage.column.round")}</th>
                <th scope="col">{t("roundsPage.column.intake")}</th>
                <th scope="col">{t("roundsPage.column.state")}</th>
                <th scope="col">{t("roundsPage.column.opens")}</th>
                <th scope="col">{t("roundsPage.column.closes")}</th>
                <th scope="col">{t("roundsPage.column.proposals")}</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.id}>
                  <td data-label={t("roundsPage.column.code")} className="nowrap">{round.code}</td>
                  <td className="text" data-label={t("roundsPage.column.round")}>
                    <Link to={`/admin/rounds/${round.id}`}>{round.title}</Link>
                  </td>
                  <td data-label={t("roundsPage.column.intake")}>{t(ROUND_MODE_KEYS[round.mode])}</td>
                  <td data-label={t("roundsPage.column.state")}>
                    <RoundStateBadge state={round.state} label={round.stateLabel} />
                  </td>
                  <td data-label={t("roundsPage.column.opens")}>{round.opens}</td>
                  <td data-label={t("roundsPage.column.closes")}>{round.closes ?? <span className="muted">{t("roundWords.noClosingTime")}</span>}</td>
                  <td data-label={t("roundsPage.column.proposals")}>{round.proposals}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{t("roundsPage.empty")}</p>
      )}
    </>
  );
}
