import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActivityMonths, CooperationMatrix, CountBars, CountryBars, ParticipantBars, PipelineFunnel, RoundComparison } from "../components/charts/dashboard-charts";
import { advisedCountries, dashboardAudience, requirePermission } from "../permissions.server";
import { dashboardQueryOf } from "../reporting/dashboard-schema";
import { dashboardFigures, dashboardRounds } from "../reporting/figures.server";
import { countryName } from "../../workflows/countries";

export const meta: MetaFunction = () => [{ title: "Dashboard · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewDashboard");
  const { typed, problems, filter } = dashboardQueryOf(new URL(request.url).searchParams);
  // The TAF team sees the whole programme; a country advisor their countries' part (dashboardAudience).
  const advising = dashboardAudience(user).key === "all" ? [] : advisedCountries(user).map(countryName);
  return { typed, problems, advising, filtered: problems.length === 0 && (filter.rounds.length > 0 || filter.submittedFrom !== null || filter.submittedBefore !== null), figures: dashboardFigures(user, filter), rounds: dashboardRounds() };
}

export default function Dashboard() {
  const { typed, problems, advising, filtered, figures, rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Dashboard</h1>
      <p>
        {advising.length
          ? `The submitted proposals that institutions of ${advising.join(" and ")} lead or take part in, counted from the proposals' history.`
          : "Every submitted proposal, counted from the proposals' history: a proposal withdrawn later still counts for the steps it passed."}
      </p>
      <Form method="get" className="filters" role="search" aria-label="Choose the rounds and the period">
        <fieldset className="field">
          <legend>Rounds</legend>
          <span className="hint">None ticked: every round.</span>
          {rounds.map((round) => (
            <label key={round.id} className="checkbox">
              <input type="checkbox" name="round" value={round.id} defaultChecked={typed.round.includes(String(round.id))} />
              {round.code}: {round.title}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="dashboard-from">Submitted from</label>
          <span className="hint" id="dashboard-from-hint">
            A day, YYYY-MM-DD (Brussels time).
          </span>
          <input id="dashboard-from" type="date" name="from" defaultValue={typed.from} aria-describedby="dashboard-from-hint" />
        </div>
        <div className="field">
          <label htmlFor="dashboard-to">Submitted until</label>
          <span className="hint" id="dashboard-to-hint">
            The last day counted, YYYY-MM-DD.
          </span>
          <input id="dashboard-to" type="date" name="to" defaultValue={typed.to} aria-describedby="dashboard-to-hint" />
        </div>
        <div className="actions">
          <button type="submit">Show the figures</button>
          {filtered || problems.length ? <Link to="/admin/dashboard">Clear the filters</Link> : null}
        </div>
      </Form>
      {problems.length ? (
        <div className="notice error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
          <p>The figures below are for every round and every day.</p>
        </div>
      ) : null}

      <h2>In one line</h2>
      <ul className="round-summaries">
        {figures.rounds.map((round) => (
          <li key={round.roundId}>
            <strong>{round.code}</strong>: {round.summary}
          </li>
        ))}
        {figures.rounds.length ? null : <li>No proposal was submitted {filtered ? "in these rounds and days" : "yet"}.</li>}
      </ul>

      <h2>The pipeline</h2>
      <div className="chart-grid">
        <PipelineFunnel id="chart-funnel" title={figures.rounds.length === 1 ? `Pipeline of ${figures.rounds[0]!.code}` : "Pipeline, all rounds shown"} funnel={figures.overall.funnel} />
        {figures.rounds.length > 1
          ? figures.rounds.map((round) => <PipelineFunnel key={round.roundId} id={`chart-funnel-${round.roundId}`} title={`Pipeline of ${round.code}`} funnel={round.funnel} />)
          : null}
      </div>
      <RoundComparison rounds={figures.rounds} overall={figures.overall} />

      <h2>Who proposes, and on what</h2>
      <div className="chart-grid">
        <CountryBars figures={figures} />
        <CooperationMatrix figures={figures} />
        <CountBars id="chart-types" title="Proposals per type of institution taking part" noun="type of institution" rows={figures.institutionTypes.map((t) => ({ key: t.type, label: t.label, proposals: t.proposals }))} />
        <CountBars id="chart-themes" title="Proposals per theme" noun="theme" rows={figures.themes.map((t) => ({ key: t.id, label: t.label, proposals: t.proposals }))} />
        <CountBars id="chart-support" title="Proposals per kind of support" noun="kind of support" rows={figures.supportKinds.map((k) => ({ key: k.id, label: k.label, proposals: k.proposals }))} />
      </div>

      <h2>Implementation</h2>
      <div className="chart-grid">
        <ActivityMonths figures={figures} />
        <ParticipantBars figures={figures} />
      </div>
    </>
  );
}
