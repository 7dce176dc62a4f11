import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { env } from "../env.server";
import { translatorOf } from "../i18n.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Open to everyone, signed in or not: people read it before they accept an invitation.
export async function loader({ request }: LoaderFunctionArgs) {
  const t = await translatorOf(request);
  return { title: t("layout.pageTitle", { page: t("privacy.pageTitle") }), teamEmail: env().TAF_TEAM_EMAIL };
}

// Each section's points, in the order they are read.
const KEEPS = ["privacy.keepsName", "privacy.keepsRole", "privacy.keepsSignIns", "privacy.keepsActions", "privacy.keepsEmails"] as const;
const WHY = ["privacy.whyAccess", "privacy.whyRounds", "privacy.whyAccounts"] as const;
const HOW_LONG = ["privacy.howLongSession", "privacy.howLongAccount", "privacy.howLongRecords"] as const;
const WHO = ["privacy.whoApplicants", "privacy.whoReviewers", "privacy.whoAdvisors", "privacy.whoTeam"] as const;

function Points({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <ul>
      {keys.map((key) => (
        <li key={key}>{t(key)}</li>
      ))}
    </ul>
  );
}

export default function PrivacyNotice() {
  const { t } = useTranslation();
  const { teamEmail } = useLoaderData<typeof loader>();
  return (
    <article className="privacy-notice">
      <p>
        <Link to="/">{t("privacy.home")}</Link>
      </p>
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>

      <h2>{t("privacy.keepsTitle")}</h2>
      <Points keys={KEEPS} />
      <p>{t("privacy.keepsNothingElse")}</p>

      <h2>{t("privacy.whyTitle")}</h2>
      <Points keys={WHY} />

      <h2>{t("privacy.howLongTitle")}</h2>
      <Points keys={HOW_LONG} />

      <h2>{t("privacy.whoTitle")}</h2>
      <Points keys={WHO} />
      <p>{t("privacy.whoNobodyElse")}</p>

      <h2>{t("privacy.askTitle")}</h2>
      <p>
        <Trans i18nKey="privacy.ask" values={{ email: teamEmail }} components={{ mail: <a href={`mailto:${teamEmail}`} /> }} />
      </p>
    </article>
  );
}
