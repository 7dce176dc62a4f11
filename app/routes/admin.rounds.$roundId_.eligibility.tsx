import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { EligibilityForm } from "../components/rounds/eligibility-form";
import { useTextLanguage } from "../components/text-language";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { eligibilitySettingsPage, roundExists, saveEligibilitySettings } from "../rounds/eligibility.server";
import { eligibilityFormSchema } from "../rounds/eligibility-schema";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  const t = await translatorOf(request);
  const page = eligibilitySettingsPage(roundIdOf(params.roundId), { t, language: await pageLanguage(request) }) ?? roundNotFound();
  return { ...page, title: t("layout.pageTitle", { page: t("roundEligibility.pageTitle", { code: page.round.code }) }), checks: browserChecks(eligibilityFormSchema) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const roundId = roundIdOf(params.roundId);
  if (!roundExists(roundId)) roundNotFound();
  const t = await translatorOf(request);
  const submission = parseWithZod(await readForm(request), { schema: eligibilityFormSchema });
  if (submission.status !== "success") return { result: translateReply(submission.reply(), t) };
  const outcome = saveEligibilitySettings({ roundId, form: submission.value, admin, words: { t, language: await pageLanguage(request) } });
  if (!outcome.ok) {
    if (outcome.problem === "notFound") roundNotFound();
    return { result: translateReply(submission.reply({ formErrors: outcome.messages }), t) };
  }
  throw redirect(`/admin/rounds/${roundId}/eligibility?notice=saved`);
}

export default function RoundEligibility() {
  const { t } = useTranslation();
  const textLanguage = useTextLanguage("en");
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { result: SubmissionResult<string[]> } | undefined;
  const [searchParams] = useSearchParams();
  const { round } = page;
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link>
      </p>
      <h1>
        <Trans i18nKey="roundEligibility.heading" values={{ code: round.code }} components={{ muted: <span className="muted" /> }} />
      </h1>
      {searchParams.get("notice") === "saved" && !actionData ? (
        <p className="notice success" role="status">
          {t("roundEligibility.saved")}
        </p>
      ) : null}
      <p className="prose">
        <Trans i18nKey="roundEligibility.intro" values={{ title: round.title }} components={{ title: <span {...textLanguage} /> }} />
      </p>
      {/* Keyed by version: once saved (or changed by someone else), the form starts from what is stored. */}
      <EligibilityForm key={round.version} {...page} version={round.version} mode={round.mode} deadline={round.deadline} lastResult={actionData?.result} />
    </>
  );
}
