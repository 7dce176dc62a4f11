import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { PrintTools } from "../components/print/print-tools";
import { ProposalPrintout } from "../components/print/proposal-printout";
import { env } from "../env.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { proposalPrintOf } from "../proposals/print.server";
import { pdfAvailable, pdfNotice } from "../reporting/pdf.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Whoever sees the proposal may print it: the printout is the applicants' copy (print.server.ts).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  const words = { t: await translatorOf(request), language: await pageLanguage(request) };
  const { t } = words;
  const printable = proposalPrintOf(proposal, words);
  return {
    title: t("layout.pageTitle", { page: printable ? t("printout.pageTitle", { reference: printable.reference }) : t("printout.nothingYet") }),
    id: proposal.proposalId,
    proposal: printable,
    portalUrl: env().APP_URL,
    pdfAvailable: pdfAvailable(),
    notice: pdfNotice(new URL(request.url).searchParams.get("pdf"), t),
  };
}

export default function ProposalPrintPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const back = { to: `/proposals/${page.id}`, label: `← ${t("printout.back")}` };
  if (!page.proposal) {
    return (
      <>
        <p>
          <a href={back.to}>{back.label}</a>
        </p>
        <h1>{t("printout.nothingYet")}</h1>
        <p>{t("printout.notSubmitted")}</p>
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
