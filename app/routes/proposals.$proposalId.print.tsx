import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { PrintTools } from "../components/print/print-tools";
import { ProposalPrintout } from "../components/print/proposal-printout";
import { env } from "../env.server";
import { requireProposal } from "../permissions.server";
import { proposalPrintOf } from "../proposals/print.server";
import { pdfAvailable, pdfNotice } from "../reporting/pdf.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.proposal?.reference ?? "Proposal"}, printable · TAF portal` }];

// Whoever sees the proposal may print it: the printout is the applicants' copy (print.server.ts).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  return {
    id: proposal.proposalId,
    proposal: proposalPrintOf(proposal),
    portalUrl: env().APP_URL,
    pdfAvailable: pdfAvailable(),
    notice: pdfNotice(new URL(request.url).searchParams.get("pdf")),
  };
}

export default function ProposalPrintPage() {
  const page = useLoaderData<typeof loader>();
  const back = { to: `/proposals/${page.id}`, label: "← Back to the proposal" };
  if (!page.proposal) {
    return (
      <>
        <p>
          <a href={back.to}>{back.label}</a>
        </p>
        <h1>Nothing to print yet</h1>
        <p>The printable page shows the proposal as it was submitted. This proposal has not been submitted yet.</p>
      </>
    );
  }
  return (
    <>
      <PrintTools pdfHref={`/proposals/${page.id}/print.pdf`} pdfAvailable={page.pdfAvailable} notice={page.notice} back={back} />
      <ProposalPrintout proposal={page.proposal} portalUrl={page.portalUrl} />
    </>
  );
}
