import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "../auth/session.server";
import { AdvisorShare } from "../components/proposal/advisor-share";
import { readForm } from "../forms.server";
import { requireProposal } from "../permissions.server";
import { advisorShareSchema } from "../proposals/advisor-share-schema";
import { advisorSharingFor, shareWithAdvisors, stopSharingWithAdvisors } from "../proposals/advisor-sharing.server";
import { commentsPage } from "../proposals/comments.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Country advisors · ${data?.proposal.reference ?? data?.proposal.title ?? "Proposal"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  return { proposal: commentsPage(proposal.proposalId, user).proposal, sharing: advisorSharingFor(proposal, user) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "shareWithAdvisors");
  const submission = parseWithZod(await readForm(request), { schema: advisorShareSchema });
  if (submission.status !== "success") return { error: submission.error?.intent?.[0] ?? "Choose whether to share the draft or to stop sharing it." };
  if (submission.value.intent === "share") shareWithAdvisors(user, proposal, clientIp(request));
  else stopSharingWithAdvisors(user, proposal, clientIp(request));
  throw redirect(`/proposals/${proposal.proposalId}`);
}

export default function CountryAdvisors() {
  const { proposal, sharing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1 id="advisors-heading">
        Country advisors <span className="muted">· {proposal.title}</span>
      </h1>
      {sharing.isDraft ? (
        <AdvisorShare sharing={sharing} error={actionData?.error} headed={false} />
      ) : (
        <p>The proposal is submitted: the country advisors of the countries taking part follow it, read its comments and can write comments.</p>
      )}
      {sharing.isDraft && !sharing.mayChange && !sharing.shared ? <p>This draft is not shared with the country advisors.</p> : null}
    </>
  );
}
