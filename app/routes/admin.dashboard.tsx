import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import {
  ActivityMonths,
  CooperationMatrix,
  CountryBars,
  InstitutionTypeBars,
  ParticipantBars,
  PipelineFunnel,
  RoundComparison,
  SupportKindBars,
  ThemeBars,
} from "../components/charts/dashboard-charts";
import { useTextLanguage } from "../components/text-language";
import { pageLanguage, translatorOf } from "../i18n.server";
import { advisedCountries, dashboardAudience, requirePermission } from "../permissions.server";
import { chartSentences } from "../reporting/chart-sentences.server";
import { dashboardQueryOf } from "../reporting/dashboard-schema";
import { dashboardFigures, dashboardRounds } from "../reporting/figures.server";
import { countryNameIn } from "../../workflows/countries";
import { formatListIn } from "../../workflows/time";
import { periodSummary } from "../../workflows/reporting-words";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewDashboard");
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const { t, language } = words;
  const { typed, problems, filter } = dashboardQueryOf(new URL(request.url).searchParams);
  // The TAF team sees the whole programme; a country advisor their countries' part (dashboardAudience).
  const advising = dashboardAudience(user).key === "all" ? [] : advisedCountries(user).map((code) => countryNameIn(code, t));
  const intro = advising.length
    ? t("dashboardPage.introAdvising", { countries: formatListIn(language, advising) })
    : t("dashboardPage.introAll");
  const figures = dashboardFigures(user, filter);
  return {
    title: t("layout.pageTitle", { page: t("dashboardPage.title") }),
    intro,
    typed,
    problems: problems.map((problem) => t(problem)),
    advising,
    filtered: problems.length === 0 && (filter.rounds.length > 0 || filter.submittedFrom !== null || filter.submittedBefore !== null),
    figures,
    sentences: chartSentences(figures, words),
    rounds: dashboardRounds(),
  };
}

export default function Dashboard() {
  const { intro, typed, problems, filtered, figures, sentences, rounds } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // Round titles are written in English by the TAF team.
  const typedInEnglish = useTextLanguage("en");
  return (
    <>
      <h1>{t("dashboardPage.title")}</h1>
      <p>{intro}</p>
      <Form method="get" className="filters" role="search" aria-label={t("dashboardPage.filters.label")}>
        <fieldset className="field">
          <legend>{t("dashboardPage.filters.rounds")}</legend>
          <span className="hint">{t("dashboardPage.filters.roundsHint")}</span>
          {rounds.map((round) => (
            <label key={round.id} className="checkbox">
              <input type="checkbox" name="round" value={round.id} defaultChecked={typed.round.includes(String(round.id))} />
              {round.code}: <span {...typedInEnglish}>{round.title}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="dashboard-from">{t("dashboardPage.filters.from")}</label>
          <span className="hint" id="dashboard-from-hint">
            {t("dashboardPage.filters.fromHint")}
          </span>
          <input id="dashboard-from" type="date" name="from" defaultValue={typed.from} aria-describedby="dashboard-from-hint" />
        </div>
        <div className="field">
          <label htmlFor="dashboard-to">{t("dashboardPage.filters.to")}</label>
          <span className="hint" id="dashboard-to-hint">
            {t("dashboardPage.filters.toHint")}
          </span>
          <input id="dashboard-to" type="date" name="to" defaultValue={typed.to} aria-describedby="dashboard-to-hint" />
        </div>
        <div className="actions">
          <button type="submit">{t("dashboardPage.filters.show")}</button>
          {filtered || problems.length ? <Link to="/admin/dashboard">{t("dashboardPage.filters.clear")}</Link> : null}
        </div>
      </Form>
      {problems.length ? (
        <div className="notice error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
          <p>{t("dashboardPage.problems.unfiltered")}</p>
        </div>
      ) : null}

      <h2>{t("dashboardPage.inOneLine")}</h2>
      <ul className="round-summaries">
        {figures.rounds.map((round) => (
          <li key={round.roundId}>
            <strong>{round.code}</strong>: {periodSummary(round, t)}
          </li>
        ))}
        {figures.rounds.length ? null : <li>{filtered ? t("dashboardPage.noneSubmittedHere") : t("dashboardPage.noneSubmittedYet")}</li>}
      </ul>

      <h2>{t("dashboardPage.pipeline")}</h2>
      <div className="chart-grid">
        <PipelineFunnel
          id="chart-funnel"
          title={figures.rounds.length === 1 ? t("charts.pipelineOf", { round: figures.rounds[0]!.code }) : t("dashboardPage.pipelineOfAll")}
          funnel={figures.overall.funnel}
          sentence={sentences.funnel}
        />
        {figures.rounds.length > 1
          ? figures.rounds.map((round) => <PipelineFunnel key={round.roundId} id={`chart-funnel-${round.roundId}`} title={t("charts.pipelineOf", { round: round.code })} funnel={round.funnel} sentence={sentences.roundFunnels[round.roundId]!} />)
          : null}
      </div>
      <RoundComparison rounds={figures.rounds} overall={figures.overall} sentences={sentences} />

      <h2>{t("dashboardPage.whoAndWhat")}</h2>
      <div className="chart-grid">
        <CountryBars figures={figures} sentences={sentences} />
        <CooperationMatrix figures={figures} sentences={sentences} />
        <InstitutionTypeBars figures={figures} sentences={sentences} />
        <ThemeBars figures={figures} sentences={sentences} />
        <SupportKindBars figures={figures} sentences={sentences} />
      </div>

      <h2>{t("dashboardPage.implementation")}</h2>
      <div className="chart-grid">
        <ActivityMonths figures={figures} sentences={sentences} />
        <ParticipantBars figures={figures} sentences={sentences} />
      </div>
    </>
  );
}
