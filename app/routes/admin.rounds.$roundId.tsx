import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { RoundEventType } from "../../workflows/round.machine";
import type { BrowserChecks } from "../form-checks";
import { FormErrors } from "../components/fields";
import { ProposalTable } from "../components/proposal-table";
import { proposalCountText, ROUND_MODE_KEYS, RoundStateBadge } from "../components/round";
import { RoundActionFormCard, RoundHistory, RoundSettings } from "../components/rounds/round-page";
import { Statechart } from "../components/statechart";
import { useTextLanguage } from "../components/text-language";
import { browserChecks, readForm } from "../forms.server";
import { pageLanguage, translateReply, translatorOf } from "../i18n.server";
import { administratorActor } from "../auth/actors.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { roundExists } from "../rounds/manage.server";
import { roundCommandOf, roundIdOf, roundNotFound, roundPage } from "../rounds/round-page.server";
import { roundActionSchema, roundActionSchemaOf } from "../rounds/round-schema";
import { applyRoundCommand } from "../rounds/workflow.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const t = await translatorOf(request);
  const pages = { page: requestedPage(request), draftsPage: requestedPage(request, "drafts") };
  const page = roundPage(roundIdOf(params.roundId), admin, pages, t, await pageLanguage(request));
  return {
    ...page,
    title: t("layout.pageTitle", { page: page.round.code }),
    round: { ...page.round, proposals: proposalCountText(t, page.round.submitted, page.round.drafts) },
    checks: Object.fromEntries(page.actions.map((event) => [event, browserChecks(roundActionSchemaOf(event))])) as Partial<Record<RoundEventType, BrowserChecks>>,
  };
}

const NOTICES: Record<RoundEventType, string> = { OPEN: "opened", CLOSE: "closed", REOPEN: "reopened", ARCHIVE: "archived", CANCEL: "cancelled" };
const EVENTS = Object.keys(NOTICES) as RoundEventType[];

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const roundId = roundIdOf(params.roundId);
  if (!roundExists(roundId)) roundNotFound();
  const t = await translatorOf(request);
  const formData = await readForm(request);
  const event = EVENTS.find((type) => type === formData.get("event"));
  if (!event) {
    throw new Response(t("access.unknownForm"), { status: 400, statusText: "Bad Request" });
  }
  const submission = parseWithZod(formData, { schema: roundActionSchema });
  if (submission.status !== "success") return { event, result: translateReply(submission.reply(), t) };
  const outcome = applyRoundCommand({
    roundId,
    expectedVersion: submission.value.version,
    actor: administratorActor(admin),
    command: roundCommandOf(submission.value),
    words: { t, language: await pageLanguage(request) },
  });
  // Refused by the statechart, or changed by someone else: said beside the form, with what was typed.
  if (!outcome.ok) return { event, result: translateReply(submission.reply({ formErrors: [outcome.message] }), t) };
  // No audit row: round_events is the round's record of who did what.
  throw redirect(`/admin/rounds/${roundId}?notice=${NOTICES[event]}`);
}

type ActionData = { event: RoundEventType; result: SubmissionResult<string[]> };

export default function Round() {
  const { t } = useTranslation();
  const { round, settings, actions, history, proposals, openDrafts, statechart, editable, checks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const notices: Record<string, string> = {
    created: t("roundPage.notice.created", { opens: round.opens }),
    opened: t("roundPage.notice.opened"),
    closed: t("roundPage.notice.closed"),
    reopened: round.closes ? t("roundPage.notice.reopenedUntil", { closes: round.closes }) : t("roundPage.notice.reopened"),
    archived: t("roundPage.notice.archived"),
    cancelled: t("roundPage.notice.cancelled"),
    edited: t("roundPage.notice.edited"),
    unchanged: t("roundPage.notice.unchanged"),
  };
  const textLanguage = useTextLanguage("en");
  const notice = notices[searchParams.get("notice") ?? ""];
  // An answer about a form this page no longer offers (someone else moved the round meanwhile).
  const orphanErrors = actionData && !actions.includes(actionData.event) ? Object.values(actionData.result.error ?? {}).flatMap((errors) => errors ?? []) : [];
  return (
    <>
      <p>
        <Link to="/admin/rounds">← {t("roundsPage.title")}</Link>
      </p>
      <div className="page-head">
        <h1>
          <span className="reference">{round.code}</span> <span {...textLanguage}>{round.title}</span>
        </h1>
        <RoundStateBadge state={round.state} label={round.stateLabel} />
      </div>
      {notice && !actionData ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
      {round.description ? <p className="prose" {...textLanguage}>{round.description}</p> : null}
      {editable ? <p><Link to={`/admin/rounds/${round.id}/edit`}>{t("roundPage.link.edit")}</Link></p> : null}
      <p><Link to={`/admin/rounds/${round.id}/review`}>{t("roundPage.link.review")}</Link></p>
      <p><Link to={`/admin/rounds/${round.id}/decisions`}>{t("roundPage.link.decisions")}</Link></p>
      <p><Link to={`/admin/rounds/${round.id}/report`}>{t("roundPage.link.report")}</Link></p>
      <dl className="facts">
        <dt>{t("roundsPage.column.intake")}</dt>
        <dd>{t(ROUND_MODE_KEYS[round.mode])}</dd>
        <dt>{t("roundsPage.column.opens")}</dt>
        <dd>{round.opens}</dd>
        <dt>{t("roundsPage.column.closes")}</dt>
        <dd>{round.closes ?? <span className="muted">{t("roundPage.noClosingTime")}</span>}</dd>
        <dt>{t("roundsPage.column.proposals")}</dt>
        <dd>{round.proposals}</dd>
        <dt>{t("roundPage.added")}</dt>
        <dd>{round.created}</dd>
      </dl>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">{t("roundPage.actionsHeading")}</h2>
        <FormErrors errors={orphanErrors} />
        {actions.length ? (
          <div className="action-forms">
            {actions.map((event) => (
              <RoundActionFormCard key={event} event={event} round={round} checks={checks[event]!} lastResult={actionData?.event === event ? actionData.result : undefined} />
            ))}
          </div>
        ) : (
          <p className="empty">{t("roundPage.nothingMore", { state: round.stateLabel.toLowerCase() })}</p>
        )}
      </section>

      <section aria-labelledby="statechart-heading">
        <h2 id="statechart-heading">{t("roundPage.statechartHeading")}</h2>
        <Statechart picture={statechart} />
      </section>

      <RoundSettings settings={settings} />

      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">{t("roundsPage.column.proposals")}</h2>
        <ProposalTable
          list={proposals}
          label={t("roundPage.proposals.label")}
          caption={t("roundPage.proposals.caption")}
          empty={t("roundPage.proposals.empty")}
          showRound={false}
        />
      </section>

      {openDrafts ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">{t("roundPage.drafts.heading")}</h2>
          {openDrafts.rows.length ? <p>{t("roundPage.drafts.told")}</p> : null}
          <ProposalTable
            list={openDrafts}
            label={t("roundPage.drafts.label")}
            caption={t("roundPage.drafts.caption")}
            empty={t("roundPage.drafts.empty")}
            showRound={false}
          />
        </section>
      ) : null}

      <RoundHistory history={history} />
    </>
  );
}
