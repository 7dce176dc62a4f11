import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatBrussels } from "../../workflows/time";
import { roundStateLabelOf } from "../../workflows/round.machine";
import { proposalCountText, ROUND_MODE_LABELS, RoundStateBadge } from "../components/round";
import { requirePermission } from "../permissions.server";
import { listRounds } from "../rounds/manage.server";

export const meta: MetaFunction = () => [{ title: "Submission rounds · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  return {
    rounds: listRounds().map((round) => ({
      id: round.id,
      code: round.code,
      title: round.title,
      mode: round.mode,
      state: round.state,
      stateLabel: roundStateLabelOf(round.state),
      opens: formatBrussels(round.opensAt),
      closes: round.closesAt ? formatBrussels(round.closesAt) : null,
      proposals: proposalCountText(round.submitted, round.drafts),
    })),
  };
}

export default function Rounds() {
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Submission rounds</h1>
        <Link to="/admin/rounds/new" className="button">
          Add a round
        </Link>
      </div>
      <p>
        The portal opens a planned round at its opening time and closes a deadline round at its closing time. A rolling
        round stays open until you close it.
      </p>
      <p>
        <Link to="/admin/reports">Steering committee report for a period: every round's proposals submitted between two days</Link>
      </p>
      {rounds.length ? (
        <div className="table-scroll">
          <table className="stacked">
            <caption>{rounds.length === 1 ? "1 round" : `${rounds.length} rounds`}, the latest opening first</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Round</th>
                <th scope="col">Intake</th>
                <th scope="col">State</th>
                <th scope="col">Opens</th>
                <th scope="col">Closes</th>
                <th scope="col">Proposals</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((round) => (
                <tr key={round.id}>
                  <td data-label="Code" className="nowrap">{round.code}</td>
                  <td className="text" data-label="Round">
                    <Link to={`/admin/rounds/${round.id}`}>{round.title}</Link>
                  </td>
                  <td data-label="Intake">{ROUND_MODE_LABELS[round.mode]}</td>
                  <td data-label="State">
                    <RoundStateBadge state={round.state} label={round.stateLabel} />
                  </td>
                  <td data-label="Opens">{round.opens}</td>
                  <td data-label="Closes">{round.closes ?? <span className="muted">No closing time</span>}</td>
                  <td data-label="Proposals">{round.proposals}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">There are no rounds yet. Add the first one: applicants can submit proposals only to an open round.</p>
      )}
    </>
  );
}
