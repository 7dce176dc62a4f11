import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { RoundEventType } from "../../workflows/round.machine";
import { FormErrors } from "../components/fields";
import { ProposalTable } from "../components/proposal-table";
import { proposalCountText, ROUND_MODE_LABELS, RoundStateBadge } from "../components/round";
import { RoundActionFormCard, RoundHistory, RoundSettings } from "../components/rounds/round-page";
import { Statechart } from "../components/statechart";
import { readForm } from "../forms.server";
import { administratorActor } from "../auth/actors.server";
import { requestedPage } from "../pagination.server";
import { requirePermission } from "../permissions.server";
import { roundExists } from "../rounds/manage.server";
import { roundCommandOf, roundIdOf, roundNotFound, roundPage } from "../rounds/round-page.server";
import { roundActionSchema } from "../rounds/round-schema";
import { applyRoundCommand } from "../rounds/workflow.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.code ?? "Round"} · TAF portal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const page = roundPage(roundIdOf(params.roundId), admin, requestedPage(request), requestedPage(request, "drafts"));
  return { ...page, round: { ...page.round, proposals: proposalCountText(page.round.submitted, page.round.drafts) } };
}

const NOTICES: Record<RoundEventType, string> = { OPEN: "opened", CLOSE: "closed", REOPEN: "reopened", ARCHIVE: "archived", CANCEL: "cancelled" };
const EVENTS = Object.keys(NOTICES) as RoundEventType[];

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manageRounds");
  const roundId = roundIdOf(params.roundId);
  if (!roundExists(roundId)) roundNotFound();
  const formData = await readForm(request);
  const event = EVENTS.find((type) => type === formData.get("event"));
  if (!event) {
    throw new Response("The portal does not know what to do with this form. Reload the page and try again.", { status: 400, statusText: "Bad Request" });
  }
  const submission = parseWithZod(formData, { schema: roundActionSchema });
  if (submission.status !== "success") return { event, result: submission.reply() };
  const outcome = applyRoundCommand({ roundId, expectedVersion: submission.value.version, actor: administratorActor(admin), command: roundCommandOf(submission.value) });
  // Refused by the statechart, or changed by someone else: said beside the form, with what was typed.
  if (!outcome.ok) return { event, result: submission.reply({ formErrors: [outcome.message] }) };
  // No audit row: round_events is the round's record of who did what.
  throw redirect(`/admin/rounds/${roundId}?notice=${NOTICES[event]}`);
}

type ActionData = { event: RoundEventType; result: SubmissionResult<string[]> };

export default function Round() {
  const { round, settings, actions, history, proposals, openDrafts, statechart, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const notices: Record<string, string> = {
    created: `The round is added as planned. The portal opens it on ${round.opens}, unless you open it earlier here.`,
    opened: "The round is open: applicants can submit proposals.",
    closed: "The round is closed: it accepts no more proposals.",
    reopened: `The round is open again${round.closes ? ` until ${round.closes}` : ""}.`,
    archived: "The round is archived.",
    cancelled: "The round is cancelled: it will not open.",
    edited: "Your changes to the round are saved.",
    unchanged: "Nothing was changed: the round is as it was.",
  };
  const notice = notices[searchParams.get("notice") ?? ""];
  // An answer about a form this page no longer offers (someone else moved the round meanwhile).
  const orphanErrors = actionData && !actions.includes(actionData.event) ? Object.values(actionData.result.error ?? {}).flatMap((errors) => errors ?? []) : [];
  return (
    <>
      <p>
        <Link to="/admin/rounds">← Submission rounds</Link>
      </p>
      <div className="page-head">
        <h1>
          <span className="reference">{round.code}</span> {round.title}
        </h1>
        <RoundStateBadge state={round.state} label={round.stateLabel} />
      </div>
      {notice && !actionData ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
      {round.description ? <p className="prose">{round.description}</p> : null}
      {editable ? <p><Link to={`/admin/rounds/${round.id}/edit`}>Edit the round: title, guidance, times, what it offers and its limits</Link></p> : null}
      <p><Link to={`/admin/rounds/${round.id}/review`}>Review desk: assign reviewers and see conflicts of interest</Link></p>
      <p><Link to={`/admin/rounds/${round.id}/decisions`}>Decisions: record, hold and release the selection outcomes</Link></p>
      <p><Link to={`/admin/rounds/${round.id}/report`}>Steering committee report: the round's proposals, decisions, implementation and lessons learnt, to print or download as PDF</Link></p>
      <dl className="facts">
        <dt>Intake</dt>
        <dd>{ROUND_MODE_LABELS[round.mode]}</dd>
        <dt>Opens</dt>
        <dd>{round.opens}</dd>
        <dt>Closes</dt>
        <dd>{round.closes ?? <span className="muted">No closing time: rolling intake is closed by an administrator</span>}</dd>
        <dt>Proposals</dt>
        <dd>{round.proposals}</dd>
        <dt>Added</dt>
        <dd>{round.created}</dd>
      </dl>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">What you can do now</h2>
        <FormErrors errors={orphanErrors} />
        {actions.length ? (
          <div className="action-forms">
            {actions.map((event) => (
              <RoundActionFormCard key={event} event={event} round={round} lastResult={actionData?.event === event ? actionData.result : undefined} />
            ))}
          </div>
        ) : (
          <p className="empty">Nothing more can happen to this round: it is {round.stateLabel.toLowerCase()}.</p>
        )}
      </section>

      <section aria-labelledby="statechart-heading">
        <h2 id="statechart-heading">Where the round is</h2>
        <Statechart picture={statechart} />
      </section>

      <RoundSettings settings={settings} />

      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals</h2>
        <ProposalTable list={proposals} label="proposals of this round" caption="Proposals of this round, most recently changed first" empty="No proposal has been started in this round yet." showRound={false} />
      </section>

      {openDrafts ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">Drafts not submitted before the round closed</h2>
          {openDrafts.rows.length ? <p>Their lead institutions' applicants were told by e-mail when the round closed.</p> : null}
          <ProposalTable list={openDrafts} label="drafts not submitted" caption="Drafts still open in this closed round" empty="Every proposal started in this round was submitted or discarded." showRound={false} />
        </section>
      ) : null}

      <RoundHistory history={history} />
    </>
  );
}
