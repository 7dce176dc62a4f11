import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ActivityTable } from "../components/activity-table";
import { FilterSelect } from "../components/filter-select";
import { activityKinds, activityPage, activitySearchOf } from "../audit-log.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction = () => [{ title: "Audit log · TAF portal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "viewAuditLog");
  const { search, typed, problems } = activitySearchOf(new URL(request.url).searchParams);
  return { typed, problems, searched: Object.keys(search).length > 0, activity: activityPage(search, requestedPage(request)), kinds: activityKinds() };
}

const number = new Intl.NumberFormat("en-GB");

export default function AuditLog() {
  const { typed, problems, searched, activity, kinds } = useLoaderData<typeof loader>();
  const { total } = activity.pages;
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <p className="muted">Every step of every proposal and everything else the portal records (sign-ins, changes to people and institutions, exports), newest first.</p>
      <Form method="get" className="filters" role="search" aria-label="Search the audit log">
        <div className="field">
          <label htmlFor="activity-proposal">Proposal reference or title</label>
          <input id="activity-proposal" type="search" name="proposal" defaultValue={typed.proposal ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="activity-person">Person (name or e-mail)</label>
          <input id="activity-person" type="search" name="person" defaultValue={typed.person ?? ""} />
        </div>
        <FilterSelect id="activity-kind" name="kind" label="Kind of event" value={typed.kind} anyLabel="Any kind" options={kinds} />
        <div className="field">
          <label htmlFor="activity-from">From (Brussels time)</label>
          <input id="activity-from" type="date" name="from" defaultValue={typed.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="activity-to">To, inclusive</label>
          <input id="activity-to" type="date" name="to" defaultValue={typed.to ?? ""} />
        </div>
        <div className="actions">
          <button type="submit">Search</button>
          {Object.keys(typed).length ? <Link to="/admin/audit">Clear the search</Link> : null}
        </div>
      </Form>
      {problems.length ? (
        <div role="alert" className="notice error">
          {problems.map((problem) => (
            <p key={problem}>{problem} That part of the search was left out.</p>
          ))}
        </div>
      ) : null}
      {total ? (
        <ActivityTable list={activity} caption={`${number.format(total)} ${total === 1 ? "entry" : "entries"}${searched ? (total === 1 ? " matches" : " match") : ""}`} />
      ) : (
        <p className="empty">{searched ? "Nothing matches this search. Try a wider date range or fewer words." : "Nothing has been recorded yet."}</p>
      )}
    </>
  );
}
