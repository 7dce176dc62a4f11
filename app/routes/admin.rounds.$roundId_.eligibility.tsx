import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { EligibilityForm } from "../components/rounds/eligibility-form";
import { readForm } from "../forms.server";
import { requirePermission } from "../permissions.server";
import { eligibilitySettingsPage, roundExists, saveEligibilitySettings } from "../rounds/eligibility.server";
import { eligibilityFormSchema } from "../rounds/eligibility-schema";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Eligibility criteria · ${data?.round.code ?? "Round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manageRounds");
  return eligibilitySettingsPage(roundIdOf(params.roundId)) ?? roundNotFound();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const roundId = roundIdOf(params.roundId);
  if (!roundExists(roundId)) roundNotFound();
  const submission = parseWithZod(await readForm(request), { schema: eligibilityFormSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = saveEligibilitySettings({ roundId, form: submission.value, admin });
  if (!outcome.ok) {
    if (outcome.problem === "notFound") roundNotFound();
    return { result: submission.reply({ formErrors: outcome.messages }) };
  }
  throw redirect(`/admin/rounds/${roundId}/eligibility?notice=saved`);
}

export default function RoundEligibility() {
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
        Eligibility criteria <span className="muted">of {round.code}</span>
      </h1>
      {searchParams.get("notice") === "saved" && !actionData ? (
        <p className="notice success" role="status">
          The eligibility rules are saved. Submissions and the automatic check follow them from now on.
        </p>
      ) : null}
      <p className="prose">
        The automatic check explains each criterion that applies to a proposal of {round.title}; a proposal cannot be submitted outside the
        window, or while the joint or completeness criterion is not met, where they apply. The applicants read the names and guidance below
        on their submission page.
      </p>
      {/* Keyed by version: once saved (or changed by someone else), the form starts from what is stored. */}
      <EligibilityForm key={round.version} {...page} version={round.version} mode={round.mode} deadline={round.deadline} lastResult={actionData?.result} />
    </>
  );
}
