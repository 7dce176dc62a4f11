import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { WB6_COUNTRIES } from "../../workflows/countries";
import { FilterSelect } from "../components/filter-select";
import { Pagination } from "../components/pagination";
import { ActivityTimeline } from "../components/proposal/activity-timeline";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { activityTimeline, timelineRounds } from "../proposals/activities.server";
import type { TimelineFilter } from "../proposals/implementation-schema";
import { timelineFilterSchema } from "../proposals/implementation-schema";

export const meta: MetaFunction = () => [{ title: "Activities · TAF portal" }];

const FILTERS = ["country", "round", "month"] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "viewActivityTimeline");
  const params = new URL(request.url).searchParams;
  // Each filter on its own: one that cannot be read is named and left out, the others apply.
  const filter: TimelineFilter = {};
  const problems: string[] = [];
  const typed: Record<(typeof FILTERS)[number], string> = { country: "", round: "", month: "" };
  for (const name of FILTERS) {
    const value = params.get(name)?.trim().slice(0, 40) ?? "";
    typed[name] = value;
    if (!value) continue;
    const parsed = timelineFilterSchema.shape[name].safeParse(value);
    if (parsed.success) Object.assign(filter, { [name]: parsed.data });
    else problems.push(parsed.error.issues[0]?.message ?? `The ${name} cannot be read.`);
  }
  const { rows, pages } = activityTimeline(user, filter, requestedPage(request));
  return { typed, problems, filtered: Object.keys(filter).length > 0, activities: rows, pages, rounds: timelineRounds() };
}

export default function Activities() {
  const { typed, problems, filtered, activities, pages, rounds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Activities</h1>
      <p>Every proposal's planned and held activities, soonest first: planned ones by their planned days, held ones by the days they were held.</p>
      <Form method="get" className="filters" role="search" aria-label="Filter the activities">
        <FilterSelect
          id="activities-country"
          name="country"
          label="Country taking part"
          value={typed.country}
          anyLabel="Any country"
          options={WB6_COUNTRIES.map((c) => ({ value: c.code, label: c.needsFootnote ? `${c.name}*` : c.name }))}
        />
        <FilterSelect id="activities-round" name="round" label="Round" value={typed.round} anyLabel="Any round" options={rounds.map((r) => ({ value: String(r.id), label: `${r.code}: ${r.title}` }))} />
        <div className="field">
          <label htmlFor="activities-month">Month</label>
          <span className="hint" id="activities-month-hint">
            Without a month picker, type it as YYYY-MM.
          </span>
          <input id="activities-month" type="month" name="month" defaultValue={typed.month} aria-describedby="activities-month-hint" />
        </div>
        <div className="actions">
          <button type="submit">Show activities</button>
          {filtered || problems.length ? <Link to="/admin/activities">Clear the filters</Link> : null}
        </div>
      </Form>
      {problems.length ? (
        <div className="notice error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem} That filter is not applied.</p>
          ))}
        </div>
      ) : null}
      {activities.length ? (
        <>
          <ActivityTimeline activities={activities} caption={`${pages.total === 1 ? "1 activity" : `${pages.total} activities`}${filtered ? " match" : ""}`} withProposal />
          <Pagination pages={pages} label="activities" />
        </>
      ) : (
        <p className="empty">{filtered ? "No activity matches these filters. Try another country, round or month." : "No proposal has planned activities yet."}</p>
      )}
    </>
  );
}
