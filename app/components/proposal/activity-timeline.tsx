import { Link } from "@remix-run/react";
import type { TimelineRow } from "../../proposals/activities.server";
import { ParticipantsByCountry } from "./implementation";

// The timeline of activities as a table: when, what, where, who, and whether it was held.

export function ActivityTimeline({ activities, caption, withProposal }: { activities: TimelineRow[]; caption: string; withProposal: boolean }) {
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Activity</th>
            {withProposal ? <th scope="col">Proposal</th> : null}
            <th scope="col">Place</th>
            <th scope="col">Countries taking part</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((activity) => (
            <tr key={activity.id}>
              <td data-label="When">{activity.report ? activity.report.daysLabel : activity.daysLabel}</td>
              <td className="text" data-label="Activity">
                <span className="muted">{activity.typeLabel}</span>
                <div>{activity.title}</div>
              </td>
              {withProposal ? (
                <td className="text" data-label="Proposal">
                  <Link to={`/proposals/${activity.proposalId}/implementation`}>{activity.proposalReference ?? activity.proposalTitle}</Link>
                  <div className="muted">Round {activity.roundCode}</div>
                </td>
              ) : null}
              <td className="text" data-label="Place">{activity.place}</td>
              <td data-label="Countries taking part">
                <ParticipantsByCountry activity={activity} />
              </td>
              <td data-label="Status">
                {activity.report ? (
                  <>
                    <span className="badge ok">Held</span>
                    <div className="muted">{activity.report.participants} participants</div>
                  </>
                ) : (
                  <>
                    <span className="badge">Planned</span>
                    {activity.participants !== null ? <div className="muted">{activity.participants} expected</div> : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
