import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../translation";
import { clientIp } from "../auth/session.server";
import { hasSecondFactor, resetSecondFactor } from "../auth/two-factor.server";
import { AuditTable } from "../components/audit-table";
import { AccountAccessSection, EditPersonSection, ResendInvitationSection } from "../components/people/person-forms";
import { SecondFactorSection } from "../components/people/second-factor-section";
import { RoleList, StatusBadge } from "../components/person";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import type { Outcome } from "../people/people.server";
import { deactivatePerson, findPerson, reactivatePerson, resendInvitation, updatePerson } from "../people/people.server";
import { personIdOf, personNotFound, personPage } from "../people/person-page.server";
import { deactivatePersonSchema, editPersonSchema, noFieldsSchema } from "../people/person-schema";
import { requirePermission } from "../permissions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "managePeople");
  const userId = personIdOf(params.userId);
  const t = await translatorOf(request);
  const page = personPage(userId, admin, t, await pageLanguage(request));
  return {
    ...page,
    title: t("layout.pageTitle", { page: page.person.name }),
    hasSecondFactor: hasSecondFactor(userId),
    checks: { edit: browserChecks(editPersonSchema), deactivate: browserChecks(deactivatePersonSchema) },
  };
}

const intents = ["update", "resendInvitation", "deactivate", "reactivate", "resetSecondFactor"] as const;
type Intent = (typeof intents)[number];

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "managePeople");
  const userId = personIdOf(params.userId);
  if (!findPerson(userId)) personNotFound();
  const formData = await readForm(request);
  const intent = intents.find((i) => i === formData.get("intent"));
  if (!intent) {
    throw new Response((await translatorOf(request))("access.unknownForm"), {
      status: 400,
      statusText: "Bad Request",
    });
  }
  const ip = clientIp(request);
  const t = await translatorOf(request);
  // Each form has its own schema; only the edit form and the confirmation carry fields.
  let answer: { reply: (options?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] }) => SubmissionResult<string[]> };
  let outcome: Outcome;
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: editPersonSchema });
    if (submission.status !== "success") return { intent, result: translateReply(submission.reply(), t) };
    answer = submission;
    outcome = updatePerson(admin, userId, submission.value, ip);
  } else if (intent === "deactivate") {
    const submission = parseWithZod(formData, { schema: deactivatePersonSchema });
    if (submission.status !== "success") return { intent, result: translateReply(submission.reply(), t) };
    answer = submission;
    outcome = deactivatePerson(admin, userId, ip);
  } else if (intent === "resetSecondFactor") {
    answer = parseWithZod(formData, { schema: noFieldsSchema });
    const reset = resetSecondFactor(admin, userId, ip);
    outcome = reset.ok ? reset : { ok: false, formErrors: [t(reset.message)] };
  } else {
    answer = parseWithZod(formData, { schema: noFieldsSchema });
    outcome = intent === "resendInvitation" ? resendInvitation(admin, userId, ip) : reactivatePerson(admin, userId, ip);
  }
  if (!outcome.ok) {
    return { intent, result: translateReply(answer.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formErrors }), t) };
  }
  const notices: Record<Intent, string> = {
    update: "updated",
    resendInvitation: "invitation-resent",
    deactivate: "deactivated",
    reactivate: "reactivated",
    resetSecondFactor: "second-factor-reset",
  };
  throw redirect(`/admin/people/${userId}?notice=${notices[intent]}`);
}

/** The server's answer for the form that was sent, and nothing for the page's other forms. */
function resultFor(intent: Intent, actionData: { intent: Intent; result: SubmissionResult<string[]> } | undefined) {
  return actionData?.intent === intent ? actionData.result : undefined;
}

export default function Person() {
  const { person, isSelf, activity, institutions, countries, hasSecondFactor, checks } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const notice = searchParams.get("notice");
  const notices: Record<string, string> = {
    invited: t("personPage.notice.invited", { email: person.email }),
    "invitation-resent": t("personPage.notice.invitationResent", { email: person.email }),
    updated: t("personPage.notice.updated"),
    deactivated: t("personPage.notice.deactivated", { name: person.name }),
    reactivated: t("personPage.notice.reactivated", { name: person.name }),
    "second-factor-reset": t("personSecondFactor.resetDone", { name: person.name }),
  };
  const noticeText = notice ? notices[notice] : undefined;

  return (
    <>
      <p>
        <Link to="/admin/people">{t("invitePage.back")}</Link>
      </p>
      <div className="page-head">
        <h1>{person.name}</h1>
        <StatusBadge status={person.status} />
      </div>
      {noticeText ? (
        <p className="notice success" role="status">
          {noticeText}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("peoplePage.column.email")}</dt>
        <dd>{person.email}</dd>
        <dt>{t("personPage.jobTitle")}</dt>
        <dd>{person.jobTitle ?? <span className="muted">{t("personPage.notGiven")}</span>}</dd>
        <dt>{t("personForms.field.role")}</dt>
        <dd>
          <RoleList roles={person.roles} />
        </dd>
        <dt>{t("personPage.opened")}</dt>
        <dd>{person.createdAt}</dd>
      </dl>

      {person.status === "invited" ? <ResendInvitationSection name={person.name} lastResult={resultFor("resendInvitation", actionData)} /> : null}

      <EditPersonSection person={person} institutions={institutions} countries={countries} checks={checks.edit} lastResult={resultFor("update", actionData)} />

      <AccountAccessSection
        person={person}
        isSelf={isSelf}
        checks={checks.deactivate}
        deactivateResult={resultFor("deactivate", actionData)}
        reactivateResult={resultFor("reactivate", actionData)}
      />

      {person.status === "active" ? <SecondFactorSection name={person.name} hasSecondFactor={hasSecondFactor} result={resultFor("resetSecondFactor", actionData)} /> : null}

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">{t("personPage.activity")}</h2>
        <AuditTable entries={activity} caption={t("personPage.activityCaption")} empty={t("personPage.activityEmpty")} />
      </section>
    </>
  );
}
