import type { LoaderFunctionArgs } from "@remix-run/node";
import { ProposalPrintout } from "../components/print/proposal-printout";
import { env } from "../env.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { proposalPrintOf } from "../proposals/print.server";
import { pdfResponse, printableMarkup } from "../reporting/pdf.server";

// The printable proposal as a PDF the portal makes itself: the same markup as the printable page,
// in the requester's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  const printPage = `/proposals/${proposal.proposalId}/print`;
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const printable = proposalPrintOf(proposal, words);
  if (!printable) return new Response(null, { status: 303, headers: { Location: printPage } });
  return pdfResponse({
    title: `${printable.reference}: ${printable.submitted.title}`,
    body: printableMarkup(words.language, <ProposalPrintout proposal={printable} portalUrl={env().APP_URL} />),
    fileName: `${printable.reference}.pdf`,
    printPage,
    ...words,
  });
}
