import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import { ProposalPrintout } from "../components/print/proposal-printout";
import { env } from "../env.server";
import { requireProposal } from "../permissions.server";
import { proposalPrintOf } from "../proposals/print.server";
import { pdfResponse } from "../reporting/pdf.server";

// The printable proposal as a PDF the portal makes itself; the same markup as the printable page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  const printPage = `/proposals/${proposal.proposalId}/print`;
  const printable = proposalPrintOf(proposal);
  if (!printable) return new Response(null, { status: 303, headers: { Location: printPage } });
  return pdfResponse({
    title: `${printable.reference}: ${printable.submitted.title}`,
    body: renderToStaticMarkup(<ProposalPrintout proposal={printable} portalUrl={env().APP_URL} />),
    fileName: `${printable.reference}.pdf`,
    printPage,
  });
}
