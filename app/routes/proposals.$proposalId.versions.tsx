import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { KindSection } from "../components/proposal/versions";
import { useTextLanguage } from "../components/text-language";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { compareQuery } from "../proposals/versions-schema";
import { versionsPage } from "../proposals/versions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  const query = compareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const t = await translatorOf(request);
  const page = versionsPage(
    proposal.proposalId,
    {
      proposal: { from: query.proposalFrom, to: query.proposalTo },
      conceptNote: { from: query.conceptNoteFrom, to: query.conceptNoteTo },
      activityReport: { from: query.activityReportFrom, to: query.activityReportTo },
      completionReport: { from: query.completionReportFrom, to: query.completionReportTo },
    },
    { t, language: await pageLanguage(request) },
  );
  const named = page.proposal.reference ?? (page.proposal.title || t("versionsPage.untitled"));
  return { id: proposal.proposalId, title: t("layout.pageTitle", { page: t("versionsPage.pageTitle", { proposal: named }) }), ...page };
}

export default function VersionsPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  const shown = page.kinds.filter((k) => k.versions.length > 0);
  return (
    <>
      <p>
        <Link to={`/proposals/${page.id}`}>{t("versionsPage.back")}</Link>
      </p>
      <h1>
        {page.proposal.reference ? <span className="reference">{page.proposal.reference}</span> : null} {t("versionsPage.title")}
      </h1>
      <p className="muted">{page.proposal.title ? <span {...typed}>{page.proposal.title}</span> : t("versionsPage.untitled")}</p>
      <p>{t("versionsPage.intro")}</p>
      {shown.length ? shown.map((view) => <KindSection key={view.kind} view={view} page={page} />) : <p className="empty">{t("versionsPage.empty")}</p>}
    </>
  );
}
