import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { AdvisorShare } from "../components/proposal/advisor-share";
import { readForm } from "../forms.server";
import { pageLanguage, translateMessage, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { advisorShareSchema } from "../proposals/advisor-share-schema";
import { advisorsPage, shareWithAdvisors, stopSharingWithAdvisors } from "../proposals/advisor-sharing.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const t = await translatorOf(request);
  const page = advisorsPage(proposal, user, { t, language: await pageLanguage(request) });
  return { ...page, title: t("layout.pageTitle", { page: t("advisorsPage.title", { proposal: page.proposal.reference ?? page.proposal.title }) }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId), "shareWithAdvisors");
  const submission = parseWithZod(await readForm(request), { schema: advisorShareSchema });
  if (submission.status !== "success") {
    const t = await translatorOf(request);
    return { error: translateMessage(submission.error?.intent?.[0] ?? "advisorsPage.chooseIntent", t) };
  }
  if (submission.value.intent === "share") shareWithAdvisors(user, proposal, clientIp(request));
  else stopSharingWithAdvisors(user, proposal, clientIp(request));
  throw redirect(`/proposals/${proposal.proposalId}`);
}

export default function CountryAdvisors() {
  const { t } = useTranslation();
  const { proposal, sharing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/proposals/${proposal.id}`}>← {proposal.reference ?? proposal.title}</Link>
      </p>
      <h1 id="advisors-heading">
        {t("advisorsPage.heading")} <span className="muted">· {proposal.title}</span>
      </h1>
      {sharing.isDraft ? <AdvisorShare sharing={sharing} error={actionData?.error} headed={false} /> : <p>{t("advisorsPage.submitted")}</p>}
      {sharing.isDraft && !sharing.mayChange && !sharing.shared ? <p>{t("advisorsPage.notShared")}</p> : null}
    </>
  );
}
