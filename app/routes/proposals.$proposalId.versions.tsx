import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { KindSection } from "../components/proposal/versions";
import { requireProposal } from "../permissions.server";
import { compareQuery } from "../proposals/versions-schema";
import { versionsPage } from "../proposals/versions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Versions · ${data?.proposal.reference ?? data?.proposal.title ?? "Proposal"} · TAF portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  const query = compareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    id: proposal.proposalId,
    ...versionsPage(proposal.proposalId, {
      proposal: { from: query.proposalFrom, to: query.proposalTo },
      conceptNote: { from: query.conceptNoteFrom, to: query.conceptNoteTo },
      activityReport: { from: query.activityReportFrom, to: query.activityReportTo },
      completionReport: { from: query.completionReportFrom, to: query.completionReportTo },
    }),
  };
}

export default function VersionsPage() {
  const page = useLoaderData<typeof loader>();
  const shown = page.kinds.filter((k) => k.versions.length > 0);
  return (
    <>
      <p>
        <Link to={`/proposals/${page.id}`}>← Back to the proposal</Link>
      </p>
      <h1>
        {page.proposal.reference ? <span className="reference">{page.proposal.reference}</span> : null} Versions
      </h1>
      <p className="muted">{page.proposal.title || "Untitled proposal"}</p>
      <p>
        The portal keeps a copy of the proposal each time it is submitted or resubmitted with an answer to a clarification request, of the concept note each
        time it is submitted, and of every activity report and completion report sent. Compare two of them to see what changed.
      </p>
      {shown.length ? (
        shown.map((view) => <KindSection key={view.kind} view={view} page={page} />)
      ) : (
        <p className="empty">No version yet: the first is kept when the proposal is submitted.</p>
      )}
    </>
  );
}
