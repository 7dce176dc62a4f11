import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { toBrusselsTime } from "../../workflows/time";
import { DeskEntry } from "../components/eligibility/desk-entry";
import { Pagination, rowsShown } from "../components/pagination";
import { actOnDesk, eligibilityQueue } from "../eligibility/desk.server";
import { readForm } from "../forms.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction = () => [{ title: "Eligibility desk · TAF portal" }];

/** The due day the clarification form suggests: ten days ahead, as the proposal page does. */
const SUGGESTED_DAYS_TO_ANSWER = 10;

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "decideEligibility");
  const queue = eligibilityQueue(admin, requestedPage(request));
  return { ...queue, defaultDueOn: toBrusselsTime(new Date(Date.now() + SUGGESTED_DAYS_TO_ANSWER * 24 * 60 * 60 * 1000)).slice(0, 10) };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "decideEligibility");
  const form = Object.fromEntries([...(await readForm(request))].map(([key, value]) => [key, String(value)]));
  return actOnDesk(admin, form);
}

export default function EligibilityDesk() {
  const { rows, pages, defaultDueOn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/">Home</Link>
      </p>
      <h1>Eligibility desk</h1>
      <p className="prose">
        Proposals waiting for your eligibility decision, the earliest submitted first. The automatic check explains each criterion; confirm it (saying why
        wherever you override it), declare the proposal ineligible, or ask the applicants for clarification.
      </p>
      {reply?.done ? (
        <p className="notice success" role="status">
          {reply.done}
        </p>
      ) : null}
      {reply?.formError && !rows.some((row) => row.id === reply.proposalId) ? (
        <p className="notice error" role="alert">
          {reply.formError}
        </p>
      ) : null}
      {rows.length ? (
        <>
          <p className="muted">{rowsShown(pages)} proposals waiting</p>
          {rows.map((entry) => (
            <DeskEntry key={entry.id} entry={entry} reply={reply} defaultDueOn={defaultDueOn} />
          ))}
          <Pagination pages={pages} label="proposals waiting for an eligibility decision" />
        </>
      ) : (
        <p className="empty">No proposal waits for an eligibility decision. Submitted proposals appear here as soon as the automatic check has run.</p>
      )}
    </>
  );
}
