import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import type { TimelineRow } from "../../proposals/activities.server";
import { ParticipantsByCountry } from "./participants-by-country";

// The timeline of activities as a table: when, what, where, who, and whether it was held.

export function ActivityTimeline({ activities, caption, withProposal }: { activities: TimelineRow[]; caption: string; withProposal: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("activityTimeline.when")}</th>
            <th scope="col">{t("activityTimeline.activity")}</th>
            {withProposal ? <th scope="col">{t("activityTimeline.proposal")}</th> : null}
            <th scope="col">{t("activityTimeline.place")}</th>
            <th scope="col">{t("activityTimeline.countries")}</th>
            <th scope="col">{t("activityTimeline.status")}</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((activity) => (
            <tr key={activity.id}>
              <td data-label={t("activityTimeline.when")}>{activity.report ? activity.report.daysLabel : activity.daysLabel}</td>
              <td className="text" data-label={t("activityTimeline.activity")}>
                <span className="muted">{activity.typeLabel}</span>
                <div>{activity.title}</div>
              </td>
              {withProposal ? (
                <td className="text" data-label={t("activityTimeline.proposal")}>
                  <Link to={`/proposals/${activity.proposalId}/implementation`}>{activity.proposalReference ?? activity.proposalTitle}</Link>
                  <div className="muted">{t("activityTimeline.round", { code: activity.roundCode })}</div>
                </td>
              ) : null}
              <td className="text" data-label={t("activityTimeline.place")}>
                {activity.place}
              </td>
              <td data-label={t("activityTimeline.countries")}>
                <ParticipantsByCountry activity={activity} />
              </td>
              <td data-label={t("activityTimeline.status")}>
                {activity.report ? (
                  <>
                    <span className="badge ok">{t("implementationPage.activity.held")}</span>
                    <div className="muted">{t("implementationPage.activity.participants", { count: activity.report.participants })}</div>
                  </>
                ) : (
                  <>
                    <span className="badge">{t("implementationPage.activity.planned")}</span>
                    {activity.participants !== null ? <div className="muted">{t("activityTimeline.expected", { number: activity.participants })}</div> : null}
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
